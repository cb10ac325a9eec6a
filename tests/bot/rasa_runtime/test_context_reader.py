"""The Rasa component that reads a reply against its step (bot/rasa_runtime/context_reader.py)."""

from __future__ import annotations

from rasa.shared.core.events import ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.rasa_runtime.context_reader import READING_KEY, ContextualReplyReader, step_from_tracker

REVIEW_BUTTONS = [
    {"title": "Confirm and send", "payload": "/affirm"},
    {"title": "Change an answer", "payload": "/change_answer"},
    {"title": "Change contact details", "payload": "/change_contact"},
]


def tracker_with(events) -> DialogueStateTracker:
    return DialogueStateTracker.from_events("visitor", events)


def message(text: str, intent: str, confidence: float = 0.9) -> Message:
    return Message(data={TEXT: text, INTENT: {"name": intent, "confidence": confidence}})


def test_the_buttons_since_the_last_visitor_message_make_the_step():
    tracker = tracker_with(
        [
            UserUttered("hi"),
            BotUttered("old", data={"buttons": [{"title": "Old", "payload": "/old"}]}),
            UserUttered("done"),
            BotUttered("Please check", data={"buttons": REVIEW_BUTTONS}),
            SlotSet("screening_review_pending", True),
        ]
    )
    step = step_from_tracker(tracker)
    assert [b["payload"] for b in step.buttons] == ["/affirm", "/change_answer", "/change_contact"]
    assert step.review_pending


def test_buttons_inside_a_custom_payload_count_too():
    tracker = tracker_with(
        [BotUttered(None, data={"custom": {"buttons": [{"title": "X", "payload": "/safe_now"}]}})]
    )
    assert step_from_tracker(tracker).buttons[0]["payload"] == "/safe_now"


def test_the_question_being_asked_is_read_from_the_slots():
    tracker = tracker_with(
        [
            ActiveLoop("screening_form"),
            SlotSet("requested_slot", "screening_answer"),
            SlotSet("screening_question_id", "suicidal_thoughts"),
        ]
    )
    step = step_from_tracker(tracker)
    assert (step.active_loop, step.requested_slot, step.question_id) == (
        "screening_form",
        "screening_answer",
        "suicidal_thoughts",
    )


def test_process_overrides_the_intent_and_records_why():
    tracker = tracker_with([BotUttered("Please check", data={"buttons": REVIEW_BUTTONS})])
    messages = ContextualReplyReader().process([message("looks good, send it", "goodbye")], tracker)
    assert messages[0].get(INTENT)["name"] == "affirm"
    assert messages[0].get(READING_KEY)["payload"] == "/affirm"


def test_without_a_tracker_the_nlu_intent_stands():
    messages = ContextualReplyReader().process([message("looks good, send it", "goodbye")], None)
    assert messages[0].get(INTENT)["name"] == "goodbye"
