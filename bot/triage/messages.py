"""What the visitor sees of the triage: the offer, the questions, and one closing line.

Nothing here depends on the answers: the closing words are the same whatever was said, so
no level, score or judgement can be read from them (the level is for staff only).

The wording is in domain.yml (where the safety response lint checks it); this module picks
the responses by name and fills them with the screener's own question wording
(content/instruments/) and the crisis resources' reminder.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from bot.buttons import (
    ANSWERS,
    SAFE_NOW,
    TALK_TO_PERSON,
    TRIAGE_NOT_NOW,
    TRIAGE_START,
    TRIAGE_STOP,
    Button,
)
from bot.instruments.cssrs import Screener, default_screener
from bot.safety.resources import CrisisResources
from bot.triage.flow import (
    SAY_ASK_AGAIN,
    SAY_DECLINED,
    SAY_FINISHED,
    SAY_OFFER,
    SAY_QUESTION,
    SAY_STOPPED,
    TriageTurn,
)
from bot.triage.questions import shown_text

OFFER_RESPONSE = "utter_triage_offer"
# Filled with {question}: the question alone, or after the request to answer yes or no.
QUESTION_RESPONSE = "utter_triage_question"
ASK_AGAIN_RESPONSE = "utter_triage_ask_again"
# One closing line per ending, each followed by the crisis resources' {reminder}.
CLOSING_RESPONSES = {
    SAY_DECLINED: "utter_triage_declined",
    SAY_STOPPED: "utter_triage_stopped",
    SAY_FINISHED: "utter_triage_finished",
}

QUESTION_BUTTONS = (ANSWERS["yes"], ANSWERS["no"], TRIAGE_STOP)
AFTER_BUTTONS = (SAFE_NOW, TALK_TO_PERSON)


@dataclass(frozen=True)
class TriageMessage:
    """One message: the domain.yml response, the values it is filled with, its buttons."""

    response: str
    values: dict[str, str] = field(default_factory=dict)
    buttons: list[Button] = field(default_factory=list)


def _question(turn: TriageTurn, screener: Screener) -> str:
    question = screener.get(turn.state.question or "")
    return shown_text(question) if question else ""


def triage_messages(
    turn: TriageTurn, resources: CrisisResources, screener: Screener | None = None
) -> list[TriageMessage]:
    """The messages for ``turn``, in order."""
    screener = screener or default_screener()
    messages: list[TriageMessage] = []
    for key in turn.say:
        if key == SAY_OFFER:
            messages.append(TriageMessage(OFFER_RESPONSE, buttons=[TRIAGE_START, TRIAGE_NOT_NOW]))
        elif key in (SAY_QUESTION, SAY_ASK_AGAIN):
            response = QUESTION_RESPONSE if key == SAY_QUESTION else ASK_AGAIN_RESPONSE
            values = {"question": _question(turn, screener)}
            messages.append(TriageMessage(response, values, list(QUESTION_BUTTONS)))
        elif key in CLOSING_RESPONSES:
            values = {"reminder": resources.reminder}
            messages.append(TriageMessage(CLOSING_RESPONSES[key], values, list(AFTER_BUTTONS)))
    return messages
