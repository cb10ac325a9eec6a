"""Crisis handling: the crisis reply, the reminder while in crisis, and "I'm safe now".

After the crisis reply the C-SSRS screener is offered (``bot/triage``; CRISIS_TRIAGE): the
reminder action takes the replies to it, since every message in crisis mode reaches it.

``action_crisis_response`` runs on intent ``crisis`` from anywhere (rules in
data/rules/safety.yml give it priority over forms). It ALWAYS sends the crisis resources
first-class, then tries to mark the conversation urgent and open a crisis hand-off; a
database failure is logged (without message content) and never blocks the reply.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet

from actions.common import Dispatcher, Events, Named, form_closed, latest_intent, latest_text
from bot.buttons import ASK_A_QUESTION, CONTINUE_QUESTIONNAIRE, SAFE_NOW, TALK_TO_PERSON
from bot.names import (
    CONFIRM_SAFE_ACTION,
    CRISIS_ACTIVE_SLOT,
    CRISIS_REMINDER_ACTION,
    CRISIS_RESPONSE_ACTION,
    CRISIS_TRIAGE_SLOT,
    IN_PROGRESS_SLOT,
)
from bot.safety.asking import is_general_question
from bot.safety.episodes import crisis_event_key
from bot.safety.escalation import escalate_crisis
from bot.safety.resources import (
    CrisisReply,
    CrisisResources,
    crisis_payload,
    crisis_reply,
    get_resources,
    reminder_reply,
    safe_now_reply,
)
from bot.triage.flow import TriageTurn
from bot.triage.messages import triage_messages
from bot.triage.service import end_interrupted_triage, offer_triage, stop_triage, triage_reply

CRISIS_TOPIC_RESPONSE = "utter_faq/crisis_and_suicidality"

# The crisis replies are in domain.yml too (variants picked in bot/safety/resources.py).
# The screener's wording is in domain.yml (responses named in bot/triage/messages.py).


def send_crisis_message(
    dispatcher: Dispatcher,
    reply: CrisisReply,
    buttons: list[dict[str, str]],
    resources: CrisisResources,
) -> None:
    """The crisis reply as standard text and buttons, with the structured data attached."""
    dispatcher.utter_message(
        response=reply.response,
        buttons=buttons,
        json_message=crisis_payload(resources),
        **reply.values,
    )


def _send_triage(dispatcher: Dispatcher, turn: TriageTurn) -> Events:
    for message in triage_messages(turn, get_resources()):
        dispatcher.utter_message(
            response=message.response, buttons=message.buttons, **message.values
        )
    return [SlotSet(CRISIS_TRIAGE_SLOT, turn.state.to_slot())]


def _take_triage_reply(dispatcher: Dispatcher, tracker: Tracker) -> Events | None:
    """Handle the message as a reply to the screener, or None when it is not one."""
    turn = triage_reply(
        tracker.sender_id,
        tracker.get_slot(CRISIS_TRIAGE_SLOT),
        tracker.events or [],
        latest_text(tracker),
        latest_intent(tracker),
    )
    return _send_triage(dispatcher, turn) if turn is not None else None


def _end_interrupted_triage(tracker: Tracker) -> Events:
    """A screener left waiting while something else ran ends (``end_interrupted_triage``)."""
    slot = tracker.get_slot(CRISIS_TRIAGE_SLOT)
    stopped = end_interrupted_triage(tracker.sender_id, slot, tracker.events or [])
    return [SlotSet(CRISIS_TRIAGE_SLOT, stopped.state.to_slot())] if stopped else []


class ActionCrisisResponse(Named, Action, name=CRISIS_RESPONSE_ACTION):
    """Send crisis resources, flag the conversation urgent, stop any form."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: dict[str, Any]) -> Events:
        """Reply first-class with the resources, escalate, set crisis_active, end forms.

        A reply to the screener's question that reads as crisis language ("yes, I want to
        die") answers that question: the resources are on screen and staff were alerted.
        """
        answered = _take_triage_reply(dispatcher, tracker)
        if answered is not None:
            return answered
        interrupted = _end_interrupted_triage(tracker)
        resources = get_resources()
        notified = escalate_crisis(tracker.sender_id, crisis_event_key(tracker.events or []))
        asked_in_general = is_general_question(tracker.latest_message.get("text"))
        reply = crisis_reply(
            resources, care_team_notified=notified, asked_in_general=asked_in_general
        )
        send_crisis_message(dispatcher, reply, [SAFE_NOW, TALK_TO_PERSON], resources)
        if asked_in_general:
            # The question still deserves its curated answer, after the lines.
            dispatcher.utter_message(response=CRISIS_TOPIC_RESPONSE)
        events: Events = [
            SlotSet(CRISIS_ACTIVE_SLOT, True),
            *form_closed(),
            *interrupted,
        ]
        # The screener's answers go to the crisis hand-off: offered only when it exists.
        offered = offer_triage(tracker.get_slot(CRISIS_TRIAGE_SLOT)) if notified else None
        if offered is not None:
            events += _send_triage(dispatcher, offered)
        return events


class ActionCrisisReminder(Named, Action, name=CRISIS_REMINDER_ACTION):
    """While crisis_active: answer anything else with the resources again."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: dict[str, Any]) -> Events:
        """Take a reply to the screener, or repeat the short resources line."""
        answered = _take_triage_reply(dispatcher, tracker)
        if answered is not None:
            return answered
        interrupted = _end_interrupted_triage(tracker)
        resources = get_resources()
        reply = reminder_reply(resources)
        send_crisis_message(dispatcher, reply, [SAFE_NOW, TALK_TO_PERSON], resources)
        return interrupted


class ActionSafeNow(Named, Action, name=CONFIRM_SAFE_ACTION):
    """The visitor says they are safe: thank them, keep 988 visible, offer to continue."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: dict[str, Any]) -> Events:
        """Clear crisis_active and offer the questionnaire (if one was started) or questions."""
        resources = get_resources()
        in_screening = bool(tracker.get_slot(IN_PROGRESS_SLOT))
        reply = safe_now_reply(resources, screening_in_progress=in_screening)
        next_button = CONTINUE_QUESTIONNAIRE if in_screening else ASK_A_QUESTION
        dispatcher.utter_message(
            response=reply.response, buttons=[next_button, TALK_TO_PERSON], **reply.values
        )
        events: Events = [SlotSet(CRISIS_ACTIVE_SLOT, False)]
        # A screener left half-way ends here; staff see what was answered.
        stopped = stop_triage(tracker.sender_id, tracker.get_slot(CRISIS_TRIAGE_SLOT))
        if stopped is not None:
            events.append(SlotSet(CRISIS_TRIAGE_SLOT, stopped.state.to_slot()))
        return events
