"""The staff app's reads (bot/staff/queries.py): ids and filters from requests, the queue,
one hand-off with its summary, notes."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import delete

from bot.db.conversations import get_conversation
from bot.db.engine import session_scope
from bot.db.models import Handoff
from bot.db.staff_models import StaffUser
from bot.handoffs.lifecycle import add_note, claim_handoff, resolve_handoff
from bot.staff.queries import (
    FilterError,
    HandoffRow,
    QueueFilters,
    get_handoff,
    handoff_with_summary,
    list_handoffs,
    list_notes,
    parse_filters,
    parse_id,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", 1),
        (7, 7),
        ("0", None),
        ("-1", None),
        ("1.0", None),
        ("9" * 20, None),
        (2**63, None),
        ("", None),
        (None, None),
        ("\u0661", None),
        ("\u00b2", None),
        (True, None),
        ("1\n", None),
    ],
)
def test_parse_id(value, expected):
    assert parse_id(value) == expected


def test_parse_filters():
    assert parse_filters({}).as_dict() == {
        "status": "active",
        "reason": "",
        "urgency": "",
        "claimed": "",
    }
    filters = parse_filters(
        {"status": "claimed", "reason": "crisis", "urgency": "urgent", "claimed": "me"}
    )
    assert (filters.status, filters.reason, filters.urgency, filters.claimed) == (
        "claimed",
        "crisis",
        "urgent",
        "me",
    )
    assert parse_filters({"claimed": " nobody "}).claimed == "nobody"
    for bad in ({"status": "x"}, {"reason": "x"}, {"urgency": "x"}, {"claimed": "alice"}):
        with pytest.raises(FilterError):
            parse_filters(bad)


def queue_ids(engine, viewer_id=None, **filters) -> list[int]:
    """Hand-off ids of the queue with these filters, in its order."""
    with session_scope(engine) as session:
        rows = list_handoffs(session=session, filters=QueueFilters(**filters), viewer_id=viewer_id)
        return [row.id for row in rows]


def change(engine, handoff_id: int, user_id: int, *steps) -> None:
    """Apply lifecycle ``steps`` (claim_handoff, resolve_handoff) as that staff member."""
    with session_scope(engine) as session:
        handoff = session.get(Handoff, handoff_id)
        for step in steps:
            step(session=session, handoff=handoff, user_id=user_id, actor="test")


def test_the_queue_is_crisis_then_urgent_then_oldest_first(engine, make_handoff):
    newer = make_handoff(age_minutes=5)
    older = make_handoff(age_minutes=50)
    urgent = make_handoff(age_minutes=1, urgent=True)
    crisis = make_handoff("crisis", age_minutes=0)
    assert queue_ids(engine) == [crisis, urgent, older, newer]
    assert queue_ids(engine, reason="crisis") == [crisis]
    assert set(queue_ids(engine, urgency="normal")) == {older, newer}


def test_status_and_claimed_filters(engine, users, make_handoff):
    mine, resolved, open_one = make_handoff(), make_handoff(), make_handoff()
    change(engine, mine, users["alice"], claim_handoff)
    change(engine, resolved, users["bob"], claim_handoff, resolve_handoff)
    assert set(queue_ids(engine)) == {mine, open_one}  # "active": open or claimed
    assert set(queue_ids(engine, status="all")) == {mine, resolved, open_one}
    assert queue_ids(engine, status="resolved") == [resolved]
    assert queue_ids(engine, viewer_id=users["alice"], claimed="me") == [mine]
    assert queue_ids(engine, claimed="nobody") == [open_one]
    with pytest.raises(ValueError, match="viewer_id"):
        queue_ids(engine, claimed="me")


def test_rows_are_plain_values_with_json_times(engine, users, make_handoff):
    handoff_id = make_handoff("crisis")
    change(engine, handoff_id, users["alice"], claim_handoff)
    with session_scope(engine) as session:
        (row,) = list_handoffs(session=session, filters=QueueFilters())
    assert isinstance(row, HandoffRow) and row.is_crisis
    assert (row.claimed_by, row.status, row.reason_label) == (
        "alice",
        "claimed",
        "Crisis language - urgent",
    )
    data = row.to_json()
    assert datetime.fromisoformat(data["created_at"]).tzinfo == UTC
    assert data["claimed_at"].count(":") == 3 and "." not in data["claimed_at"]  # seconds
    assert data["resolved_at"] is None
    assert row.contact_method_label == "-"  # no contact method given


def test_get_handoff_never_looks_up_impossible_ids(engine, make_handoff):
    handoff_id = make_handoff()
    with session_scope(engine) as session:
        assert get_handoff(session=session, handoff_id=str(handoff_id)).id == handoff_id
        for bad in ("0", "-1", "abc", str(2**63), None, handoff_id + 1):
            assert get_handoff(session=session, handoff_id=bad) is None


def test_one_hand_off_with_its_summary_and_no_visitor_activity(engine, settings, make_handoff):
    handoff_id = make_handoff(messages=[("visitor", "hello")])
    with session_scope(engine) as session:
        conversation_id = session.get(Handoff, handoff_id).conversation_id
        seen = get_conversation(session=session, conversation_id=conversation_id).last_seen_at
    with session_scope(engine) as session:
        handoff, summary, changed = handoff_with_summary(
            session=session, handoff_id=handoff_id, settings=settings
        )
        assert (handoff.id, summary.handoff_id, changed) == (handoff_id, handoff_id, ())
        assert handoff_with_summary(session=session, handoff_id="999999", settings=settings) is None
    with session_scope(engine) as session:
        after = get_conversation(session=session, conversation_id=conversation_id).last_seen_at
    assert after == seen


def test_notes_oldest_first_and_kept_when_the_author_goes(engine, users, make_handoff):
    handoff_id = make_handoff()
    with session_scope(engine) as session:
        handoff = session.get(Handoff, handoff_id)
        for user, text in (("alice", "called, no answer"), ("bob", "called back")):
            add_note(session=session, handoff=handoff, user_id=users[user], actor=user, text=text)
    with session_scope(engine) as session:
        session.execute(delete(StaffUser).where(StaffUser.id == users["bob"]))
    with session_scope(engine) as session:
        notes = list_notes(session=session, handoff_id=handoff_id)
    assert [(note.author, note.text) for note in notes] == [
        ("alice", "called, no answer"),
        ("(removed user)", "called back"),
    ]
