"""Helpers shared by the action tests: a real rasa_sdk Tracker built like the server does
(the one tracker builder of the suite), and what the visitor reads of the messages an
action sent.

Actions name domain.yml responses (``utter_message(response=..., **values)``);
:func:`texts` renders them with Rasa's own generator, so tests read the final words.
"""

from __future__ import annotations

import uuid
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


def user_event(text: str | None, intent: str, message_id: str | None = None) -> dict[str, Any]:
    """A visitor message as Rasa records it: the words and the intent NLU read in them."""
    parse_data = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    event: dict[str, Any] = {"event": "user", "text": text, "parse_data": parse_data}
    if message_id:
        event["message_id"] = message_id
    return event


def conversation_tracker(
    history: list[dict[str, Any]],
    *,
    sender_id: str | None = None,
    slots: dict[str, Any] | None = None,
    active_loop: str | None = None,
    latest_action: str = "action_listen",
) -> Tracker:
    """The tracker after ``history``; its latest message is the last visitor message there.

    A sender id is made up when none is given, so two trackers are two conversations.
    """
    latest = next(e for e in reversed(history) if e["event"] == "user")["parse_data"]
    return Tracker(
        sender_id=sender_id or str(uuid.uuid4()),
        slots={"requested_slot": None, **(slots or {})},
        latest_message=latest,
        events=[{"event": "action", "name": "action_listen"}, *history],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name=latest_action,
    )


def make_tracker(
    *,
    sender_id: str = "conv-1",
    slots: dict[str, Any] | None = None,
    text: str | None = None,
    intent: str = "inform_contact_method",
    new_slots: dict[str, Any] | None = None,
    active_loop: str | None = None,
    requested_slot: str | None = None,
    form: str | None = None,
    after_action: str | None = None,
    selector: dict[str, Any] | None = None,
) -> Tracker:
    """A tracker whose latest user message is ``text``; ``new_slots`` were set after it.

    ``form``: the tracker a form's validation action gets, the form asking
    ``requested_slot`` after the message (and after ``after_action``, a detour), with
    ``new_slots`` the candidates it extracted. ``selector``: the FAQ ResponseSelector's
    output for the message.
    """
    message = user_event(text, intent)
    if selector is not None:
        message["parse_data"]["response_selector"] = {"faq": selector}
    history = [message]
    if after_action:
        history.append({"event": "action", "name": after_action})
    if form:
        history += [
            {"event": "slot", "name": "requested_slot", "value": requested_slot},
            {"event": "action", "name": form},
        ]
    history += [{"event": "slot", "name": k, "value": v} for k, v in (new_slots or {}).items()]
    return conversation_tracker(
        history,
        sender_id=sender_id,
        slots={"requested_slot": requested_slot, **(slots or {}), **(new_slots or {})},
        active_loop=form or active_loop,
        latest_action=form or "action_listen",
    )


def slot_events(events: list[dict[str, Any]]) -> dict[str, Any]:
    """``{slot: value}`` from the SlotSet events an action returned (last one wins)."""
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def has_event(events: list[dict[str, Any]], kind: str, name: str | None) -> bool:
    """Whether ``events`` holds an event of ``kind`` (e.g. "followup") with ``name``."""
    return any(e.get("event") == kind and e.get("name") == name for e in events)


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
