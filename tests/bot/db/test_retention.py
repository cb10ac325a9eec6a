"""Export, delete and purge everything about a visitor, including Rasa tracker events."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from bot.db.conversations import (
    claim_conversation,
    record_faq_topic,
    record_unanswered,
)
from bot.db.crypto import lookup_hash
from bot.db.models import AuditEvent, Base, Conversation
from bot.db.retention import delete_conversation, export_conversation, purge_older_than
from bot.db.staff_models import LoginAttempt, StaffSession
from bot.db.types import utcnow
from bot.handoffs.lifecycle import add_note
from bot.staff.accounts import create_staff_user
from tests.bot.db.rasa_events import EVENTS, add_tracker_events
from tests.factories import conversation_with_answers, new_handoff


def fill(session, cid):
    conversation_with_answers(
        session,
        cid,
        messages=[("visitor", f"hello {cid}")],
        contact={"name": f"Name {cid}", "method": "email", "email": f"{cid}@example.org"},
        answers=[("q1", "yes", "yes", True)],
    )
    record_faq_topic(session=session, conversation_id=cid, topic="cost")
    record_unanswered(session=session, conversation_id=cid, text="why?")
    return new_handoff(session, cid, "asked_for_human", event_key="h")


def row_counts(session):
    return {
        table.name: session.execute(select(func.count()).select_from(table)).scalar_one()
        for table in Base.metadata.sorted_tables
    }


def test_export_contains_everything(session, engine):
    handoff = fill(session, "keep")
    user = create_staff_user(session=session, username="u1", password="a long password")
    add_note(session=session, handoff=handoff, user_id=user.id, actor="u1", text="called back")
    session.commit()
    add_tracker_events(engine, "keep", [1.0, 2.0])
    add_tracker_events(engine, "other", [3.0])
    data = export_conversation(session=session, conversation_id="keep")
    json.dumps(data)  # JSON-ready
    assert data["conversation"]["contact_name"] == "Name keep"
    assert [m["text"] for m in data["messages"]] == ["hello keep"]
    assert data["screening_answers"][0]["raw_text"] == "yes"
    assert data["faq_topics_asked"][0]["topic"] == "cost"
    assert data["unanswered_questions"][0]["text"] == "why?"
    assert data["handoffs"][0]["id"] == handoff.id
    assert data["handoffs"][0]["summary_json"]["visitor_name"] == "Name keep"
    assert data["handoff_notes"][0]["text"] == "called back"
    assert len(data["rasa_tracker_events"]) == 2
    assert {e["sender_id"] for e in data["rasa_tracker_events"]} == {lookup_hash("keep")}
    # Stored encrypted, exported decrypted: the export is for the visitor to read.
    assert data["rasa_tracker_events"][0]["data"]["text"] == "secret words"
    assert export_conversation(session=session, conversation_id="nobody") is None


def test_export_leaves_out_the_conversation_token_hash(session):
    repo_hash = "f" * 64
    claim_conversation(session=session, conversation_id="secret", token_hash=repo_hash)
    fill(session, "secret")
    session.commit()
    data = export_conversation(session=session, conversation_id="secret")
    assert "token_hash" not in data["conversation"]
    assert repo_hash not in json.dumps(data)


def test_export_without_rasa_table(session):
    fill(session, "x")
    session.commit()
    assert export_conversation(session=session, conversation_id="x")["rasa_tracker_events"] == []


def test_delete_removes_only_that_visitor(session, engine):
    fill(session, "gone")
    fill(session, "stays")
    session.commit()
    add_tracker_events(engine, "gone", [1.0, 2.0, 3.0])
    add_tracker_events(engine, "stays", [4.0])
    before = row_counts(session)
    counts = delete_conversation(session=session, conversation_id="gone")
    session.commit()
    assert counts["conversations"] == 1 and counts["events"] == 3
    assert counts["messages"] == 1 and counts["handoffs"] == 1
    after = row_counts(session)
    for table in (
        "conversations",
        "messages",
        "screening_answers",
        "faq_topics_asked",
        "unanswered_questions",
        "handoffs",
    ):
        assert after[table] == before[table] - 1, table
    assert export_conversation(session=session, conversation_id="gone") is None
    assert export_conversation(session=session, conversation_id="stays") is not None
    with engine.connect() as connection:
        senders = connection.execute(select(EVENTS.c.sender_id)).scalars().all()
    assert senders == [lookup_hash("stays")]
    # The audit trail stays, and carries no personal data.
    audit = session.execute(select(AuditEvent)).scalars().all()
    assert audit and all("Name" not in json.dumps(a.details) for a in audit)


def test_purge_by_age(session, engine):
    fill(session, "old")
    fill(session, "new")
    user = create_staff_user(session=session, username="u2", password="a long password")
    now = utcnow()
    session.get(Conversation, "old").last_seen_at = now - timedelta(days=91)
    session.add(LoginAttempt(username="u2", succeeded=True, at=now - timedelta(days=100)))
    session.add(
        StaffSession(
            token_hash="h1", user_id=user.id, csrf_token="c", expires_at=now - timedelta(minutes=1)
        )
    )
    session.add(
        StaffSession(
            token_hash="h2", user_id=user.id, csrf_token="c", expires_at=now + timedelta(hours=1)
        )
    )
    session.commit()
    old_ts = (now - timedelta(days=95)).timestamp()
    add_tracker_events(engine, "old", [old_ts])
    add_tracker_events(engine, "orphan", [old_ts])  # tracker-only conversation
    add_tracker_events(engine, "new", [now.timestamp()])
    totals = purge_older_than(session=session, days=90, now=now)
    session.commit()
    assert totals["conversations"] == 1
    assert totals["events"] == 2
    assert totals["login_attempts"] == 1 and totals["staff_sessions"] == 1
    assert session.get(Conversation, "old") is None
    assert session.get(Conversation, "new") is not None
    with engine.connect() as connection:
        assert connection.execute(select(EVENTS.c.sender_id)).scalars().all() == [
            lookup_hash("new")
        ]


def test_purge_rejects_nonsense(session):
    with pytest.raises(ValueError):
        purge_older_than(session=session, days=0)
