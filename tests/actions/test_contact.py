"""contact_form validation and the start of the contact flow, with a real Tracker."""

from __future__ import annotations

from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.contact import ActionStartContact, ValidateContactForm
from bot.contact.messages import (
    INVALID_EMAIL_RESPONSE,
    INVALID_METHOD_RESPONSE,
    NUMBER_BEFORE_METHOD_RESPONSE,
)
from tests.actions.trackers import CONTACT, make_tracker, slot_events, texts
from tests.responses import render_response

NAME_ONLY = {"contact_name": "Robin"}
# What NLU reads in most replies to a contact question.
INFORM = "inform_contact_method"


async def validate(
    domain, asked: str, text: str, *, known: dict[str, Any] | None = None, intent: str = INFORM
) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    """The form's validation of ``text`` given at the ``asked`` question: events, dispatcher."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        active_loop="contact_form",
        slots=known,
        requested_slot=asked,
        text=text,
        intent=intent,
        new_slots={asked: text},
    )
    events = await ValidateContactForm().run(dispatcher, tracker, domain)
    return events, dispatcher


async def reply(domain, asked: str, text: str, **kwargs) -> tuple[dict[str, Any], list[str]]:
    """The slots the form sets for ``text`` at the ``asked`` question, and what it says."""
    events, dispatcher = await validate(domain, asked, text, **kwargs)
    return slot_events(events), texts(dispatcher)


# --- validation -------------------------------------------------------------------------

# Each method in the visitor's words, and the question the form asks next.
METHOD_WORDS = {
    "call": ("phone", "contact_phone"),
    "text": ("txt me", "contact_phone"),
    "email": ("e-mail", "contact_email"),
}
# (known details, question asked, the visitor's words, NLU intent, slots set, what is said)
READINGS = {
    "name strips the lead-in": (
        None, "contact_name", "my name is Robin", "greet", {"contact_name": "Robin"}, [],
    ),
    "name NLU calls a question is still a name": (
        None, "contact_name", "Sam", "faq",
        {"contact_name": "Sam", "requested_slot": "contact_method"}, [],
    ),
    **{
        f"method in words: {method}": (
            NAME_ONLY, "contact_method", words, INFORM,
            {"contact_method": method, "requested_slot": asked_next}, [],
        )
        for method, (words, asked_next) in METHOD_WORDS.items()
    },
    "unknown method is asked again": (
        NAME_ONLY, "contact_method", "whenever", INFORM,
        {"contact_method": None}, [render_response(INVALID_METHOD_RESPONSE)],
    ),
    "email at the method question fills both": (
        NAME_ONLY, "contact_method", "robin@example.org", INFORM,
        {
            "contact_method": "email",
            "contact_email": "robin@example.org",
            "requested_slot": "contact_best_time",
        },
        [],
    ),
    "number at the method question is kept": (
        NAME_ONLY, "contact_method", "212-555-0123", INFORM,
        {
            "contact_method": None,
            "contact_phone": "+12125550123",
            "requested_slot": "contact_method",
        },
        [render_response(NUMBER_BEFORE_METHOD_RESPONSE)],
    ),
    "valid phone": (
        {**NAME_ONLY, "contact_method": "call"}, "contact_phone", "(212) 555-0123", INFORM,
        {"contact_phone": "+12125550123", "requested_slot": "contact_best_time"}, [],
    ),
    "email instead of a phone switches the method": (
        {**NAME_ONLY, "contact_method": "text"}, "contact_phone", "actually email is better",
        INFORM, {"contact_method": "email", "requested_slot": "contact_email"}, [],
    ),
    "invalid email is asked again": (
        {**NAME_ONLY, "contact_method": "email"}, "contact_email", "robin at example", INFORM,
        {"contact_email": None, "requested_slot": "contact_email"},
        [render_response(INVALID_EMAIL_RESPONSE)],
    ),
    "last detail completes the form": (
        {k: v for k, v in CONTACT.items() if k != "contact_best_time"}, "contact_best_time",
        "  weekday   evenings ", INFORM,
        # requested_slot None: the form deactivates.
        {"contact_best_time": "weekday evenings", "requested_slot": None}, [],
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("known", "asked", "text", "intent", "expected", "said"),
    READINGS.values(),
    ids=READINGS.keys(),
)
async def test_reply_sets_the_slots_and_says(domain, known, asked, text, intent, expected, said):
    slots, messages = await reply(domain, asked, text, known=known, intent=intent)
    assert {slot: slots[slot] for slot in expected} == expected
    assert messages == said


async def test_name_without_letters_is_asked_again(domain):
    slots, messages = await reply(domain, "contact_name", "1234")
    assert slots["contact_name"] is None
    assert messages and "didn't catch a name" in messages[0]


async def test_invalid_phone_is_asked_again_with_the_reason(domain):
    known = {**NAME_ONLY, "contact_method": "call"}
    slots, messages = await reply(domain, "contact_phone", "555-1234", known=known)
    assert slots["contact_phone"] is None
    assert len(messages) == 1
    assert "doesn't look like a complete phone number" in messages[0]
    assert "area code" in messages[0]
    # Still on the phone question.
    assert slots["requested_slot"] == "contact_phone"


async def test_phone_region_comes_from_settings(domain, settings_env):
    settings_env(PHONE_REGION="GB")
    known = {**NAME_ONLY, "contact_method": "call"}
    slots, _ = await reply(domain, "contact_phone", "020 7946 0958", known=known)
    assert slots["contact_phone"] == "+442079460958"


# --- questions and refusals at a contact question ----------------------------------------


async def test_question_at_name_prompt_rejects_so_the_faq_rule_answers(domain):
    events, dispatcher = await validate(
        domain, "contact_name", "how much does it cost?", intent="faq"
    )
    assert events == [
        {"event": "slot", "timestamp": None, "name": "contact_name", "value": None},
        {
            "event": "action_execution_rejected",
            "timestamp": None,
            "name": "contact_form",
            "policy": None,
            "confidence": None,
        },
    ]
    assert dispatcher.messages == []


async def test_no_thanks_at_phone_prompt_rejects_so_the_stop_rule_answers(domain):
    known = {**NAME_ONLY, "contact_method": "call"}
    events, _ = await validate(domain, "contact_phone", "no thanks", known=known, intent="deny")
    assert [e["event"] for e in events] == ["slot", "action_execution_rejected"]


async def test_after_a_detour_the_form_resumes_without_complaint(domain):
    # Back in the form after the FAQ answer (events as Rasa sends them): no rejection,
    # no "didn't catch a name", the name is simply asked again.
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        active_loop="contact_form",
        requested_slot="contact_name",
        text="how much does it cost?",
        intent="faq",
        new_slots={"contact_name": None},
    )
    tracker.events += [
        {"event": "action_execution_rejected", "name": "contact_form"},
        {"event": "action", "name": "action_answer_faq"},
        {"event": "slot", "name": "requested_slot", "value": "contact_name"},
        {"event": "action", "name": "contact_form"},
    ]
    events = await ValidateContactForm().run(dispatcher, tracker, domain)
    assert all(e["event"] != "action_execution_rejected" for e in events)
    assert dispatcher.messages == []
    # A None value is validated silently too (defensive: nothing to complain about).
    assert ValidateContactForm().validate_contact_name(None, dispatcher, tracker, domain) == {
        "contact_name": None
    }
    assert dispatcher.messages == []


# --- start ------------------------------------------------------------------------------


async def test_start_contact_sets_purpose_and_skips_intro_when_details_known(domain):
    done = {"screening_complete": True}
    dispatcher = CollectingDispatcher()
    events = await ActionStartContact().run(dispatcher, make_tracker(slots=done, text="no"), domain)
    assert slot_events(events)["contact_purpose"] == "screening"
    assert len(dispatcher.messages) == 1

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={**CONTACT, **done}, text="no")
    await ActionStartContact().run(dispatcher, tracker, domain)
    assert dispatcher.messages == []


async def test_start_contact_after_declined_consent_does_nothing(domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"screening_consent": False}, text="no", intent="deny")
    events = await ActionStartContact().run(dispatcher, tracker, domain)
    assert slot_events(events) == {"contact_purpose": None}
    assert dispatcher.messages == []
