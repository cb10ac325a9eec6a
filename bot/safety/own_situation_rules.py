"""Rules for requests about the visitor's own situation that the older rule lists missed
(FAQ blind 24): what to do about their own symptom or medicine, which option to choose,
and whether a fact about them keeps them out. Checked by
:func:`bot.safety.request_rules.match_request` after the older rules of the same intent.
"""

from __future__ import annotations

from bot.safety.medical_advice_rules import MEDICAL_ADVICE
from bot.safety.request_words import KETAMINE_NAMES

# Changing one's own medicine: "is it ok if I lower my lamotrigine so ketamine works better".
_CHANGE_VERBS = r"(?:lower|reduce|cut|raise|increase|up|double|halve|skip|stop|drop|taper|pause)"
_OWN_MEDICINE_WORDS = (
    r"(?:birth\s+control|the\s+pill|pill|pills|meds|medications?|medicines?|prescriptions?|"
    r"antidepressants?|[a-z]{3,}(?:pril|olol|sartan|etine|raline|alopram|azepam|trigine|zodone))"
)

OWN_SITUATION_ADVICE: tuple[str, ...] = (
    rf"\bis\s+it\s+(?:ok|okay|safe|fine|alright|all\s+right)\s+(?:if\s+i|for\s+me\s+to)\s+"
    rf"(?:just\s+)?{_CHANGE_VERBS}\s+(?:my|the)\b",
    # Taking the lozenge another way: "I keep gagging on the troche, can I just swallow it?"
    r"\b(?:can|could|should)\s+i\s+(?:just\s+)?(?:swallow|chew|crush|spit(?:\s+out)?)\s+"
    r"(?:it|them|the\s+\w+|my\s+\w+)\b",
    # A symptom of one's own: "what should I do if I still feel dizzy the day after".
    r"\bwhat\s+(?:should|do|must)\s+i\s+do\s+(?:if|when|about)\s+i\s+(?:still\s+)?"
    r"(?:feel|have|get|keep|am|start)\b",
    r"\bshould\s+i\s+(?:get|have)\s+(?:it|that|this|them|those)\s+(?:checked|looked\s+at|"
    r"seen\s+to|examined)\b|\bshould\s+i\s+(?:see|call)\s+(?:a|my)\s+doctor\b",
    # Choosing for oneself: "Spravato or lozenges, which one should I go with".
    r"\bwhich\s+(?:one|option|route|form|medication|treatment|kind)\s+should\s+i\s+"
    r"(?:go\s+with|choose|pick|do|try|get|start)\b",
    # A medicine of one's own to take for it: "should I take a propranolol?" (FAQ blind 25).
    rf"\bshould\s+i\s+take\s+(?:a\s+|an\s+|my\s+|some\s+)?{_OWN_MEDICINE_WORDS}\b",
    # One's own medicine and ketamine: "does ketamine make my birth control less effective".
    rf"\b(?:does|will|would|can|could|might)\s+(?:{KETAMINE_NAMES}|it|this|the\s+treatment)\s+"
    rf"(?:make\s+my\s+(?:\w+\s+){{1,2}}(?:less|more)\s+effective|(?:interfere|interact|mess)\s+"
    rf"with\s+my|(?:affect|weaken|cancel(?:\s+out)?|reduce)\s+my\s+{_OWN_MEDICINE_WORDS})",
    # After FAQ blind 26: more of one's dose ("my lozenge doesn't feel strong enough, can I
    # just take two?"), one's own dose skipped or changed ("should I eat before my session or
    # skip my dose?"), a change to one's medicine and the treatment ("will that mess with my
    # ketamine treatment?"), which is safer for oneself ("would it be safer for me to switch").
    r"\b(?:can|could|should)\s+i\s+(?:just\s+)?take\s+(?:two|2|three|3|another|more|an\s+extra|"
    r"extra|a\s+double|double|a\s+second)\b(?!\s+(?:\w+\s+){0,2}(?:sessions?|questions?|"
    r"appointments?|visits?|days?|weeks?|months?|infusions?|rounds?|courses?))",
    rf"\b(?:should|can|could|do|must)\s+i\s+(?:\w+\s+){{0,6}}?(?:skip|double|halve|lower|raise|"
    rf"change)\s+my\s+(?:dose|dosage|{_OWN_MEDICINE_WORDS})\b(?!\s+answer)",
    r"\b(?:will|would|could|does|might)\s+(?:that|this|it)\s+(?:mess|interfere|interact)\s+with\s+"
    r"my\s+(?:ketamine|kap|treatment|sessions?)\b",
    r"\bwould\s+it\s+be\s+(?:safer|better|worse|riskier)\s+for\s+me\s+to\b",
)

# Every rule for a request for medical advice, older lists first.
ALL_MEDICAL_ADVICE: tuple[str, ...] = MEDICAL_ADVICE + OWN_SITUATION_ADVICE

OWN_ELIGIBILITY: tuple[str, ...] = (
    # A fact that may keep them out: "my bp runs around 150/95, would that keep me out".
    r"\b(?:would|will|could|does|do|might)\s+(?:that|this|it|my\s+\w+(?:\s+\w+)?)\s+"
    r"(?:keep|rule|disqualify|exclude|stop|prevent|bar)\s+me\b",
    # Switching to the clinic's treatment: "im on spravato now, would i be able to switch".
    r"\b(?:would|will|could|can)\s+i\s+(?:be\s+able\s+to\s+)?switch\s+(?:over\s+)?"
    r"(?:from\s+\w+\s+)?(?:to\s+(?:kap|ketamine|you|your|this)|with\s+you)\b"
    r"|\bwould\s+i\s+be\s+able\s+to\s+switch\b",
    # Someone close, or a fact, after FAQ blind 25: "is she a candidate", "would he be
    # eligable", "is that a problem for qualifying", "does that mean no ketamine for me",
    # Italian "posso fare la terapia se…".
    r"\b(?:is|would|will|could|might)\s+(?:he|she|they|my\s+\w+)\s+(?:be\s+)?(?:a\s+(?:good\s+)?"
    r"candidate|elig[aeiy]ble|qualified)\b",
    r"\b(?:is|would|will|could)\s+(?:that|this|it)\s+(?:be\s+)?an?\s+(?:problem|issue)\s+for\s+"
    r"(?:qualifying|getting\s+in|eligibility|being\s+accepted)\b",
    r"\bno\s+(?:ketamine|kap|treatment|therapy)\s+for\s+me\b",
    r"\bposso\s+(?:fare|ricevere|iniziare)\s+(?:la|il|questa|questo)\s+(?:terapia|trattamento)\b",
    # After FAQ blind 26: "my son is 16 and really depressed, can he be treated here?", "is
    # that enough to qualify".
    r"\b(?:can|could|would|will)\s+(?:he|she|they|my\s+\w+)\s+(?:be\s+(?:treated|seen|accepted)|"
    r"get\s+(?:treated|treatment|kap|ketamine))\b",
    r"\b(?:is|would)\s+(?:that|this|it)\s+(?:be\s+)?enough\s+to\s+(?:qualify|be\s+eligible|"
    r"get\s+in)\b(?!\s+for\s+(?:insurance|coverage|reimbursement|financing|a\s+discount))",
    # "¿Sería yo buen candidato para la terapia con ketamina?"
    r"\bser[ií]a\s+(?:yo\s+)?(?:un[a]?\s+)?(?:buen[a]?\s+)?candidat[oa]\b",
)
