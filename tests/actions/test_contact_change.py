"""``action_change_contact``: empties the named details at the review or in the form."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.contact_change import CHANGE_CONTACT_LATER_RESPONSE, ActionChangeContact
from bot.clinic import contact_line
from bot.settings import get_settings
from tests.actions.trackers import (
    CONTACT,
    make_tracker,
    responses,
    slot_events,
    texts,
)


async def change(domain, text, **kwargs):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text=text, intent="change_contact", **kwargs)
    events = await ActionChangeContact().run(dispatcher, tracker, domain)
    return slot_events(events), texts(dispatcher)


EVERY_DETAIL = dict.fromkeys(
    ("contact_name", "contact_method", "contact_phone", "contact_email", "contact_best_time")
)


@pytest.mark.parametrize(
    ("text", "emptied", "said"),
    [
        # The review's button: every detail is asked again.
        ("/change_contact", EVERY_DETAIL, "Sure, let's update your contact details."),
        # Words naming one detail: only that one.
        ("that's not my number", {"contact_phone": None}, "Sure, let's update your phone number."),
    ],
    ids=["review button", "named detail"],
)
async def test_change_at_the_review_asks_the_details_again(domain, text, emptied, said):
    slots = {**CONTACT, "screening_review_pending": True, "contact_purpose": "screening"}
    events, messages = await change(domain, text, slots=slots)
    assert events == {**emptied, "requested_slot": None, "screening_review_pending": False}
    assert messages == [said]


async def test_new_email_while_the_team_would_text_asks_the_method_too(domain):
    events, said = await change(
        domain,
        "change my email",
        slots={**CONTACT, "contact_purpose": "screening"},
        active_loop="contact_form",
        requested_slot="contact_best_time",
    )
    assert events["contact_method"] is None and events["contact_email"] is None
    assert "contact_name" not in events and "contact_phone" not in events
    assert said == ["Sure, let's update your email address."]


async def test_outside_the_review_and_the_form_nothing_changes(domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="change my phone number", intent="change_contact", slots=CONTACT)
    events = slot_events(await ActionChangeContact().run(dispatcher, tracker, domain))
    assert events == {"screening_review_pending": False}
    assert responses(dispatcher) == [CHANGE_CONTACT_LATER_RESPONSE]
    [said] = texts(dispatcher)
    assert said.startswith("Contact details can be changed when I read them back")
    assert said.endswith(contact_line(get_settings().clinic))


async def test_change_request_at_a_form_question_rejects_so_the_change_rule_answers(domain):
    from actions.contact import ValidateContactForm

    tracker = make_tracker(
        slots={"contact_name": "Robin", "contact_method": "text", "contact_purpose": "screening"},
        text="wait, my name is spelled wrong",
        intent="change_contact",
        new_slots={"contact_phone": "wait, my name is spelled wrong"},
        active_loop="contact_form",
        requested_slot="contact_phone",
    )
    events = await ValidateContactForm().run(CollectingDispatcher(), tracker, domain)
    assert {"event": "action_execution_rejected", "name": "contact_form"} in [
        {k: e.get(k) for k in ("event", "name")} for e in events
    ]
    assert slot_events(events) == {"contact_phone": None}


async def test_a_new_address_given_with_the_change_request_is_just_the_answer(domain):
    from actions.contact import ValidateContactForm

    text = "oops wrong email, it's sam@example.org"
    tracker = make_tracker(
        slots={"contact_name": "Robin", "contact_method": "email"},
        text=text,
        intent="change_contact",
        new_slots={"contact_email": text},
        active_loop="contact_form",
        requested_slot="contact_email",
    )
    events = await ValidateContactForm().run(CollectingDispatcher(), tracker, domain)
    assert slot_events(events)["contact_email"] == "sam@example.org"
