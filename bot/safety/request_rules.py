"""Rule-based recognition of requests with a fixed answer (used by CrisisDetector): those
the assistant must refuse, asking for a person, and asking for the pre-screening.

The trained intents ``medical_advice`` / ``eligibility_question`` / ``manipulation`` miss
phrasings, and a miss can route a dosing question to a related FAQ answer. These regular
expressions catch the personal, unambiguous forms ("should I stop my Zoloft", "am I a
candidate", "ignore your rules") so the fixed refusal is given. Pure and testable alone.
Order matters: manipulation, eligibility, medical advice, a person, the pre-screening.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.safety.own_situation_rules import ALL_MEDICAL_ADVICE, OWN_ELIGIBILITY
from bot.safety.person_request_rules import PERSON_REQUEST, START_SCREENING
from bot.safety.request_words import KETAMINE_NAMES, THE_TREATMENT

# Someone close the visitor may ask for: "would my son qualify", "can my husband do this".
_RELATIVE = (
    r"(?:son|daughter|husband|wife|partner|mom|mum|mother|dad|father|brother|sister|friend|"
    r"child|kid|boyfriend|girlfriend)"
)
# The treatment, or a word pointing at it: "would ketamine work for me", "will it help me".
_IT_OR_TREATMENT = rf"(?:{KETAMINE_NAMES}|it|this|that|(?:the\s+)?treatment|[\w-]+\s+therapy)"

PATTERNS: dict[str, tuple[str, ...]] = {
    "manipulation": (
        r"\bignore\s+(?:all\s+|your\s+|the\s+|any\s+)*(?:previous\s+|prior\s+|above\s+)?"
        r"(?:rules|instructions|guidelines|restrictions|programming)\b",
        r"\b(?:forget|disregard|drop)\s+(?:all\s+|your\s+|the\s+)*(?:rules|guidelines|"
        r"instructions|restrictions)\b",
        r"\byou(?:'re| are)\s+(?:now\s+)?(?:a|my)\s+(?:real\s+)?(?:doctor|psychiatrist|nurse|"
        r"therapist|clinician|physician|prescriber)\b",
        r"\b(?:pretend|act|roleplay|role-play|role play|play)\b.{0,30}\b(?:doctor|psychiatrist|"
        r"nurse|therapist|clinician|physician|no rules|no restrictions)\b",
        r"\b(?:developer|dev|jailbreak|god|unrestricted)\s+mode\b",
        r"\bas\s+dan\b|\byou\s+are\s+dan\b",
        r"\b(?:override|bypass|disable|turn off|switch off)\s+(?:your\s+|the\s+|all\s+)?"
        r"(?:safety|rules|restrictions|filters|guardrails)\b",
        r"\bsystem prompt\b",
        r"\b(?:there are|with|you have)\s+no\s+(?:rules|restrictions|limits)\b",
        r"\b(?:rules|guidelines)\s+(?:don't|do not)\s+apply\b",
        r"\bi'?m\s+a\s+(?:doctor|nurse|clinician|physician|pharmacist)\b.{0,20}\byou\s+can\b",
    ),
    "eligibility_question": (
        # Asked for someone close: "My son is 23 ... Would he qualify?"
        rf"\b(?:would|will|could|can|does|do)\s+(?:he|she|they|my\s+(?:\w+\s+)?{_RELATIVE})\s+"
        r"(?:\w+\s+)?(?:qualify|be\s+(?:eligible|accepted|approved|a\s+(?:good\s+)?candidate))\b",
        # Being taken on: "can I still be a patient of yours", "before you'd take me".
        r"\bcan\s+i\s+(?:still\s+)?be\s+(?:a\s+|your\s+)?(?:patient|client)\b",
        # After FAQ blind 16: whom the clinic takes on ("would you take someone with a history
        # of cocaine use", "do you accept people with ptsd"; "do you treat people with ptsd"
        # asks which conditions, an answer of its own), being kept out ("does having adhd
        # exclude me"), getting in ("can someone with an eating disorder get in"), skipping
        # the usual steps ("can i go straight to ketamine").
        r"\b(?:do|will|would|can)\s+(?:you|u|they|the\s+clinic)\s+(?:take|accept)\s+(?:patients|people|"
        r"clients|someone|somebody|anyone)\s+(?:with|who)\b",
        # After FAQ blind 17: being accepted in French and Portuguese ("est-ce que je pourrais
        # être accepté si...", "posso ser aceito"), "is this still an option for me", "should I
        # do KAP or stick with regular therapy".
        r"\b(?:je\s+pourrais|pourrais-je|puis-je|je\s+peux|je\s+serais)\s+(?:[êe]tre\s+)?"
        r"(?:accept[ée]e?|admise?|pris[e]?\s+en\s+charge)\b"
        r"|\b(?:posso|poderia|seria)\s+(?:ser\s+)?(?:aceit[oa]|admitid[oa])\b|\bme\s+aceitariam\b",
        r"\bis\s+(?:this|it|that|ketamine|kap|(?:the\s+)?treatment)\s+still\s+(?:an\s+option|possible|"
        r"ok|okay)\s+for\s+me\b",
        rf"^(?!.*\b(?:instead|rather\s+than|dose|mg)\b).*\bshould\s+i\s+(?:do|get|start)\s+"
        rf"(?:{KETAMINE_NAMES})\b.{{0,40}}\bor\b",
        r"\b(?:exclude|excludes)\s+me\b",
        r"\b(?:someone|somebody|people)\s+with\s+(?:an?\s+)?\w+(?:\s+\w+)?\s+(?:get|be\s+let)\s+in\b",
        r"\bcan\s+i\s+(?:just\s+)?(?:go|skip)\s+(?:straight|directly|right)\s+to\s+(?:ketamine|kap|"
        r"(?:the\s+)?treatment|this)\b",
        r"\b(?:you'?d|you\s+would|would\s+(?:you|u)|you'?ll|will\s+(?:you|u))\s+(?:\w+\s+){0,2}"
        r"(?:take|accept|approve)\s+me\b",
        r"\baffects?\s+whether\s+i\s+(?:can|could|would|will|am)\b",
        # After FAQ blind 21: "will that stop me getting accepted?", "does that matter for
        # whether I can be treated?".
        r"\b(?:stop|keep|prevent|bar)\s+me\s+(?:from\s+)?(?:getting|being)\s+(?:accepted|approved|"
        r"treated|admitted|in)\b|\bwhether\s+i\s+(?:can|could|would|will)\s+(?:\w+\s+)?(?:be\s+"
        r"(?:treated|accepted|approved|eligible)|qualify|get\s+(?:ketamine|treatment|in))\b",
        r"\bkomme\s+ich\b.{0,40}\bin\s+frage\b",
        # After FAQ blind 22: "je pourrais être éligible", "eu me qualifico", "does that make me
        # ineligable", "would it work in my situation".
        r"\b(?:je\s+(?:\w+\s+){0,2}|suis-je\s+|serais-je\s+)[ée]ligible\b|\bme\s+(?:qualifico|"
        r"califico)\b|\b(?:sou|seria|serei|soy|ser[ií]a)\s+(?:eleg[ií]vel|elegible)\b",
        r"\bmakes?\s+me\s+(?:\w+\s+)?(?:ineligible|ineligable|inelligible|ineligble|disqualified|"
        r"unsuitable|not\s+eligible)\b|\b(?:work|help)\s+(?:in|for)\s+my\s+(?:situation|case)\b",
        # "is that going to be an automatic no", "does that make me a bad fit", "could i be a
        # fit", "a problem for getting approved", "bad enough to qualify", "does that mean i
        # cant do this".
        r"\bautomatic(?:ally)?\s+(?:no|rejected|rejection|disqualified|disqualification)\b",
        r"\bmakes?\s+me\s+(?:\w+\s+)?(?:a\s+)?(?:bad|poor|good|great|better|worse)\s+(?:fit|"
        r"candidate|match)\b",
        r"\b(?:could|would|can|might)\s+i\s+(?:still\s+)?be\s+a\s+(?:\w+\s+)?(?:fit|candidate)\b",
        r"\b(?:problem|issue|dealbreaker)\s+for\s+(?:getting|being)\s+(?:approved|accepted)\b",
        r"\b(?:bad|severe|sick|serious)\s+enough\s+(?:to\s+(?:qualify|be\s+(?:accepted|eligible|"
        r"approved)|get\s+(?:ketamine|treatment|in))|for\s+(?:ketamine|kap|treatment|this))\b",
        r"\b(?:does|would)\s+(?:that|this|it)\s+mean\s+i\s+(?:can'?t|cannot|won'?t\s+be\s+able\s+to)\b",
        # "Does that mean I'm not a good candidate?" (FAQ blind 15).
        r"\bmean\s+i(?:'m|\s+am)\s+(?:not\s+)?(?:a\s+)?(?:\w+\s+)?(?:candidate|fit|eligible|ineligible|"
        r"qualified|disqualified)\b",
        # "Kann ich mit PTBS an der Ketamin-Therapie teilnehmen?", "¿puedo hacerlo si tengo
        # epilepsia?", "est-ce que je peux le faire si j'ai ...".
        r"\b(?:kann|darf)\s+ich\s+(?:mit|trotz)\s+\w+.{0,60}\b(?:teilnehmen|machen|bekommen|"
        r"behandelt\s+werden)\b|\bpuedo\b.{0,60}\bsi\s+tengo\b|\b(?:puis-je|je\s+peux)\b.{0,60}"
        r"\bsi\s+j'ai\b",
        r"\bam\s+i\s+(?:\w+\s+)?(?:eligible|ineligible|qualified|suitable|a\s+(?:good\s+|"
        r"suitable\s+|possible\s+|likely\s+)?(?:candidate|fit)|too\s+(?:old|young|sick)|"
        r"an?\s+(?:appropriate|ideal|right|good|suitable)\s+(?:patient|candidate|fit))\b",
        r"(?:\b(?:do|would|will|could|can)\s+i|^me)\s+(?:\w+\s+)?(?:qualify|pass|meet\s+the\s+"
        r"(?:criteria|requirements)|be\s+(?:accepted|approved|eligible|rejected|a\s+candidate)|"
        r"get\s+(?:accepted|approved))\b",
        r"\b(?:will|would|are|is)\s+(?:they|you|the\s+clinic|the\s+team|the\s+care\s+team)\s+"
        r"(?:\w+\s+)?(?:accept|approve|take|reject|turn\s+down)\s+me\b",
        r"\b(?:disqualify|disqualifies)\s+me\b|\brule\s+me\s+out\b",
        r"\bsomeone\s+(?:you|they)(?:'d|'ll|\s+would|\s+will|\s+can)?\s+(?:accept|take\s+on|treat)\b",
        r"\bdid\s+i\s+pass\b",
        r"\bchances\s+of\s+(?:being|getting)\s+(?:accepted|approved)\b",
        r"\b(?:is|was)\s+my\s+score\s+(?:\w+\s+)?enough\b",
        r"\b(?:someone|somebody|people)\s+(?:like\s+me|with\s+(?:my|\w+))\b.{0,30}\b"
        r"(?:allowed|eligible|get\s+ketamine|get\s+treatment|(?:be|get)\s+(?:approved|accepted)|"
        r"qualify)\b",
        # One person with something, doing it: "can someone with ptsd do this" (not "can
        # people with heart disease do it", which asks who may not be suited).
        r"\b(?:someone|somebody)\s+(?:like\s+me|with\s+(?:my|\w+))\b.{0,30}\b(?:do\s+(?:this|it|"
        r"ketamine|kap|the\s+treatment)|try\s+(?:this|it|ketamine|kap))\b",
        r"\bcan\s+i\s+get\s+(?:ketamine|treatment|kap)\s+if\s+i\b",
        # Clinic FAQ headings ask the reader: "Is ketamine therapy right for you?", "How
        # do I know if it is right for me?". Whether it is, is the care team's to say.
        r"\b(?:right|suitable|appropriate|a\s+good\s+fit|the\s+right\s+(?:choice|option|"
        r"treatment|fit))\s+for\s+(?:me|you|my\s+\w+)\s*(?:\?|$|\.|,|!|(?:versus|vs\.?|or|"
        r"compared|instead|if\s+i|given|since\s+i|when\s+i)\b)",
        # "How do I know if ketamine is for me?", "is KAP for me?" (not "let's find out if
        # this is for me", which asks to start the pre-screening).
        r"(?:\b(?:know|tell|decide|sure|wonder\w*)\s+(?:if|whether)\s+|\bis\s+)(?:ketamine|kap|"
        r"esketamine|spravato|it|this|that)(?:\s+(?:therapy|treatment|infusions?))?\s+"
        r"(?:is\s+)?(?:really\s+)?for\s+me\b",
        r"\b(?:do|would|will)\s+you\s+recommend\s+(?:ketamine|kap|esketamine|spravato|it|this|"
        r"(?:the\s+)?treatment|[\w-]+\s+therapy)\b",
        r"\bcan\s+(?:anyone|anybody|everyone|everybody)\s+(?:receive|get|have|try|do|take|"
        r"use|start|undergo)\b",
        # Age limits decide who is seen: "How old do I have to be?", "minimum age".
        r"\bhow\s+old\s+(?:do|must|should|does|would)\s+(?:i|you|one|someone|a\s+\w+)\s+"
        r"(?:have\s+to\s+|need\s+to\s+)?be\b|\b(?:minimum|maximum|youngest|oldest)\s+age\b"
        r"|\bage\s+(?:limits?|requirements?|restrictions?|range|ranges|groups?|cut-?offs?)\b",
        r"\bwho\s+(?:is|are)\s+(?:\w+\s+)?(?:eligible|qualified|a\s+(?:good\s+|suitable\s+|"
        r"ideal\s+|right\s+)?candidate|(?:good|suitable|ideal|right)\s+candidates)\b",
        r"\bwhat\s+(?:patients|people|kinds?\s+of\s+(?:patients|people))\s+(?:are|make)\s+"
        r"(?:\w+\s+)?candidates\b",
        r"\bwho\s+(?:can|could|may|might|should|would)\s+(?:\w+\s+)?(?:receive|get|have|try|"
        r"qualify|be\s+treated|be\s+considered|undergo|start|benefit|consider)\b",
        # "Who actually qualifies for Spravato?" ("who typically benefits" asks which
        # conditions it treats, an answer of its own).
        r"\bwho\s+(?:\w+\s+)?qualifies\b",
        # "Ketamine for OCD: is it the right next step?", "Is ketamine treatment for bipolar
        # disorder for you?": whether it is, is the care team's to say.
        r"\bis\s+(?:it|this|ketamine|kap|esketamine|spravato)\s+(?:\w+\s+)?the\s+right\s+"
        r"(?:next\s+)?(?:step|choice|option|treatment|move)\b",
        r"\bis\s+(?:ketamine|kap|esketamine|spravato)\b.{0,60}\bfor\s+you\s*[?.!]?\s*$",
        # Clinic headings about whom the clinic sees: "What types of patients can be seen
        # at …?", "Who do we treat at …?" (not "what conditions do you treat").
        r"\bwhat\s+(?:types?|kinds?|sorts?)\s+of\s+(?:patients|people|clients)\s+(?:can|do|does|"
        r"will|are|is)\s+(?:\w+\s+){0,3}?(?:see|seen|treat|treated|accept|accepted|help|work\s+with)\b",
        r"\bwho\s+(?:do|does|will|can)\s+(?:you|we|they|the\s+clinic|\w+)\s+(?:treat|accept)\b",
        # Whether the visitor may have it given something about them: "I have high blood
        # pressure but it's controlled, can I still do ketamine?", "can I do this if I have
        # an anxiety disorder", "is ketamine therapy something I could do? im 19", "would
        # it work for someone like me".
        r"\b(?:can|could|may)\s+i\s+still\s+(?:do|have|get|try|start|use|receive)\b",
        r"\b(?:can|could|may)\s+i\s+(?:do|have|get|try|start|use|receive)\s+(?:ketamine|kap|"
        r"esketamine|spravato|this|it|(?:the\s+|this\s+)?(?:treatment|therapy))\s+(?:if|while|"
        r"since|given|even\s+though|with\s+my)\b",
        r"\bsomething\s+i\s+(?:could|can|should|might)\s+(?:do|try|have|get)\b",
        r"\b(?:work|help)\s+for\s+(?:someone|somebody|people|a\s+person)\s+like\s+me\b",
        # Whether something about the visitor keeps them out: "Would I be allowed to do
        # ketamine therapy?", "Am I automatically excluded?", "Would that keep me from being
        # accepted?", "Does that make me eligible here?", "is that going to be a problem
        # for me?"
        r"\b(?:would|will|could|am|is|are)\s+(?:i|that|this|it|they)\s+(?:\w+\s+)?(?:be\s+)?"
        r"(?:excluded|disqualified|ruled\s+out|a\s+dealbreaker)\b",
        # ("Am I allowed to drive the day of the infusion?" asks about the day.)
        r"\b(?:would|will|could|am)\s+i\s+(?:\w+\s+)?(?:be\s+)?allowed\s*(?:[?.!]*\s*$|to\s+(?:do|"
        rf"have|get|try|start|receive|begin)\s+{THE_TREATMENT}\b)",
        # ("conditions that would prevent me from receiving treatment" asks about everyone.)
        r"\b(?:would|will|does|could|might|can)\s+(?:that|this|it|my\s+\w+(?:\s+\w+)?)\s+"
        r"(?:\w+\s+)?(?:keep|stop|prevent|exclude|bar)\s+me\s+from\b",
        r"\bmakes?\s+me\s+(?:\w+\s+)?(?:eligible|ineligible|a\s+(?:good\s+)?candidate|qualify)\b",
        # Being turned away, or whom the clinic takes: "would I be turned away if I have a
        # heart condition", "do you take patients over 70?"
        r"\b(?:turn|turned|turns|send|sent)\s+(?:me\s+)?away\b",
        r"\b(?:do|will|would|can)\s+(?:you|they|the\s+clinic)\s+(?:take|treat|see|accept)\s+"
        r"(?:patients|people|clients|someone|anyone)\s+(?:over|under|older\s+than|younger\s+than|"
        r"aged?)\b",
        # In the other languages visitors write in: "¿califico?", "soy candidato", "bin ich
        # geeignet", "je suis éligible", "sou elegível".
        r"\b(?:califico|calificar[ií]a|soy\s+(?:un\s+|una\s+)?(?:buen[oa]?\s+)?candidat[oa]|"
        r"ser\s+candidat[oa]|soy\s+elegible|puedo\s+recibir\s+(?:el\s+)?tratamiento|"
        r"bin\s+ich\s+(?:[\w-]+\s+){0,4}geeignet|kann\s+ich\s+(?:\w+\s+){0,8}teilnehmen|"
        r"suis[- ]je\s+(?:\w+\s+)?(?:[ée]ligible|admissible|candidat)|"
        r"je\s+suis\s+(?:[ée]ligible|admissible|candidat)|"
        r"sou\s+(?:eleg[ií]vel|candidat[oa])|posso\s+fazer\s+o\s+tratamento)\b",
        # "¿me aceptarían como paciente?", "darf ich trotzdem mitmachen?", "est-ce que je peux
        # faire la thérapie chez vous".
        r"\b(?:me\s+aceptar[ií]an|me\s+aceptan|me\s+pueden\s+aceptar|aceptarme)\b"
        r"|\bdarf\s+ich\s+(?:\w+\s+){0,8}(?:mitmachen|teilnehmen|die\s+behandlung\s+machen)\b"
        r"|\bje\s+peux\s+(?:faire|suivre|recevoir|commencer)\s+(?:la\s+th[ée]rapie|le\s+traitement)\b",
        r"\b(?:going\s+to\s+be|be|is|a|an)\s+(?:a\s+|an\s+)?(?:problem|issue|concern)\s+for\s+"
        r"(?:me|my\s+(?:treatment|"
        r"therapy|application|intake))\b",
        # "Is KAP a good fit for someone whose main issue is trauma?", "Who is Spravato for?"
        r"^(?!.*\b(?:dose|doses|dosage|mg)\b).*"
        r"\b(?:right|suitable|appropriate|a\s+good\s+fit)\s+for\s+(?:someone|somebody|a\s+person"
        r"|people)\s+(?:whose|who|with|like)\b",
        rf"^\s*who\s+(?:is|are)\s+{THE_TREATMENT}\s+(?:really\s+|actually\s+|best\s+)?for\b",
        # After FAQ blind 20: the visitor as "someone with my ...", "someone like me"; "isso
        # me impede de fazer o tratamento" (does that stop me having the treatment).
        r"\b(?:someone|somebody|a\s+person|people)\s+(?:with\s+my|like\s+me)\b.{0,60}\b(?:good|"
        r"bad|poor|right|great)\s+(?:fit|candidate|match)\b",
        r"\b(?:me\s+impede|me\s+impide|m'emp[eê]che|hindert\s+mich)\b",
        # Whether to go for it at all: "Should I consider at-home ketamine therapy?" (not
        # "instead of an SSRI", the prescriber's comparison, read as medical advice).
        r"^(?!.*\b(?:instead|rather\s+than)\b).*\bshould\s+i\s+(?:even\s+)?(?:consider|"
        r"try|go\s+for|pursue|look\s+into|sign\s+up\s+for)\s+(?:[\w-]+\s+){0,2}"
        rf"(?:{KETAMINE_NAMES}|therapy|treatment|infusions?)\b",
        # What one must have been through first: "do I have to fail meds before?"
        r"\b(?:do|would|will|must)\s+i\s+(?:have|need)\s+to\s+(?:have\s+)?(?:fail(?:ed)?|tr(?:y|ied))"
        r"\s+(?:\w+\s+){0,3}(?:meds|medications?|antidepressants?|ssris?|treatments?|therap\w+)",
        # A statement about the visitor, then whether they can start: "i'm breastfeeding my
        # 4 month old, can i start ketamine treatment".
        r"\b(?:i'?m|i\s+am|i\s+have|i've|i\s+had|i\s+was)\b.{3,}\b(?:can|could|may)\s+i\s+"
        rf"(?:still\s+)?(?:start|begin|do|have|get|try|receive)\s+(?:{KETAMINE_NAMES}|"
        r"(?:the\s+|this\s+)?(?:treatment|therapy|infusions?))\b",
        # After FAQ blind 9: "am i automatically out", "does that mean you cant treat me",
        # a relative: "can she get kap".
        r"\b(?:am\s+i|i'?m|is\s+that)\s+(?:automatically\s+)?(?:out|excluded|disqualified|"
        r"ruled\s+out|rejected)\b",
        r"\b(?:can'?t|cannot|won'?t|will\s+not|wouldn'?t)\s+(?:be\s+able\s+to\s+)?treat\s+me\b",
        rf"\b(?:can|could|may)\s+(?:she|he|they)\s+(?:still\s+)?(?:get|have|do|try)\s+"
        rf"(?:{KETAMINE_NAMES}|(?:the\s+|this\s+)?(?:treatment|therapy|infusions?))\b",
        # After FAQ blind 10: "will you still treat me", "would you consider me", "is it off
        # the table for me", "would i be able to do KAP", "is KAP ok for me", "can i do it"
        # after something about the visitor, "¿puedo hacer el tratamiento si tengo...?".
        r"\b(?:you'?d|you\s+would|would\s+(?:you|u)|you'?ll|will\s+(?:you|u)|do\s+(?:you|u)|"
        r"can\s+(?:you|u))\s+(?:still\s+)?(?:treat|consider|see|work\s+with)\s+me\b",
        r"\b(?:off\s+the\s+table|out\s+of\s+the\s+question|not\s+an\s+option)\s+for\s+me\b",
        r"\b(?:would|will|could)\s+i\s+(?:still\s+)?be\s+able\s+to\s+(?:do|have|get|try|start|"
        rf"receive|begin)\s+{THE_TREATMENT}\b",
        rf"\bis\s+{THE_TREATMENT}\s+(?:ok|okay|alright|possible|an\s+option)\s+for\s+me\b(?!\s+to\b)",
        r"\b(?:i'?m|i\s+am|i\s+have|i've|i\s+had|i\s+was)\b.{3,}\b(?:can|could|may)\s+i\s+"
        r"(?:still\s+)?(?:do|have|try|get)\s+(?:it|this|that)\s*[?.!]*\s*$",
        # (Not after "tomo fluoxetina ...": taking it with one's medicine is medical advice.)
        r"^(?!.*\b(?:tomo|estoy\s+tomando)\b).*"
        r"\bpuedo\s+(?:hacer|recibir|tomar|empezar)\s+(?:el\s+tratamiento|la\s+terapia|ketamina)\b",
        # After FAQ blind 11: "do you think ketamine would help me", "do u think im a good fit",
        # "is it ok for someone with a heart condition".
        r"\b(?:do|would)\s+(?:you|u)\s+think\s+(?:ketamine|kap|esketamine|spravato|it|this|the\s+"
        r"treatment|[\w-]+\s+therapy)\s+(?:would|will|could|can|might)\s+(?:\w+\s+)?(?:help|work\s+"
        r"for)\s+me\b",
        r"\b(?:do|would)\s+(?:you|u)\s+think\s+(?:i'?m|im|i\s+am|i'?d\s+be|i\s+would\s+be)\s+(?:a\s+)?"
        r"(?:\w+\s+)?(?:fit|candidate|eligible)\b",
        r"\bis\s+(?:it|this|ketamine|kap|(?:the\s+)?treatment)\s+(?:ok|okay|alright)\s+for\s+"
        r"(?:someone|somebody|a\s+person)\s+(?:with|who)\b",
        # After FAQ blind 12: whether the treatment would work for the visitor ("would
        # ketamine work for me", "is it likely to work for me since SSRIs did nothing"),
        # which no one can promise. Not "would it help my migraines" or "can it help me stop
        # drinking", which the answers about those conditions serve, nor "how fast will it
        # work for me", the timing.
        rf"^(?!.*\b(?:how|when)\b).*\b(?:will|would|could|can|might|is|does)\s+{_IT_OR_TREATMENT}\s+"
        r"(?:\w+\s+){0,2}?(?:work|help|fix|cure|treat)\s+(?:(?:for|with)\s+)?"
        r"me\s*(?:[?.!,]|$|(?:since|because|if|given|at\s+all|personally)\b)",
        rf"^(?!.*\b(?:how|when)\b).*\b(?:think|guess|reckon|suppose)\s+{_IT_OR_TREATMENT}\s+"
        r"(?:will|would|could|might|can)\s+(?:\w+\s+)?(?:work|help|fix|cure|treat)\s+"
        r"(?:(?:for|with)\s+)?(?:me\b|my\s+(?!(?:brain|body|mind)\b)\w+)",
        # After FAQ blind 13: "do you think it would do the same for me", "do you think i'd
        # get approved?", "can my 70 year old mom do ketamine therapy".
        rf"\b(?:think|guess|reckon|suppose)\s+{_IT_OR_TREATMENT}\s+(?:will|would|could|might|can)\s+"
        r"do\s+the\s+same\s+(?:for|with)\s+me\b",
        r"\b(?:think|guess|reckon|suppose)\s+(?:i'?d|i\s+would|i'?ll|i\s+will|i\s+could|i\s+can)\s+"
        r"(?:\w+\s+)?(?:qualify|get\s+(?:accepted|approved|in)|be\s+(?:accepted|approved|eligible))\b",
        # A relative doing it ("can my husband do this?"), an age then "can I" ("I'm 17, can
        # I sign up?"), the verdict itself ("just tell me yes or no, can i get ketamine").
        rf"\b(?:can|could|may)\s+my\s+(?:[\w-]+\s+){{0,3}}{_RELATIVE}\s+(?:still\s+)?"
        rf"(?:do|have|get|try|start|receive)\s+{THE_TREATMENT}\b",
        r"\b(?:i'?m|i\s+am)\s+(?:only\s+|just\s+)?\d{1,2}(?:\s+(?:years?\s+old|yo|y/o))?\b.{0,30}"
        r"\b(?:can|could|may)\s+i\b",
        rf"\bcan\s+i\s+(?:get|have|do|try)\s+(?:{KETAMINE_NAMES})\s*[?.!]*\s*$",
        # After FAQ blind 14: a relative with something about them ("can my 80 year old dad
        # with heart failure do KAP", "my mom is 72 and has dementia, could she do this"),
        # signing up after something about oneself ("I'm breastfeeding, can I still sign
        # up"), a clinic named ("could Alaska Compass treat me"), "je serais accepté".
        rf"\b(?:can|could|may|would|will)\s+my\s+(?:[\w-]+\s+){{0,3}}{_RELATIVE}\b.{{0,40}}\b"
        rf"(?:do|have|get|try|start|receive)\s+{THE_TREATMENT}\b",
        rf"\bmy\s+(?:[\w-]+\s+){{0,2}}{_RELATIVE}\b.{{3,}}\b(?:can|could|may|would)\s+(?:she|he|they)\s+"
        r"(?:still\s+)?(?:do|have|get|try|start)\s+(?:it|this|that)\b",
        r"\b(?:can|could|may)\s+i\s+still\s+(?:sign\s+up|enroll|enrol|apply|join|"
        r"be\s+(?:treated|seen|considered))\b",
        r"^(?!.*\bhow\b).*\b(?:could|would|will|can)\s+(?:\w+\s+){1,3}?(?:still\s+)?(?:treat|accept|"
        r"take\s+on)\s+me\b",
        # After FAQ blind 18: the programme ("Can I do your program?", "would he be a good
        # fit for your program"), "someone like me", "count against me", "am I able to do
        # KAP", and doing the treatment in French, Spanish, Portuguese or German.
        r"\b(?:can|could|may)\s+i\s+(?:still\s+)?(?:do|join|be\s+(?:in|part\s+of)|take\s+part\s+in|"
        r"get\s+into)\s+(?:your|the|this)\s+(?:\w+\s+)?(?:program|programme)\b",
        r"\b(?:would|will|could)\s+(?:i|he|she|they|my\s+\w+)\s+be\s+a\s+(?:good\s+|right\s+)?"
        r"(?:fit|match|candidate)\b",
        r"\bfor\s+(?:someone|somebody|a\s+person|people)\s+like\s+(?:me|him|her|us)\b",
        r"\b(?:count|be\s+held|be\s+used|go)\s+against\s+me\b|\b(?:disqualify|rule)\s+me\b",
        rf"\bam\s+i\s+able\s+to\s+(?:do|have|get|try|start|receive)\s+{THE_TREATMENT}\b",
        r"\bje\s+(?:peux|pourrais)\s+(?:faire|suivre|commencer|recevoir)\s+(?:ce|le|la|cette|un|une)\s+"
        r"(?:traitement|th[ée]rapie)\b|\bpuedo\s+(?:hacer|recibir|empezar|seguir)\s+(?:este|el|la|"
        r"esta)\s+(?:tratamiento|terapia)\b|\bposso\s+(?:fazer|receber|come[çc]ar)\s+(?:este|esse|o|"
        r"a|esta|essa)\s+(?:tratamento|terapia)\b|\bkann\s+ich\s+(?:diese|die|eine)\s+(?:behandlung|"
        r"therapie)\s+(?:machen|bekommen|beginnen)\b",
        r"\b(?:je\s+serais|serais[- ]je)\s+(?:accept[ée]e?|admise?|[ée]ligible|"
        r"pris(?:e)?\s+en\s+charge)\b"
        r"|\bser[ií]a\s+(?:aceptad[oa]|elegible|candidat[oa])\b"
        r"|\bw[üu]rde\s+ich\s+(?:\w+\s+)?(?:angenommen|aufgenommen|zugelassen)\b",
        # After FAQ blind 19: "would this even make sense for me?", "would my schizophrenia
        # diagnosis be a problem for getting treatment?", "Bin ich ein geeigneter Kandidat?"
        r"\b(?:would|will|does|could)\s+(?:this|it|that|kap|ketamine)\s+(?:even\s+|really\s+)?"
        r"(?:make\s+sense|be\s+(?:worth\s+it|appropriate|suitable))\s+for\s+me\b",
        # (Not "would my insurance be a problem", a question about paying.)
        r"\b(?:would|will|could|is|does)\s+my\s+(?!(?:insurance|schedule|job|work|budget|location|"
        r"availability|time|timing|cost|payment|travel|commute|car|ride)\b)(?:\w+\s+){1,3}"
        r"(?:be\s+)?an?\s+(?:problem|issue|obstacle|barrier|dealbreaker|deal\s+breaker)\b",
        r"\b(?:bin\s+ich|w[äa]re\s+ich)\s+(?:ein\s+|eine\s+)?(?:geeignete[rn]?\s+|passende[rn]?\s+)?"
        r"(?:kandidat(?:in)?|geeignet)\b|\bsoy\s+(?:un[ao]?\s+)?(?:buen[ao]?\s+)?candidat[oa]\b"
        r"|\bsou\s+(?:um[a]?\s+)?(?:bo[am]\s+)?candidat[oa]\b|\bsuis[- ]je\s+(?:un[e]?\s+)?"
        r"(?:bon(?:ne)?\s+)?candidat(?:e)?\b",
    )
    + OWN_ELIGIBILITY,
    "medical_advice": ALL_MEDICAL_ADVICE,
    "request_human": PERSON_REQUEST,
    "start_screening": START_SCREENING,
}

# Asking how to begin treatment is a booking question, not a request to start a medicine
# ("how do I start the Spravato treatment process?"); checked before the medical-advice rules.
_PROCESS_QUESTION = re.compile(
    r"\bhow\s+(?:do|can|could|would|should)\s+(?:i|we)\s+(?:get\s+)?(?:start|begin)\b"
    r".{0,40}\b(?:treatment|process|program|therapy|journey|intake)\b"
    # Who does what (FAQ blind 21): "who decides how much ketamine you get each session", "do
    # I see a doctor or a nurse practitioner".
    r"|\bwho\s+(?:decides|determines|sets|chooses|works\s+out)\b"
    r"|\b(?:do|will|would)\s+i\s+(?:see|meet|get|be\s+seen\s+by|work\s+with)\s+(?:a|an|the)\s+"
    r"(?:\w+\s+)?(?:doctor|nurse|physician|psychiatrist|therapist|np|prescriber)\s+or\b",
    re.IGNORECASE,
)

# General questions that share the eligibility words: who may not have it (the
# contraindications answer), how the clinic decides (the screening answer), whether a
# therapist is a good fit (the choosing-a-therapist answer).
_GENERAL_ELIGIBILITY_QUESTION = re.compile(
    r"\bwho\s+(?:is|are|should|can|could|may)\s+not\b|\bwho\s+(?:shouldn't|can't|cannot)\b"
    r"|\b(?:decide|determine|choose|assess|evaluate)s?\s+who\b"
    r"|\b(?:disqualif\w+|exclude\w*|rule\s+out)\s+(?:someone|somebody|people|a\s+person|patients|"
    r"anyone)\b"
    r"|\b(?:therapist|provider|practitioner|clinician|doctor|prescriber|clinic)\s+(?:is\s+)?"
    r"(?:a\s+good\s+fit|right|the\s+right\s+\w+)\s+for\b",
    re.IGNORECASE,
)

# A phone number or an e-mail address in the message.
_CONTACT_DETAIL = re.compile(r"\d{3}[\s.-]?\d{4}|\S@\S")

_COMPILED = {
    intent: tuple(re.compile(p, re.IGNORECASE) for p in patterns)
    for intent, patterns in PATTERNS.items()
}


@dataclass(frozen=True)
class RequestMatch:
    """Which refusal intent a message asks for, and which rule said so."""

    intent: str
    rule: int

    def to_dict(self) -> dict[str, object]:
        """Plain dict for the parse data (no message text)."""
        return {"intent": self.intent, "rule": self.rule}


def match_request(text: str) -> RequestMatch | None:
    """The first intent whose rules match ``text`` (order: PATTERNS), or None."""
    if not text:
        return None
    flat = " ".join(text.replace("’", "'").split())
    for intent, patterns in _COMPILED.items():
        if intent == "medical_advice" and _PROCESS_QUESTION.search(flat):
            continue
        if intent == "eligibility_question" and _GENERAL_ELIGIBILITY_QUESTION.search(flat):
            continue
        if intent == "request_human" and _CONTACT_DETAIL.search(flat):
            continue  # "call me back at 555-0142" may be the answer the contact form asked for
        for index, pattern in enumerate(patterns):
            if pattern.search(flat):
                return RequestMatch(intent=intent, rule=index)
    return None
