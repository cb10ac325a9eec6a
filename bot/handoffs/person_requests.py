"""Asking for a person: why the hand-off is made, how many times it was asked, what to say.

Pure decisions over the conversation's events and slot values, used by the adapter
``actions/handoff.py``. The hand-off itself goes through
:func:`bot.handoffs.requests.request_handoff`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.buttons import FOLLOW_UP_REQUEST

ASKED_FOR_HUMAN = "asked_for_human"
UNANSWERED_QUESTION = "unanswered_question"

# Wording in domain.yml.
HUMAN_ACK_RESPONSE = "utter_human_request_ack"
HUMAN_ACK_KNOWN_RESPONSE = "utter_human_request_ack_known"
HUMAN_ACK_IN_FORM_RESPONSE = "utter_human_request_ack_in_form"
UNANSWERED_ACK_RESPONSE = "utter_unanswered_request_ack"
UNANSWERED_ACK_KNOWN_RESPONSE = "utter_unanswered_request_ack_known"
HUMAN_DONE_RESPONSE = "utter_human_handoff_done"
UNANSWERED_DONE_RESPONSE = "utter_unanswered_handoff_done"


def question_from_faq_gate(events: Sequence[dict[str, Any]]) -> str | None:
    """The visitor's unanswered question when they just pressed the FAQ gate's follow-up button.

    Looks at the bot's last message before the current request: if it offered
    "Ask the care team to follow up", the visitor message before that is the question.
    """
    history = list(events)
    # Skip the current request itself.
    for index in range(len(history) - 1, -1, -1):
        if history[index].get("event") == "user":
            history = history[:index]
            break
    last_bot = None
    for index in range(len(history) - 1, -1, -1):
        event = history[index]
        if event.get("event") == "user":
            break
        if event.get("event") == "bot":
            last_bot = index
            break
    if last_bot is None:
        return None
    buttons = (history[last_bot].get("data") or {}).get("buttons") or []
    if not any(
        b.get("title") == FOLLOW_UP_REQUEST["title"] for b in buttons if isinstance(b, dict)
    ):
        return None
    for event in reversed(history[:last_bot]):
        if event.get("event") == "user":
            return event.get("text") or None
    return None


def handoff_reason(pending_question: object, events: Sequence[dict[str, Any]]) -> str:
    """``unanswered_question`` after the FAQ gate's follow-up offer, else ``asked_for_human``."""
    if pending_question or question_from_faq_gate(events):
        return UNANSWERED_QUESTION
    return ASKED_FOR_HUMAN


def request_count(value: object) -> int:
    """The ``human_request_count`` slot as a number (0 when unset or malformed)."""
    if not isinstance(value, (int, float, str)):
        return 0
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def acknowledgement(reason: str, *, in_contact_form: bool, details_complete: bool) -> str:
    """The response that acknowledges the request, by reason and what is already known."""
    if in_contact_form:
        return HUMAN_ACK_IN_FORM_RESPONSE
    unanswered = reason == UNANSWERED_QUESTION
    if details_complete:
        return UNANSWERED_ACK_KNOWN_RESPONSE if unanswered else HUMAN_ACK_KNOWN_RESPONSE
    return UNANSWERED_ACK_RESPONSE if unanswered else HUMAN_ACK_RESPONSE


def handed_off(reason: str) -> str:
    """The response that confirms the hand-off was made, by reason."""
    return UNANSWERED_DONE_RESPONSE if reason == UNANSWERED_QUESTION else HUMAN_DONE_RESPONSE
