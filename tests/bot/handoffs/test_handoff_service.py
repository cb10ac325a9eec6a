"""create_handoff: idempotent under retries and races, summary stored, outbox in the same tx."""

from __future__ import annotations

import threading
from dataclasses import replace

import pytest
from sqlalchemy import func, select

from bot.db.engine import make_session_factory
from bot.db.models import AuditEvent, Conversation, Handoff, OutboxMessage
from bot.handoffs.service import create_handoff, list_handoffs
from bot.handoffs.summary import render_text, summary_from_dict
from bot.settings import get_settings


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


def count(session, model, *where):
    return session.execute(select(func.count(model.id)).where(*where)).scalar_one()


def test_creates_handoff_with_summary_and_notifications(
    session, filled_conversation, notify_settings
):
    handoff = create_handoff(
        session=session,
        conversation_id=filled_conversation,
        reason="screening_complete",
        event_key="screening:1",
        settings=notify_settings,
    )
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


def test_same_event_key_is_idempotent(session, filled_conversation, notify_settings):
    first = create_handoff(
        session=session,
        conversation_id=filled_conversation,
        reason="asked_for_human",
        event_key="human:1",
        settings=notify_settings,
    )
    session.commit()
    for _ in range(3):  # action retries
        again = create_handoff(
            session=session,
            conversation_id=filled_conversation,
            reason="asked_for_human",
            event_key="human:1",
            settings=notify_settings,
        )
        session.commit()
        assert again.id == first.id
    assert count(session, Handoff) == 1
    assert count(session, OutboxMessage) == 2
    other = create_handoff(
        session=session,
        conversation_id=filled_conversation,
        reason="asked_for_human",
        event_key="human:2",
        settings=notify_settings,
    )
    assert other.id != first.id


def test_retry_in_a_new_session_returns_the_same_handoff(
    engine, filled_conversation, notify_settings
):
    factory = make_session_factory(engine)
    ids = []
    for _ in range(2):
        with factory() as session, session.begin():
            ids.append(
                create_handoff(
                    session=session,
                    conversation_id=filled_conversation,
                    reason="screening_complete",
                    event_key="done",
                    settings=notify_settings,
                ).id
            )
    assert ids[0] == ids[1]
    with factory() as session:
        assert count(session, OutboxMessage) == 2


def test_concurrent_creation_yields_one_handoff(engine, filled_conversation, notify_settings):
    factory = make_session_factory(engine)
    barrier = threading.Barrier(4)
    ids, errors = [], []

    def worker():
        try:
            with factory() as session:
                barrier.wait()
                handoff = create_handoff(
                    session=session,
                    conversation_id=filled_conversation,
                    reason="crisis",
                    event_key="crisis:1",
                    settings=notify_settings,
                )
                session.commit()
                ids.append(handoff.id)
        except BaseException as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(set(ids)) == 1 and len(ids) == 4
    with factory() as session:
        assert count(session, Handoff) == 1
        assert count(session, OutboxMessage) == 2


def test_rollback_leaves_no_handoff_and_no_notification(
    session, filled_conversation, notify_settings
):
    create_handoff(
        session=session,
        conversation_id=filled_conversation,
        reason="screening_complete",
        event_key="k",
        settings=notify_settings,
    )
    session.rollback()
    assert count(session, Handoff) == 0
    assert count(session, OutboxMessage) == 0


def test_crisis_is_urgent_and_marks_conversation(session, notify_settings, questions_file):
    handoff = create_handoff(
        session=session,
        conversation_id="c-crisis",
        reason="crisis",
        event_key="crisis:1",
        settings=notify_settings,
    )
    session.commit()
    assert handoff.urgency == "urgent"
    conversation = session.get(Conversation, "c-crisis")
    assert conversation.urgent and conversation.crisis_at is not None
    # Later hand-offs of an urgent conversation stay urgent.
    later = create_handoff(
        session=session,
        conversation_id="c-crisis",
        reason="asked_for_human",
        event_key="human:1",
        settings=notify_settings,
    )
    assert later.urgency == "urgent"


def test_no_channels_configured_queues_nothing(session, questions_file, db_url):
    settings = replace(get_settings(), smtp_host="", notify_email_to="", notify_webhook_url="")
    create_handoff(
        session=session,
        conversation_id="c-quiet",
        reason="asked_for_human",
        event_key="k",
        settings=settings,
    )
    session.commit()
    assert count(session, OutboxMessage) == 0
    assert count(session, Handoff) == 1


def test_email_needs_host_and_recipient(session, questions_file, db_url):
    settings = replace(
        get_settings(), smtp_host="mail.local", notify_email_to="", notify_webhook_url=""
    )
    create_handoff(
        session=session,
        conversation_id="c-x",
        reason="asked_for_human",
        event_key="k",
        settings=settings,
    )
    assert count(session, OutboxMessage) == 0


def test_invalid_reason_or_key(session):
    with pytest.raises(ValueError):
        create_handoff(session=session, conversation_id="c", reason="ineligible", event_key="k")
    with pytest.raises(ValueError):
        create_handoff(session=session, conversation_id="c", reason="crisis", event_key="")


def test_listing_is_urgent_first_and_filters_by_status(
    session, filled_conversation, notify_settings
):
    normal = create_handoff(
        session=session,
        conversation_id=filled_conversation,
        reason="screening_complete",
        event_key="a",
        settings=notify_settings,
    )
    urgent = create_handoff(
        session=session,
        conversation_id="c-u",
        reason="crisis",
        event_key="b",
        settings=notify_settings,
    )
    normal.status = "resolved"
    session.commit()
    assert [h.id for h in list_handoffs(session=session)] == [urgent.id, normal.id]
    assert [h.id for h in list_handoffs(session=session, status="open")] == [urgent.id]
    assert [h.id for h in list_handoffs(session=session, status="resolved")] == [normal.id]
    with pytest.raises(ValueError):
        list_handoffs(session=session, status="done")
