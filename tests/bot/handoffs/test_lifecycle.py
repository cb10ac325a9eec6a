"""Claim, resolve and note: the staff side of the hand-off service, each change audited once."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.db.models import AuditEvent
from bot.handoffs.lifecycle import (
    MAX_NOTE_CHARS,
    HandoffConflict,
    add_note,
    claim_handoff,
    resolve_handoff,
)
from bot.staff.accounts import create_staff_user
from tests.factories import new_handoff


def audits(session) -> list[tuple[str, str, str]]:
    rows = session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars()
    changes = ("handoff.claim", "handoff.resolve", "handoff.note")  # not the creation
    return [(row.actor, row.action, row.target) for row in rows if row.action in changes]


@pytest.fixture
def people(session):
    alice = create_staff_user(session=session, username="alice", password="long enough pw 1")
    bob = create_staff_user(session=session, username="bob", password="long enough pw 2")
    return alice, bob


def test_claim_is_conditional_and_audited_once(session, people):
    alice, bob = people
    handoff = new_handoff(session, "c-1")
    assert claim_handoff(session=session, handoff=handoff, user_id=alice.id, actor="alice")
    # Claiming again changes nothing and audits nothing; someone else cannot take it.
    assert not claim_handoff(session=session, handoff=handoff, user_id=alice.id, actor="alice")
    with pytest.raises(HandoffConflict):
        claim_handoff(session=session, handoff=handoff, user_id=bob.id, actor="bob")
    assert audits(session) == [("alice", "handoff.claim", f"handoff:{handoff.id}")]


def test_resolve_claims_an_unclaimed_hand_off_and_cannot_repeat(session, people):
    alice, _ = people
    handoff = new_handoff(session, "c-2")
    resolve_handoff(session=session, handoff=handoff, user_id=alice.id, actor="alice")
    assert (handoff.status, handoff.claimed_by_id) == ("resolved", alice.id)
    with pytest.raises(HandoffConflict):
        resolve_handoff(session=session, handoff=handoff, user_id=alice.id, actor="alice")
    assert audits(session) == [("alice", "handoff.resolve", f"handoff:{handoff.id}")]


@pytest.mark.parametrize(
    "text", ["", "   ", "x" * (MAX_NOTE_CHARS + 1)], ids=["empty", "blank", "long"]
)
def test_a_note_needs_text_within_the_limit(session, people, text):
    alice, _ = people
    handoff = new_handoff(session, "c-3")
    with pytest.raises(ValueError):
        add_note(session=session, handoff=handoff, user_id=alice.id, actor="alice", text=text)
    assert audits(session) == []


def test_a_note_is_trimmed_and_audited_with_its_length(session, people):
    alice, _ = people
    handoff = new_handoff(session, "c-4")
    note = add_note(session=session, handoff=handoff, user_id=alice.id, actor="alice", text=" ok ")
    assert note.text == "ok"
    event = session.execute(
        select(AuditEvent).where(AuditEvent.action == "handoff.note")
    ).scalar_one()
    assert event.details == {"note_id": note.id, "chars": 2}
