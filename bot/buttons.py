"""Every button the actions offer, defined once (title and payload).

Payloads are intents ("/request_human") so a click never depends on the NLU model; typed
replies choose them through content/typed_replies.yml. tests/bot/test_buttons.py checks
that each payload's intent is in the domain and that domain.yml uses the same title for it.
"""

from __future__ import annotations

from bot.names import CALL, EMAIL, TEXT

Button = dict[str, str]

TALK_TO_PERSON: Button = {"title": "Talk to a person", "payload": "/request_human"}
ASK_A_QUESTION: Button = {"title": "Ask a question", "payload": "/help"}
CONTINUE_QUESTIONNAIRE: Button = {
    "title": "Continue the questionnaire",
    "payload": "/continue_screening",
}
SAFE_NOW: Button = {"title": "I'm safe right now", "payload": "/safe_now"}
FOLLOW_UP_REQUEST: Button = {"title": "Ask the care team to follow up", "payload": "/request_human"}

# The C-SSRS screener offered after the crisis message (bot/triage/).
TRIAGE_START: Button = {"title": "Yes, ask me", "payload": "/affirm"}
TRIAGE_NOT_NOW: Button = {"title": "Not now", "payload": "/deny"}
TRIAGE_STOP: Button = {"title": "Stop these questions", "payload": "/stop_screening"}

# The questionnaire.
CONSENT_AGREE: Button = {"title": "Yes, I agree", "payload": "/affirm"}
CONSENT_DECLINE: Button = {"title": "No thanks", "payload": "/deny"}
EXPLAIN_QUESTION: Button = {"title": "What does this mean?", "payload": "/explain_question"}
# The free-text answer "None" is sent as text, read like a typed "none".
NO_MEDICATIONS: Button = {"title": "None", "payload": "None"}

# The review before sending.
CONFIRM_AND_SEND: Button = {"title": "Confirm and send", "payload": "/affirm"}
CHANGE_AN_ANSWER: Button = {"title": "Change an answer", "payload": "/change_answer"}
CHANGE_CONTACT_DETAILS: Button = {
    "title": "Change contact details",
    "payload": "/change_contact",
}
REVIEW: tuple[Button, ...] = (CONFIRM_AND_SEND, CHANGE_AN_ANSWER, CHANGE_CONTACT_DETAILS)

# Buttons that share or send the visitor's answers: chosen only by a click or the visitor's
# own words for them (content/typed_replies.yml), never by the classifier's guess ("uh" at
# the consent step). The crisis screener's "Yes, ask me" shares the payload, not the risk.
SHARES_ANSWERS: tuple[Button, ...] = (CONSENT_AGREE, CONFIRM_AND_SEND)

# How the care team should get in touch (payloads are the contact_method values).
CALL_ME: Button = {"title": "Call me", "payload": CALL}
TEXT_ME: Button = {"title": "Text me", "payload": TEXT}
EMAIL_ME: Button = {"title": "Email me", "payload": EMAIL}
CONTACT_METHODS: tuple[Button, ...] = (CALL_ME, TEXT_ME, EMAIL_ME)


# Answers to a yes/no question, by the value they record.
ANSWERS: dict[str, Button] = {
    "yes": {"title": "Yes", "payload": "/affirm"},
    "no": {"title": "No", "payload": "/deny"},
    "not_sure": {"title": "Not sure", "payload": "/unsure"},
    "prefer_not_to_say": {"title": "Prefer not to say", "payload": "/prefer_not_say"},
}

ALL: tuple[Button, ...] = (
    TALK_TO_PERSON,
    ASK_A_QUESTION,
    CONTINUE_QUESTIONNAIRE,
    SAFE_NOW,
    FOLLOW_UP_REQUEST,
    TRIAGE_START,
    TRIAGE_NOT_NOW,
    TRIAGE_STOP,
    CONSENT_AGREE,
    CONSENT_DECLINE,
    EXPLAIN_QUESTION,
    NO_MEDICATIONS,
    *REVIEW,
    *CONTACT_METHODS,
    *ANSWERS.values(),
)
