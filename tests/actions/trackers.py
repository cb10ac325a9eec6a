"""Helpers shared by the action tests: a real rasa_sdk Tracker built like the server does,
and what the visitor reads of the messages an action sent.

Actions name domain.yml responses (``utter_message(response=..., **values)``);
:func:`texts` renders them with Rasa's own generator, so tests read the final words.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker

from tests.responses import render_response

# Keys rasa_sdk puts in every message; any other keyword is a fill value for the response.
_MESSAGE_KEYS = {
    *("text", "response", "template", "buttons", "elements", "custom", "image", "attachment"),
}

# A visitor's complete contact details (text message), as the slots hold them.
CONTACT = {
    "contact_name": "Robin",
    "contact_method": "text",
    "contact_phone": "+12125550123",
    "contact_email": None,
    "contact_best_time": "weekday evenings",
}


def make_tracker(
    *,
    sender_id: str = "conv-1",
    slots: dict[str, Any] | None = None,
    text: str | None = None,
    intent: str = "inform_contact_method",
    new_slots: dict[str, Any] | None = None,
    active_loop: str | None = None,
    requested_slot: str | None = None,
) -> Tracker:
    """A tracker whose latest user message is ``text``; ``new_slots`` were set after it."""
    all_slots = {"requested_slot": requested_slot, **(slots or {}), **(new_slots or {})}
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": latest},
    ]
    events += [{"event": "slot", "name": k, "value": v} for k, v in (new_slots or {}).items()]
    return Tracker(
        sender_id=sender_id,
        slots=all_slots,
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    """``{slot: value}`` from the SlotSet events an action returned (last one wins)."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def fill_values(message: dict[str, Any]) -> dict[str, Any]:
    """The values an action gave to fill its response (``utter_message``'s extra keywords)."""
    return {k: v for k, v in message.items() if k not in _MESSAGE_KEYS}


def message_text(message: dict[str, Any], slots: dict[str, Any] | None = None) -> str:
    """What the visitor reads of one sent message: its text, or its response rendered."""
    if not message.get("response"):
        return message.get("text") or ""
    return render_response(message["response"], slots, **fill_values(message))


def texts(dispatcher, slots: dict[str, Any] | None = None) -> list[str]:
    """What the visitor reads of each message the action sent (responses rendered)."""
    return [message_text(m, slots) for m in dispatcher.messages]


def responses(dispatcher) -> list[str | None]:
    """The domain.yml response each message named (``None`` for a plain text)."""
    return [m.get("response") for m in dispatcher.messages]
