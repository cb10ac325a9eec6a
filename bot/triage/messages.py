"""What the visitor sees of the triage: the offer, the questions, and one closing line.

Nothing here depends on the answers: the closing words are the same whatever was said, so
no level, score or judgement can be read from them (the level is for staff only).
"""

from __future__ import annotations

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

OFFER_TEXT = (
    "So the care team knows how best to help you, may I ask a few short yes-or-no "
    "questions? You can stop at any time, and the support lines above stay right here."
)
ASK_AGAIN_TEXT = (
    "I want to pass this on the way you mean it. Is your answer yes or no? "
    "You can also stop these questions at any time."
)
DECLINED_TEXT = "That's completely okay, we don't have to."
STOPPED_TEXT = "Of course, we can stop here. Thank you for talking with me."
FINISHED_TEXT = "Thank you for answering. I've passed your answers on to the care team."

# Every visitor-facing template of this module, for the response lint.
MESSAGES = {
    "triage_offer": OFFER_TEXT,
    "triage_ask_again": ASK_AGAIN_TEXT,
    "triage_declined": DECLINED_TEXT,
    "triage_stopped": STOPPED_TEXT,
    "triage_finished": FINISHED_TEXT,
}

Message = tuple[str, list[Button]]

QUESTION_BUTTONS = (ANSWERS["yes"], ANSWERS["no"], TRIAGE_STOP)
AFTER_BUTTONS = (SAFE_NOW, TALK_TO_PERSON)


def _question(turn: TriageTurn, screener: Screener) -> str:
    question = screener.get(turn.state.question or "")
    return shown_text(question) if question else ""


def triage_messages(
    turn: TriageTurn, resources: CrisisResources, screener: Screener | None = None
) -> list[Message]:
    """The messages for ``turn``: texts with their buttons, in order."""
    screener = screener or default_screener()
    messages: list[Message] = []
    for key in turn.say:
        if key == SAY_OFFER:
            messages.append((OFFER_TEXT, [TRIAGE_START, TRIAGE_NOT_NOW]))
        elif key == SAY_QUESTION:
            messages.append((_question(turn, screener), list(QUESTION_BUTTONS)))
        elif key == SAY_ASK_AGAIN:
            text = f"{ASK_AGAIN_TEXT}\n\n{_question(turn, screener)}"
            messages.append((text, list(QUESTION_BUTTONS)))
        elif key in (SAY_DECLINED, SAY_STOPPED, SAY_FINISHED):
            closing = {
                SAY_DECLINED: DECLINED_TEXT,
                SAY_STOPPED: STOPPED_TEXT,
                SAY_FINISHED: FINISHED_TEXT,
            }[key]
            messages.append((f"{closing} {resources.reminder}", list(AFTER_BUTTONS)))
    return messages
