"""The one entry point the crisis actions call: offer, take a reply, stop.

Each function returns the :class:`TriageTurn` (new state, what to say) after storing what
it recorded; None means the screener has nothing to do with this turn. Storage failures
are logged and never stop the conversation: the crisis resources never depend on them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.names import CRISIS_REMINDER_ACTION, CRISIS_RESPONSE_ACTION
from bot.screening.storage import run_unit_of_work
from bot.settings import Settings, get_settings
from bot.triage.flow import TriageState, TriageTurn, offer, stop, take_reply
from bot.triage.storage import store_triage_turn


def _store(conversation_id: str, turn: TriageTurn) -> None:
    if turn.record is not None or turn.ended:
        run_unit_of_work(
            "store a triage answer",
            store_triage_turn,
            conversation_id=conversation_id,
            record=turn.record,
            ended=turn.ended,
        )


def offer_triage(slot_value: object, settings: Settings | None = None) -> TriageTurn | None:
    """The offer after the crisis message: when switched on and not offered before."""
    if not (settings or get_settings()).crisis_triage:
        return None
    return offer(TriageState.from_slot(slot_value))


# The actions that put the screener's offer or a question on screen.
ASKING_ACTIONS = (CRISIS_RESPONSE_ACTION, CRISIS_REMINDER_ACTION)


def answers_the_screener(slot_value: object, events: Sequence[dict[str, Any]]) -> bool:
    """True when the visitor's latest message replies to the screener's offer or question.

    That is: the screener waits for a reply, and the last thing the assistant did before
    this message (in Rasa's tracker ``events``) was a crisis action, which asked. After
    anything else (the visitor asked for a person, say) the message is not an answer.
    """
    if not waiting_for_reply(slot_value):
        return False
    seen_user = False
    for event in reversed(events):
        kind = event.get("event")
        if kind == "user":
            if seen_user:
                return False
            seen_user = True
        elif kind == "action" and seen_user and event.get("name") != "action_listen":
            return event.get("name") in ASKING_ACTIONS
    return False


def triage_reply(
    conversation_id: str,
    slot_value: object,
    events: Sequence[dict[str, Any]],
    text: str,
    intent: str | None,
) -> TriageTurn | None:
    """Take a reply to the offer or to a question; None when it is not for the screener."""
    if not answers_the_screener(slot_value, events):
        return None
    turn = take_reply(TriageState.from_slot(slot_value), text, intent)
    if turn is not None:
        _store(conversation_id, turn)
    return turn


def stop_triage(conversation_id: str, slot_value: object) -> TriageTurn | None:
    """End a screener still waiting for a reply; staff are told what was answered."""
    turn = stop(TriageState.from_slot(slot_value))
    if turn is not None:
        _store(conversation_id, turn)
    return turn


def end_interrupted_triage(
    conversation_id: str, slot_value: object, events: Sequence[dict[str, Any]]
) -> TriageTurn | None:
    """End a screener left waiting while something else ran (the visitor asked for a
    person, say): staff are told what was answered, and a later "yes" is not taken as an
    answer to a question no longer on screen. None when there is nothing to end."""
    if answers_the_screener(slot_value, events):
        return None
    return stop_triage(conversation_id, slot_value)


def waiting_for_reply(slot_value: object) -> bool:
    """True while the offer or a question is on screen."""
    return TriageState.from_slot(slot_value).waiting_for_reply
