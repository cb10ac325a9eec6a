"""actions.common: what several actions read from the tracker, and the Named base."""

from __future__ import annotations

from datetime import UTC, datetime

from rasa_sdk import Action
from rasa_sdk.events import ActiveLoop, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import (
    Named,
    WhenToExpectContact,
    clinic_line,
    form_answered_just_now,
    form_closed,
    latest_intent,
    latest_text,
    screening_answers,
)
from bot.handoffs.expectations import AFTER_HANDOFF_RESPONSES
from tests.actions.trackers import conversation_tracker, user_event


class _Greeter(Named, Action, name="action_greet_someone"):
    async def run(self, dispatcher, tracker, domain):  # pragma: no cover - never run
        return []


class _LouderGreeter(_Greeter, name="action_greet_loudly"):
    pass


def test_named_gives_each_action_the_name_on_its_class_line():
    assert _Greeter().name() == "action_greet_someone"
    assert _LouderGreeter().name() == "action_greet_loudly"
    assert not issubclass(Named, Action)  # so rasa_sdk's executor never registers it


def test_the_latest_message_text_intent_and_answers():
    tracker = conversation_tracker(
        [user_event("is it safe?", "faq")], slots={"screening_answers": {"q": {"value": "no"}}}
    )
    assert (latest_text(tracker), latest_intent(tracker)) == ("is it safe?", "faq")
    assert screening_answers(tracker) == {"q": {"value": "no"}}
    silent = conversation_tracker([user_event(None, "greet")], slots={"screening_answers": "x"})
    assert (latest_text(silent), screening_answers(silent)) == ("", {})


def test_a_form_was_answered_just_now_only_when_nothing_else_ran_since_the_message():
    history = [user_event("my name is Sam", "inform"), {"event": "action", "name": "contact_form"}]
    assert form_answered_just_now(conversation_tracker(history), "contact_form")
    detour = [*history[:1], {"event": "action", "name": "action_answer_faq"}]
    assert not form_answered_just_now(conversation_tracker(detour), "contact_form")


def test_the_clinic_line_comes_from_the_slot_or_the_settings():
    hello = [user_event("hello", "greet")]
    with_slot = conversation_tracker(hello, slots={"clinic_contact_line": "Call us on 555-0100."})
    assert "555-0100" in clinic_line(with_slot)
    assert clinic_line(conversation_tracker(hello))  # settings fill in: never empty


def test_closing_a_form_forgets_the_slot_it_asked_for():
    assert form_closed() == [ActiveLoop(None), SlotSet("requested_slot", None)]


def test_when_to_expect_contact_uses_the_clock_it_was_given():
    dispatcher = CollectingDispatcher()
    wednesday_noon = datetime(2026, 12, 2, 17, 0, tzinfo=UTC)
    WhenToExpectContact(clock=lambda: wednesday_noon).say_when_to_expect_contact(
        dispatcher, AFTER_HANDOFF_RESPONSES
    )
    [message] = dispatcher.messages
    assert message["response"] in AFTER_HANDOFF_RESPONSES.values()
