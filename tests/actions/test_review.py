"""The review before sending and the submit (actions/review.py), with a real Tracker and a
real SQLite database."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.review import ActionReviewNotConfirmed, ActionReviewScreening, ActionSubmitScreening
from bot.contact.messages import (
    REVIEW_ANSWERS_RESPONSE,
    REVIEW_CONTACT_PROMPT_RESPONSE,
    SUBMIT_NOT_READY_RESPONSE,
)
from bot.db.engine import session_scope
from bot.db.models import Conversation, Handoff, OutboxMessage
from bot.handoffs.spool import pending, spool_path
from bot.questionnaire.questions import default_questions
from tests.actions.trackers import CONTACT, make_tracker, responses, slot_events, texts

# Wednesday 2026-11-18 15:00 UTC = 10:00 New York (default clinic hours: open).
OPEN = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
# Saturday 2026-11-21 17:00 UTC = 12:00 New York: closed.
CLOSED = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)


@pytest.fixture
def db_url(db_url, settings_env):
    """The database, default clinic hours, and a notification channel, so a hand-off also
    queues its outbox message."""
    settings_env(
        CLINIC_TIMEZONE=None,
        CLINIC_OPEN_DAYS=None,
        CLINIC_OPEN_HOUR=None,
        CLINIC_CLOSE_HOUR=None,
        CRISIS_COUNTRY="US",
        NOTIFY_EMAIL_TO="care-team@example.org",
        SMTP_HOST="127.0.0.1",
    )
    return db_url


def some_answers():
    questions = list(default_questions())
    return {
        questions[0].id: {"value": "no", "raw": "nope"},
        questions[1].id: {"value": "not_sure", "raw": "/not_sure"},
        questions[-1].id: {"value": "provided", "raw": "sertraline 50mg"},
    }


async def submit(
    domain, slots: dict[str, Any], at: datetime = OPEN, action: ActionSubmitScreening | None = None
) -> tuple[list[dict[str, Any]], CollectingDispatcher]:
    """ "Confirm and send" pressed with ``slots`` at the time ``at``: events and dispatcher."""
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots=slots, text="/affirm", intent="affirm")
    action = action or ActionSubmitScreening(clock=lambda: at)
    return await action.run(dispatcher, tracker, domain), dispatcher


async def test_review_lists_every_answer_as_given_and_contact(db_url, domain):
    answers = some_answers()
    tracker = make_tracker(slots={**CONTACT, "screening_answers": answers}, text="evenings")
    dispatcher = CollectingDispatcher()
    events = await ActionReviewScreening().run(dispatcher, tracker, domain)

    assert slot_events(events) == {"screening_review_pending": True}
    assert responses(dispatcher) == [REVIEW_ANSWERS_RESPONSE, REVIEW_CONTACT_PROMPT_RESPONSE]
    body, contact_text = texts(dispatcher)
    assert body.startswith("Before I send this to the care team, please check your answers:\n\n")
    questions = {q.id: q.text for q in default_questions()}
    for question_id in answers:
        assert questions[question_id] in body
    assert "Your answer: nope" in body
    assert "Your answer: Not sure" in body  # a button payload reads back as its label
    assert "Your answer: sertraline 50mg" in body
    unanswered = [text for qid, text in questions.items() if qid not in answers]
    assert not any(text in body for text in unanswered)
    assert contact_text.startswith("How the care team will reach you:\n")
    assert "Robin" in contact_text and "+1 212-555-0123" in contact_text
    assert "weekday evenings" in contact_text
    assert contact_text.endswith(
        '\n\nIs everything right? Nothing is sent until you choose "Confirm and send".'
    )
    contact = dispatcher.messages[1]
    assert [b["payload"] for b in contact["buttons"]] == [
        "/affirm",
        "/change_answer",
        "/change_contact",
    ]
    assert [b["title"] for b in contact["buttons"]] == [
        "Confirm and send",
        "Change an answer",
        "Change contact details",
    ]
    # The contact details are stored when the review is shown.
    with session_scope() as session:
        conversation = session.get(Conversation, "conv-1")
        assert conversation.contact_name == "Robin"
        assert conversation.contact_method == "text"
        assert conversation.contact_phone == "+12125550123"
        assert conversation.contact_best_time == "weekday evenings"


async def test_submit_creates_one_handoff_and_says_when(db_url, domain, caplog):
    caplog.set_level(logging.DEBUG)
    action = ActionSubmitScreening(clock=lambda: OPEN)
    slots = {**CONTACT, "screening_answers": some_answers(), "screening_review_pending": True}
    events, dispatcher = await submit(domain, slots, action=action)

    assert slot_events(events)["screening_submitted"] is True
    assert slot_events(events)["screening_review_pending"] is False
    said = " ".join(texts(dispatcher))
    assert "I've sent your answers to the care team" in said
    assert "text message" in said
    assert "in today until 5 pm" in said
    # No judgement, no flagged item named.
    for question in default_questions():
        assert question.text not in said
    for word in ("eligib", "qualif", "candidate", "concern", "problem", "flag"):
        assert word not in said.lower()

    # Retrying (Rasa retry, double click) does not create a second hand-off.
    retry = {**CONTACT, "screening_submitted": True, "screening_review_pending": True}
    _, again = await submit(domain, retry, action=action)
    with session_scope() as session:
        handoffs = session.execute(select(Handoff)).scalars().all()
        assert [(h.reason, h.event_key) for h in handoffs] == [
            ("screening_complete", "screening_complete")
        ]
        assert session.execute(select(OutboxMessage)).scalars().first() is not None
    assert "already been sent" in texts(again)[0]
    # Contact details never reach the log.
    for secret in ("+12125550123", "212-555-0123", "weekday evenings"):
        assert secret not in caplog.text


async def test_submit_outside_hours_gives_crisis_line(db_url, domain):
    _, dispatcher = await submit(domain, CONTACT, at=CLOSED)
    said = " ".join(texts(dispatcher))
    assert "closed right now" in said and "reopens on Monday at 9 am" in said
    assert "call or text 988" in said


async def test_submit_without_contact_details_sends_nothing(db_url, domain):
    events, dispatcher = await submit(domain, {"contact_name": "Robin"})
    assert events == []
    assert responses(dispatcher) == [SUBMIT_NOT_READY_RESPONSE]
    with session_scope() as session:
        assert session.execute(select(Handoff)).scalars().first() is None


async def test_no_at_the_review_sends_nothing_and_offers_the_buttons(db_url, domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={**CONTACT, "screening_review_pending": True}, text="no", intent="deny"
    )
    events = await ActionReviewNotConfirmed().run(dispatcher, tracker, domain)
    assert events == []
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == [
        "/change_answer",
        "/change_contact",
        "/affirm",
    ]
    with session_scope() as session:
        assert session.execute(select(Handoff)).scalars().first() is None


async def test_submit_failure_is_told_and_can_be_retried(db_url, monkeypatch, domain, caplog):
    caplog.set_level(logging.DEBUG)

    def refuse(**kwargs):
        raise RuntimeError("cannot create hand-off for +12125550123 Robin weekday evenings")

    monkeypatch.setattr("bot.handoffs.requests.create_handoff", refuse)
    events, dispatcher = await submit(domain, CONTACT)
    assert events == []  # review stays pending, so "Confirm and send" works again
    assert "something went wrong" in texts(dispatcher)[0]
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/affirm"
    # The database error quotes its parameters; none of them reach the log.
    assert "screening hand-off failed" in caplog.text
    for secret in ("+12125550123", "Robin", "weekday evenings"):
        assert secret not in caplog.text


async def test_database_down_after_confirm_spools_the_handoff(unmigrated_db_url, domain):
    # The visitor confirmed, so the hand-off waits in the spool and the visitor is told it
    # is on its way.
    events, dispatcher = await submit(domain, CONTACT)
    assert [(item.reason, item.event_key) for item in pending(spool_path())] == [
        ("screening_complete", "screening_complete")
    ]
    assert "I've sent your answers" in texts(dispatcher)[0]
    assert slot_events(events)["screening_submitted"] is True


async def test_the_review_sends_nothing_even_when_the_database_is_down(unmigrated_db_url, domain):
    tracker = make_tracker(slots=CONTACT, text="weekday evenings", intent="inform")
    await ActionReviewScreening().run(CollectingDispatcher(), tracker, domain)
    assert pending(spool_path()) == []
