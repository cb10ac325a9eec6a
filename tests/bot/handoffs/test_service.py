"""create_handoff: idempotent under retries and races, summary stored, outbox in the same tx."""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy import func, select

from bot.db.engine import make_session_factory
from bot.db.models import AuditEvent, Conversation, Handoff, OutboxMessage
from bot.handoffs.service import create_handoff, list_handoffs
from bot.settings import get_settings
from bot.summary.handoff import render_text, summary_from_dict
from tests.factories import new_handoff, run_together


@pytest.fixture
def notify_settings(db_url):
    """Settings with both channels configured (nothing is sent in these tests)."""
    return replace(
        get_settings(),
        smtp_host="127.0.0.1",
        smtp_port=1,
        notify_email_to="team@example.org",
        notify_webhook_url="http://127.0.0.1:1/hook",
        public_base_url="https://clinic.example",
    )


@pytest.fixture
def create(notify_settings):
    """``create(session, conversation_id, reason, event_key)``: the service, both channels set."""

    def make(session, conversation_id, reason, event_key):
        return new_handoff(
            session, conversation_id, reason, event_key=event_key, settings=notify_settings
        )

    return make


def count(session, model, *where):
    return session.execute(select(func.count(model.id)).where(*where)).scalar_one()


def test_creates_handoff_with_summary_and_notifications(session, filled_conversation, create):
    handoff = create(session, filled_conversation, "screening_complete", "screening:1")
    session.commit()
    assert handoff.id and handoff.status == "open" and handoff.urgency == "normal"
    summary = summary_from_dict(handoff.summary_json)
    assert summary.handoff_id == handoff.id
    assert summary.transcript_url == f"https://clinic.example/staff/handoffs/{handoff.id}"
    assert "Alex Sample" in render_text(summary)
    kinds = (
        session.execute(select(OutboxMessage.kind).where(OutboxMessage.handoff_id == handoff.id))
        .scalars()
        .all()
    )
    assert sorted(kinds) == ["email", "webhook"]
    audit = session.execute(select(AuditEvent)).scalars().one()
    assert audit.action == "handoff.create" and audit.target == f"handoff:{handoff.id}"
    assert "Alex" not in str(audit.details)


def test_same_event_key_is_idempotent(session, filled_conversation, create):
    first = create(session, filled_conversation, "asked_for_human", "human:1")
    session.commit()
    for _ in range(3):  # action retries
        again = create(session, filled_conversation, "asked_for_human", "human:1")
        session.commit()
        assert again.id == first.id
    assert count(session, Handoff) == 1
    assert count(session, OutboxMessage) == 2
    other = create(session, filled_conversation, "asked_for_human", "human:2")
    assert other.id != first.id


def test_retry_in_a_new_session_returns_the_same_handoff(engine, filled_conversation, create):
    factory = make_session_factory(engine)
    ids = []
    for _ in range(2):
        with factory() as session, session.begin():
            ids.append(create(session, filled_conversation, "screening_complete", "done").id)
    assert ids[0] == ids[1]
    with factory() as session:
        assert count(session, OutboxMessage) == 2


def test_concurrent_creation_yields_one_handoff(engine, filled_conversation, create):
    factory = make_session_factory(engine)
    ids = []

    def worker():
        with factory() as session:
            handoff = create(session, filled_conversation, "crisis", "crisis:1")
            session.commit()
            ids.append(handoff.id)

    assert run_together(worker) == []
    assert len(set(ids)) == 1 and len(ids) == 4
    with factory() as session:
        assert count(session, Handoff) == 1
        assert count(session, OutboxMessage) == 2


def test_rollback_leaves_no_handoff_and_no_notification(session, filled_conversation, create):
    create(session, filled_conversation, "screening_complete", "k")
    session.rollback()
    assert count(session, Handoff) == 0
    assert count(session, OutboxMessage) == 0


def test_crisis_is_urgent_and_marks_conversation(session, create, questions_file):
    handoff = create(session, "c-crisis", "crisis", "crisis:1")
    session.commit()
    assert handoff.urgency == "urgent"
    conversation = session.get(Conversation, "c-crisis")
    assert conversation.urgent and conversation.crisis_at is not None
    # Later hand-offs of an urgent conversation stay urgent.
    later = create(session, "c-crisis", "asked_for_human", "human:1")
    assert later.urgency == "urgent"


def test_no_channels_configured_queues_nothing(session, questions_file, db_url):
    settings = replace(get_settings(), smtp_host="", notify_email_to="", notify_webhook_url="")
    new_handoff(session, "c-quiet", "asked_for_human", event_key="k", settings=settings)
    session.commit()
    assert count(session, OutboxMessage) == 0
    assert count(session, Handoff) == 1


def test_email_needs_host_and_recipient(session, questions_file, db_url):
    settings = replace(
        get_settings(), smtp_host="mail.local", notify_email_to="", notify_webhook_url=""
    )
    new_handoff(session, "c-x", "asked_for_human", event_key="k", settings=settings)
    assert count(session, OutboxMessage) == 0


def test_invalid_reason_or_key(session):
    with pytest.raises(ValueError):
        create_handoff(session=session, conversation_id="c", reason="ineligible", event_key="k")
    with pytest.raises(ValueError):
        create_handoff(session=session, conversation_id="c", reason="crisis", event_key="")


def test_listing_is_urgent_first_and_filters_by_status(session, filled_conversation, create):
    normal = create(session, filled_conversation, "screening_complete", "a")
    urgent = create(session, "c-u", "crisis", "b")
    normal.status = "resolved"
    session.commit()
    assert [h.id for h in list_handoffs(session=session)] == [urgent.id, normal.id]
    assert [h.id for h in list_handoffs(session=session, status="open")] == [urgent.id]
    assert [h.id for h in list_handoffs(session=session, status="resolved")] == [normal.id]
    with pytest.raises(ValueError):
        list_handoffs(session=session, status="done")
