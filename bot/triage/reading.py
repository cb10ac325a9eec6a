"""What a reply to the triage offer or to one screener question means.

Buttons are exact. Typed replies to a question go through the screening reader with the
question's own reading hints (:mod:`bot.triage.questions`). A reply it cannot place, or
a *no* it would only read back to confirm, is not recorded as an answer: the flow asks
once more, then keeps the words verbatim as "unclear" for staff. A hedged *yes* counts as
yes: the care team reads every answer verbatim, and leaning towards the more careful level
is the safer mistake.

Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question
from bot.screening.answers import NO, NOT_SURE, PREFER_NOT, YES
from bot.screening.reading import ANSWER, CONFIRM, read_reply
from bot.text import normalize
from bot.triage.questions import TIME_PHRASES

# Values recorded for a screener question besides yes / no.
DECLINED = "declined"  # "prefer not to say" to this question; the next one is asked
UNCLEAR = "unclear"  # asked twice and still not a yes or a no; kept verbatim
NOT_SURE_VALUE = NOT_SURE
STOP = "stop"  # stop the questions altogether

START = "start"
DECLINE = "decline"

_STOP_PAYLOADS = {"/stop_screening"}
_ANSWER_PAYLOADS = {"/affirm": YES, "/deny": NO, "/unsure": NOT_SURE, "/prefer_not_say": DECLINED}
# Typed ways to stop the questions (whole words): "stop", "no more questions", "enough".
_STOP_WORDS = re.compile(
    r"\b(stop|enough|no more questions?|(don'?t|do not|rather not) (want to )?(answer|"
    r"do) (this|these|them|any ?more)|skip (the rest|these)|quit|leave it there|"
    # A goodbye ends the questions too (the reminder with the lines follows).
    r"^(?:ok |okay )?(?:bye|goodbye|bye bye|gotta go|got to go|i have to go|i need to go)$)\b"
)


def _payload(text: str) -> str:
    return (text or "").strip().lower().split("{", 1)[0].strip()


# Words that carry no subject of their own around a time ("only", "it was").
_FILLER = frozenset(
    [
        "only",
        "just",
        "it",
        "was",
        "that",
        "i",
        "yes",
        "yeah",
        "and",
        "the",
        "so",
        "like",
        "maybe",
        "about",
    ]
)


def _only_a_time_of_something_else(question: Question, reason: str, norm: str) -> bool:
    """ "my boyfriend left me last night": a time phrase answers only a reply about the
    question's subject, or a reply that is little more than the time ("last week")."""
    prefix = "question phrase: "
    if not reason.startswith(prefix) or reason[len(prefix) :] not in TIME_PHRASES:
        return False
    rest = norm.replace(reason[len(prefix) :], " ").split()
    content = [w for w in rest if w not in _FILLER]
    return len(content) > 2 and not any(w in question.topic_words for w in content)


def read_offer(text: str, intent: str | None) -> str | None:
    """START, DECLINE or None (the reply is about something else) for the offer."""
    payload = _payload(text)
    if payload == "/affirm" or (intent == "affirm" and not payload.startswith("/")):
        return START
    if payload in {"/deny", "/stop_screening", "/prefer_not_say"}:
        return DECLINE
    if intent in {"deny", "stop_screening", "prefer_not_say"}:
        return DECLINE
    return None


def read_answer(question: Question, text: str) -> str | None:
    """yes / no / not_sure / DECLINED / STOP, or None when the reply does not answer.

    Only the words decide (not the NLU's intent): an answer must never be guessed from a
    classifier trained on other questions.
    """
    payload = _payload(text)
    if payload in _STOP_PAYLOADS:
        return STOP
    if payload in _ANSWER_PAYLOADS:
        return _ANSWER_PAYLOADS[payload]
    if payload.startswith("/"):
        return None  # another button (e.g. a stale one from earlier): not an answer
    if _STOP_WORDS.search(normalize(text)):
        return STOP
    reading = read_reply(question, text)
    if reading.action not in (ANSWER, CONFIRM) or reading.value is None:
        return None
    if _only_a_time_of_something_else(question, reading.reason, normalize(text)):
        return None
    if reading.value == PREFER_NOT:
        return DECLINED
    if reading.value == YES:
        return YES
    if reading.value == NO and reading.action == ANSWER:
        return NO
    if reading.value == NOT_SURE:
        return NOT_SURE
    return None
