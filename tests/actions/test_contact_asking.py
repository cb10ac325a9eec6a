"""Asking the contact form's questions (actions/contact_asking.py) with a real dispatcher."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.contact_asking import (
    ActionAskContactBestTime,
    ActionAskContactEmail,
    ActionAskContactMethod,
    ActionAskContactName,
    ActionAskContactPhone,
)
from tests.actions.trackers import make_tracker, responses, texts

# (action, the question the visitor reads, the buttons' (title, payload))
QUESTIONS = {
    "contact_name": (
        ActionAskContactName,
        "What name should the care team use for you? A first name is fine.",
        [],
    ),
    "contact_method": (
        ActionAskContactMethod,
        "How would you like the care team to contact you?",
        [("Call me", "call"), ("Text me", "text"), ("Email me", "email")],
    ),
    "contact_phone": (
        ActionAskContactPhone,
        "What phone number should they use? Please include the area code.",
        [],
    ),
    "contact_email": (ActionAskContactEmail, "What email address should they use?", []),
    "contact_best_time": (
        ActionAskContactBestTime,
        'When is a good time to reach you? For example "weekday mornings" or "any time".',
        [],
    ),
}


@pytest.mark.parametrize(
    ("slot", "action", "question", "buttons"), [(s, *q) for s, q in QUESTIONS.items()]
)
async def test_each_contact_question_is_asked_with_its_buttons(
    domain, slot, action, question, buttons
):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(active_loop="contact_form", requested_slot=slot, text="ok")
    events = await action().run(dispatcher, tracker, domain)
    assert events == []
    assert texts(dispatcher) == [question]
    [message] = dispatcher.messages
    assert [(b["title"], b["payload"]) for b in message["buttons"]] == buttons


@pytest.mark.parametrize("slot", QUESTIONS)
def test_the_form_finds_each_ask_action_by_its_slot(domain, slot):
    # Rasa runs action_ask_<slot> for the slot the form requests: the name must match, and
    # the action must be declared in domain.yml.
    action = QUESTIONS[slot][0]()
    assert action.name() == f"action_ask_{slot}"
    assert action.name() in domain["actions"]
    assert slot in domain["forms"]["contact_form"]["required_slots"]


async def test_the_method_buttons_are_copies_the_dispatcher_may_change(domain):
    # Each run sends fresh button dicts: a change to one message never leaks into the next.
    first, second = CollectingDispatcher(), CollectingDispatcher()
    tracker = make_tracker(active_loop="contact_form", requested_slot="contact_method")
    await ActionAskContactMethod().run(first, tracker, domain)
    first.messages[0]["buttons"][0]["title"] = "changed"
    await ActionAskContactMethod().run(second, tracker, domain)
    assert responses(second) == ["utter_contact_ask_method"]
    assert second.messages[0]["buttons"][0]["title"] == "Call me"
