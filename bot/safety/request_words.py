"""Words shared by the refusal rules: ketamine's names, medicines, changing a medicine.

Used by :mod:`bot.safety.request_rules` and :mod:`bot.safety.medical_advice_rules`.
"""

from __future__ import annotations

# Ketamine by the names visitors use, and "it" / "this" / "the therapy" pointing at it;
# shared by the eligibility rules below.
KETAMINE_NAMES = r"ketamine|kap|esketamine|spravato"
THE_TREATMENT = rf"(?:{KETAMINE_NAMES}|it|this|(?:\w+\s+){{0,2}}(?:treatment|therapy|infusions?))"

# Psychiatric and other medicines people name; shared by the rules below.
MEDICINE_NAMES = (
    r"antidepressants?|ssris?|snris?|maois?|benzos?|benzodiazepines?|lithium|"
    r"lamotrigine|lamictal|prozac|zoloft|lexapro|wellbutrin|effexor|cymbalta|xanax|klonopin|"
    r"ativan|valium|adderall|ritalin|vyvanse|seroquel|abilify|antipsychotics?|stimulants?|"
    r"sleeping pills"
)
DRUG = (
    r"(?:ketamine|esketamine|spravato|meds|medications?|medicines?|pills|tablets|lozenges?|"
    rf"troches?|{MEDICINE_NAMES}|alcohol|weed|cannabis|marijuana|dose|dosage|doses)"
)
# "two lozenges", "an extra pill": a count is the visitor's own dose too.
MY_DRUG = (
    r"(?:(?:my|the|all|any|all my|two|three|another|an\s+extra|extra|more|an?|some)\s+(?:\w+\s+)?)?"
    rf"{DRUG}"
)
# A named kind of medicine, as opposed to "medication" in general: whether two named
# medicines go together is the prescriber's to say, while "does ketamine interact with other
# medications?" is the interactions answer's.
NAMED_DRUG = (
    rf"(?:{MEDICINE_NAMES}|opioids?|opiates?|painkillers?|suboxone|methadone|naltrexone|"
    r"gabapentin|mood stabilizers?)"
)
# A visitor's other medicines (not ketamine itself: "will I need to take ketamine again?"
# asks about the course of treatment), with what usually comes before them: "any of my
# medications", "my other psychiatric medications", "the use of antidepressants".
OTHER_DRUG = rf"(?:meds|medications?|medicines?|pills|{NAMED_DRUG})"
THEIR_OTHER_DRUG = (
    r"(?:(?:the\s+use\s+of\s+)?(?:(?:any|some|all|one|none)\s+of\s+)?(?:my|your|the|any|all|"
    rf"some)?\s*(?:\w+\s+){{0,2}})?{OTHER_DRUG}"
)
# Stopping, keeping or changing a medicine; "take" only after "need to", "have to"...
CHANGE = (
    r"(?:stop|quit|come\s+off|go\s+off|taper(?:\s+off)?|discontinue|keep\s+taking|"
    r"continue\s+taking|stay\s+on|keep|continue|change|switch|reduce|lower|cut\s+down\s+on)"
)
MUST = r"(?:need\s+to|have\s+to|be\s+able\s+to|be\s+allowed\s+to|get\s+to)"
