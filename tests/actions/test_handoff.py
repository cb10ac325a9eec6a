"""Asking for a person: acknowledgement, hand-off per request, contact window."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.handoff import ActionHandoffHuman, ActionRequestHuman
from bot.clinic import contact_line
from bot.db.engine import session_scope
from bot.db.models import Conversation, Handoff
from bot.domain_responses import load_domain
from bot.handoffs.person_requests import (
    HUMAN_ACK_IN_FORM_RESPONSE,
    HUMAN_ACK_KNOWN_RESPONSE,
    HUMAN_ACK_RESPONSE,
    UNANSWERED_ACK_RESPONSE,
)
from bot.settings import get_settings
from tests.actions.trackers import make_tracker, responses, slot_events, texts

OPEN = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)  # Wednesday 10:00 New York
CLOSED = datetime(2026, 11, 20, 23, 30, tzinfo=UTC)  # Friday 18:30 New York

CONTACT = {
    "contact_name": "Sam",
    "contact_method": "email",
    "contact_phone": None,
    "contact_email": "sam@example.org",
    "contact_best_time": "any time",
}


@pytest.fixture
def db_url(db_url, settings_env):
    """The database, with the default clinic hours."""
    settings_env(
        CLINIC_TIMEZONE=None, CLINIC_OPEN_DAYS=None, CLINIC_OPEN_HOUR=None, CLINIC_CLOSE_HOUR=None
    )
    return db_url


async def request(tracker_slots=None, **kwargs):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots=tracker_slots or {}, text="can I talk to a person", intent="request_human", **kwargs
    )
    events = await ActionRequestHuman().run(dispatcher, tracker, load_domain())
    return slot_events(events), responses(dispatcher)


async def test_request_without_details_asks_for_them():
    slots, messages = await request()
    assert slots["contact_purpose"] == "human"
    assert slots["handoff_reason"] == "asked_for_human"
    assert slots["human_request_count"] == 1
    assert messages == [HUMAN_ACK_RESPONSE]


async def test_request_with_known_details_does_not_ask_again():
    slots, messages = await request({**CONTACT, "human_request_count": 2.0})
    assert slots["human_request_count"] == 3
    assert messages == [HUMAN_ACK_KNOWN_RESPONSE]


async def test_request_after_faq_gate_is_an_unanswered_question():
    slots, messages = await request({"pending_unanswered_question": "Can I drive home after?"})
    assert slots["handoff_reason"] == "unanswered_question"
    assert messages == [UNANSWERED_ACK_RESPONSE]


async def test_follow_up_button_of_the_faq_gate_is_an_unanswered_question():
    from bot.buttons import FOLLOW_UP_REQUEST

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="/request_human", intent="request_human")
    gate = dict(FOLLOW_UP_REQUEST)
    tracker.events[:0] = [
        {"event": "user", "text": "can I bring my dog to the session"},
        {"event": "action", "name": "action_answer_faq"},
        {"event": "bot", "text": "I'm not sure...", "data": {"buttons": [gate]}},
    ]
    events = slot_events(await ActionRequestHuman().run(dispatcher, tracker, load_domain()))
    assert events["handoff_reason"] == "unanswered_question"
    assert events["pending_unanswered_question"] == "can I bring my dog to the session"
    assert responses(dispatcher) == [UNANSWERED_ACK_RESPONSE]


async def test_plain_request_after_an_ordinary_answer_is_asked_for_human():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(text="/request_human", intent="request_human")
    tracker.events[:0] = [
        {"event": "user", "text": "what is kap"},
        {"event": "bot", "text": "KAP is...", "data": {"buttons": []}},
    ]
    events = slot_events(await ActionRequestHuman().run(dispatcher, tracker, load_domain()))
    assert events["handoff_reason"] == "asked_for_human"
    assert "pending_unanswered_question" not in events


async def test_call_me_at_the_method_question_is_taken_as_the_answer():
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={"contact_name": "Sam"},
        text="call me",
        intent="request_human",
        active_loop="contact_form",
        requested_slot="contact_method",
    )
    events = await ActionRequestHuman().run(dispatcher, tracker, load_domain())
    assert slot_events(events)["contact_method"] == "call"
    assert responses(dispatcher) == [HUMAN_ACK_IN_FORM_RESPONSE]
    assert texts(dispatcher) == [
        "Of course. As soon as I have your contact details I'll ask someone from the care team "
        "to reach out."
    ]


async def handoff(slots, clock=OPEN):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=slots, text="any time", intent="inform_contact_method")
    events = await ActionHandoffHuman(clock=lambda: clock).run(dispatcher, tracker, load_domain())
    return slot_events(events), texts(dispatcher)


async def test_handoff_per_request_and_idempotent(db_url):
    slots = {**CONTACT, "contact_purpose": "human", "handoff_reason": "asked_for_human"}
    events, messages = await handoff({**slots, "human_request_count": 1.0})
    said = " ".join(messages)
    assert "I've asked the care team to contact you by email" in said
    assert "in today until 5 pm" in said
    assert "keep asking me questions" in said
    assert events["contact_purpose"] is None
    # Same request retried: no new hand-off. A later, second request: a new one.
    await handoff({**slots, "human_request_count": 1.0})
    await handoff({**slots, "human_request_count": 2.0})
    with session_scope() as session:
        rows = session.execute(select(Handoff).order_by(Handoff.id)).scalars().all()
        assert [(h.reason, h.event_key) for h in rows] == [
            ("asked_for_human", "human:1"),
            ("asked_for_human", "human:2"),
        ]
        conversation = session.get(Conversation, "conv-1")
        assert conversation.contact_method == "email"
        assert conversation.contact_email == "sam@example.org"
        assert conversation.contact_phone is None


async def test_handoff_is_announced_to_staff_without_waiting_for_the_worker(
    db_url, webhook, settings_env
):
    settings_env(NOTIFY_WEBHOOK_URL=webhook.url)
    await handoff({**CONTACT, "handoff_reason": "asked_for_human", "human_request_count": 1.0})
    deadline = time.monotonic() + 10
    while not webhook.delivered and time.monotonic() < deadline:
        time.sleep(0.02)
    assert [r["json"]["reason"] for r in webhook.delivered] == ["asked_for_human"]
    assert "sam@example.org" not in str(webhook.delivered)  # never contact details


async def test_handoff_outside_hours_says_closed_and_repeats_988(db_url):
    _, messages = await handoff(
        {**CONTACT, "handoff_reason": "asked_for_human", "human_request_count": 1.0}, CLOSED
    )
    said = " ".join(messages)
    assert "closed right now" in said and "reopens on Monday at 9 am" in said
    assert "call or text 988" in said


async def test_unanswered_question_handoff(db_url):
    events, messages = await handoff(
        {
            **CONTACT,
            "handoff_reason": "unanswered_question",
            "pending_unanswered_question": "Can I drive home after?",
            "human_request_count": 1.0,
        }
    )
    assert "passed your question to the care team" in messages[0]
    assert events["pending_unanswered_question"] is None
    with session_scope() as session:
        row = session.execute(select(Handoff)).scalar_one()
        assert row.reason == "unanswered_question"


async def test_handoff_failure_offers_to_try_again(unmigrated_db_url):
    _, messages = await handoff({**CONTACT, "human_request_count": 1.0})
    assert "something went wrong" in messages[0]
    assert messages[0].endswith(contact_line(get_settings().clinic))
