"""Crisis episodes (bot/safety/episodes.py): one key per episode, a new one after "safe"."""

from __future__ import annotations

from bot.safety.episodes import crisis_event_key


def user(intent: str, message_id: str | None = None) -> dict:
    event = {"event": "user", "parse_data": {"intent": {"name": intent}}}
    if message_id:
        event["message_id"] = message_id
    return event


def test_repeated_crisis_messages_share_the_episode_of_the_first():
    assert crisis_event_key([user("crisis", "m-1"), user("crisis", "m-2")]) == "crisis:m-1"


def test_safe_now_ends_the_episode():
    events = [
        user("crisis", "m-1"),
        {"event": "action", "name": "action_confirm_safe"},
        user("crisis", "m-3"),
    ]
    assert crisis_event_key(events) == "crisis:m-3"


def test_a_crisis_response_started_by_an_answer_keys_on_that_message():
    events = [user("affirm", "m-5"), {"event": "action", "name": "action_crisis_response"}]
    assert crisis_event_key(events) == "crisis:m-5"
