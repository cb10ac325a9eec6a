"""Crisis handling: the crisis reply, the reminder while in crisis, and "I'm safe now".

After the crisis reply the C-SSRS screener is offered (``bot/triage``; CRISIS_TRIAGE): the
reminder action takes the replies to it, since every message in crisis mode reaches it.

``action_crisis_response`` runs on intent ``crisis`` from anywhere (rules in
data/rules/safety.yml give it priority over forms). It ALWAYS sends the crisis resources
first-class, then tries to mark the conversation urgent and open a crisis hand-off; a
database failure is logged (without message content) and never blocks the reply.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from bot.buttons import ASK_A_QUESTION, CONTINUE_QUESTIONNAIRE, SAFE_NOW, TALK_TO_PERSON
from bot.db.conversations import mark_urgent
from bot.handoffs.requests import HandoffOutcome, request_handoff
from bot.names import (
    CONFIRM_SAFE_ACTION,
    CRISIS_ACTIVE_SLOT,
    CRISIS_REMINDER_ACTION,
    CRISIS_RESPONSE_ACTION,
    CRISIS_TRIAGE_SLOT,
    IN_PROGRESS_SLOT,
    REQUESTED_SLOT,
)
from bot.safety.asking import is_general_question
from bot.safety.resources import (
    get_resources,
    render_crisis_message,
    render_reminder,
    render_safe_now,
    resources_payload,
)
from bot.triage.flow import TriageTurn
from bot.triage.messages import MESSAGES as TRIAGE_MESSAGES
from bot.triage.messages import triage_messages
from bot.triage.service import offer_triage, stop_triage, triage_reply, waiting_for_reply

log = logging.getLogger(__name__)

CRISIS_INTENT = "crisis"
CRISIS_KIND = "crisis"

CRISIS_TOPIC_RESPONSE = "utter_faq/crisis_and_suicidality"

# Fixed texts live in bot/safety/resources.py (rendered per country); this dict lists every
# visitor-facing template of this module for the response lint test.
MESSAGES: dict[str, str] = {}


def _collect_messages() -> dict[str, str]:
    from bot.safety import resources as texts

    return {
        name.lower(): value
        for name, value in vars(texts).items()
        if name.isupper() and isinstance(value, str) and not name.startswith("DEFAULT")
    }


MESSAGES.update(_collect_messages())
MESSAGES.update(TRIAGE_MESSAGES)

# The actions that put the screener's offer or a question on screen.
TRIAGE_ASKING_ACTIONS = (CRISIS_RESPONSE_ACTION, CRISIS_REMINDER_ACTION)


def crisis_event_key(tracker: Tracker) -> str:
    """Idempotency key of the current crisis episode.

    An episode starts at the first crisis message (or crisis response, e.g. one the
    questionnaire triggered on a crisis answer) after the start or after the visitor said
    they were safe. Repeated crisis messages and Rasa retries reuse its key, so the care team
    gets one urgent hand-off per episode. The key uses the id of the user message that
    started the episode, unique across sessions; without ids it falls back to the episode
    number.
    """
    episodes = 0
    episode_key: str | None = None
    last_message_id: str | None = None

    def start_episode() -> str:
        nonlocal episodes
        episodes += 1
        return f"crisis:{last_message_id}" if last_message_id else f"crisis:{episodes}"

    for event in tracker.events:
        kind = event.get("event")
        if kind == "action" and event.get("name") == CONFIRM_SAFE_ACTION:
            episode_key = None
        elif kind == "user":
            last_message_id = event.get("message_id")
            intent = ((event.get("parse_data") or {}).get("intent") or {}).get("name")
            if intent == CRISIS_INTENT and episode_key is None:
                episode_key = start_episode()
        elif (
            kind == "action" and event.get("name") == CRISIS_RESPONSE_ACTION and episode_key is None
        ):
            episode_key = start_episode()
    return episode_key or start_episode()


def escalate_crisis(conversation_id: str, event_key: str) -> bool:
    """Mark the conversation urgent and open the crisis hand-off; False if that failed.

    Any failure (database down, migrations missing, persistence code absent) is caught:
    the caller still sends the crisis reply. Only ids and the error type are logged.
    """

    def urgent(session: Session) -> None:
        mark_urgent(session=session, conversation_id=conversation_id)

    try:
        outcome = request_handoff(
            conversation_id=conversation_id,
            reason="crisis",
            event_key=event_key,
            prepare=urgent,
        )
    except Exception as exc:  # noqa: BLE001 - the reply must go out whatever failed
        log.error(
            "crisis escalation failed conversation=%s key=%s error=%s",
            conversation_id,
            event_key,
            type(exc).__name__,
        )
        return False
    if outcome is HandoffOutcome.SPOOLED:
        # On disk: the outbox worker creates it and alerts staff once the database is back.
        log.error(
            "crisis escalation failed conversation=%s key=%s error=database unreachable, spooled",
            conversation_id,
            event_key,
        )
        return False
    return True


def crisis_payload(resources) -> dict[str, Any]:
    """Structured data riding along with the crisis reply (the widget styles it by ``kind``).

    The reply itself is a standard message (``text`` and ``buttons``), so every Rasa channel
    shows the resources and the buttons; only this extra data is channel-specific.
    """
    return {
        "kind": CRISIS_KIND,
        "resources": resources_payload(resources),
        "country": resources.country,
    }


def send_crisis_message(
    dispatcher: CollectingDispatcher, text: str, buttons: list[dict[str, str]], resources
) -> None:
    """The crisis reply as standard text and buttons, with the structured data attached."""
    dispatcher.utter_message(text=text, buttons=buttons, json_message=crisis_payload(resources))


def _answers_the_screener(tracker: Tracker) -> bool:
    """True when the visitor's latest message replies to the screener's offer or question.

    That is: the screener waits for a reply, and the last thing the assistant did before
    this message was a crisis action (which asked). After anything else (the visitor asked
    for a person, say) the message is not read as an answer.
    """
    if not waiting_for_reply(tracker.get_slot(CRISIS_TRIAGE_SLOT)):
        return False
    seen_user = False
    for event in reversed(tracker.events or []):
        kind = event.get("event")
        if kind == "user":
            if seen_user:
                return False
            seen_user = True
        elif kind == "action" and seen_user and event.get("name") != "action_listen":
            return event.get("name") in TRIAGE_ASKING_ACTIONS
    return False


def _send_triage(dispatcher: CollectingDispatcher, turn: TriageTurn) -> list[EventType]:
    for text, buttons in triage_messages(turn, get_resources()):
        dispatcher.utter_message(text=text, buttons=buttons)
    return [SlotSet(CRISIS_TRIAGE_SLOT, turn.state.to_slot())]


def _take_triage_reply(
    dispatcher: CollectingDispatcher, tracker: Tracker
) -> list[EventType] | None:
    """Handle the message as a reply to the screener, or None when it is not one."""
    if not _answers_the_screener(tracker):
        return None
    message = tracker.latest_message or {}
    intent = (message.get("intent") or {}).get("name")
    turn = triage_reply(
        tracker.sender_id, tracker.get_slot(CRISIS_TRIAGE_SLOT), message.get("text") or "", intent
    )
    return _send_triage(dispatcher, turn) if turn is not None else None


def _end_interrupted_triage(tracker: Tracker) -> list[EventType]:
    """A screener left waiting while something else happened (the visitor asked for a
    person, say) ends: staff are told what was answered, and a later "yes" is not taken
    as an answer to a question no longer on screen."""
    slot = tracker.get_slot(CRISIS_TRIAGE_SLOT)
    if not waiting_for_reply(slot) or _answers_the_screener(tracker):
        return []
    stopped = stop_triage(tracker.sender_id, slot)
    return [SlotSet(CRISIS_TRIAGE_SLOT, stopped.state.to_slot())] if stopped else []


class ActionCrisisResponse(Action):
    """Send crisis resources, flag the conversation urgent, stop any form."""

    def name(self) -> str:
        """Action name used in rules."""
        return CRISIS_RESPONSE_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Reply first-class with the resources, escalate, set crisis_active, end forms.

        A reply to the screener's question that reads as crisis language ("yes, I want to
        die") answers that question: the resources are on screen and staff were alerted.
        """
        answered = _take_triage_reply(dispatcher, tracker)
        if answered is not None:
            return answered
        interrupted = _end_interrupted_triage(tracker)
        resources = get_resources()
        notified = escalate_crisis(tracker.sender_id, crisis_event_key(tracker))
        asked_in_general = is_general_question(tracker.latest_message.get("text"))
        text = render_crisis_message(
            resources, care_team_notified=notified, asked_in_general=asked_in_general
        )
        buttons = [SAFE_NOW, TALK_TO_PERSON]
        send_crisis_message(dispatcher, text, buttons, resources)
        if asked_in_general:
            # The question still deserves its curated answer, after the lines.
            dispatcher.utter_message(response=CRISIS_TOPIC_RESPONSE)
        events: list[EventType] = [
            SlotSet(CRISIS_ACTIVE_SLOT, True),
            ActiveLoop(None),
            SlotSet(REQUESTED_SLOT, None),
            *interrupted,
        ]
        # The screener's answers go to the crisis hand-off: offered only when it exists.
        offered = offer_triage(tracker.get_slot(CRISIS_TRIAGE_SLOT)) if notified else None
        if offered is not None:
            events += _send_triage(dispatcher, offered)
        return events


class ActionCrisisReminder(Action):
    """While crisis_active: answer anything else with the resources again."""

    def name(self) -> str:
        """Action name used in rules."""
        return CRISIS_REMINDER_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Take a reply to the screener, or repeat the short resources line."""
        answered = _take_triage_reply(dispatcher, tracker)
        if answered is not None:
            return answered
        interrupted = _end_interrupted_triage(tracker)
        resources = get_resources()
        text = render_reminder(resources)
        send_crisis_message(dispatcher, text, [SAFE_NOW, TALK_TO_PERSON], resources)
        return interrupted


class ActionSafeNow(Action):
    """The visitor says they are safe: thank them, keep 988 visible, offer to continue."""

    def name(self) -> str:
        """Action name used in rules."""
        return CONFIRM_SAFE_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[EventType]:
        """Clear crisis_active and offer the questionnaire (if one was started) or questions."""
        resources = get_resources()
        in_screening = bool(tracker.get_slot(IN_PROGRESS_SLOT))
        text = render_safe_now(resources, screening_in_progress=in_screening)
        next_button = CONTINUE_QUESTIONNAIRE if in_screening else ASK_A_QUESTION
        dispatcher.utter_message(text=text, buttons=[next_button, TALK_TO_PERSON])
        events: list[EventType] = [SlotSet(CRISIS_ACTIVE_SLOT, False)]
        # A screener left half-way ends here; staff see what was answered.
        stopped = stop_triage(tracker.sender_id, tracker.get_slot(CRISIS_TRIAGE_SLOT))
        if stopped is not None:
            events.append(SlotSet(CRISIS_TRIAGE_SLOT, stopped.state.to_slot()))
        return events
