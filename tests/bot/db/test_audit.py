"""The tamper-evident audit log (bot/db/audit.py, `intake audit verify`) on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from bot.cli import main
from bot.db.audit import GENESIS_MAC, conversation_target, record_audit, verify_audit_chain
from bot.db.crypto import lookup_hash
from bot.db.engine import session_scope
from bot.db.models import AuditEvent


def _write_three(engine) -> list[int]:
    with session_scope(engine) as session:
        ids = [
            record_audit(session=session, actor="alice", action=f"handoff.{verb}", target="h:1").id
            for verb in ("claim", "note", "resolve")
        ]
    return ids


CID = "5d4c3b2a-1f0e-4d9c-8b7a-6f5e4d3c2b1a"


def test_a_conversation_is_named_by_its_keyed_hash(db_url, engine):
    """Like every table, the log never holds the id a visitor holds: the target and a
    ``conversation_id`` detail are the hash, whether given the id or a hash read back."""
    stored = lookup_hash(CID)
    with session_scope(engine) as session:
        record_audit(
            session=session, actor="cli", action="data.export", target=conversation_target(CID)
        )
        record_audit(
            session=session, actor="assistant", action="handoff.create", target="handoff:1",
            details={"conversation_id": CID, "reason": "crisis"},
        )  # fmt: skip
        record_audit(
            session=session, actor="assistant", action="handoff.create", target="handoff:2",
            details={"conversation_id": stored},  # a hash read from a row: kept
        )  # fmt: skip
        record_audit(
            session=session, actor="cli", action="data.delete", target=conversation_target(stored)
        )
        with pytest.raises(ValueError, match="conversation_target"):
            record_audit(session=session, actor="x", action="y", target=f"conversation:{CID}")
    with session_scope(engine) as session:
        rows = session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
        assert [r.target for r in rows] == [
            f"conversation:{stored}",
            "handoff:1",
            "handoff:2",
            f"conversation:{stored}",
        ]
        assert [(r.details or {}).get("conversation_id") for r in rows] == [
            None, stored, stored, None
        ]  # fmt: skip
        assert rows[1].details["reason"] == "crisis"
        assert verify_audit_chain(session=session).intact
        assert all(CID not in repr((r.target, r.details)) for r in rows)


def test_each_row_is_chained_to_the_one_before(db_url, engine):
    ids = _write_three(engine)
    with session_scope(engine) as session:
        rows = session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
        assert [r.id for r in rows] == ids
        assert rows[0].prev_mac == GENESIS_MAC
        assert [r.prev_mac for r in rows[1:]] == [r.mac for r in rows[:-1]]
        assert verify_audit_chain(session=session).intact


def test_an_edited_row_is_named(db_url, engine):
    ids = _write_three(engine)
    with session_scope(engine) as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == ids[1]).values(actor="mallory"))
    with session_scope(engine) as session:
        check = verify_audit_chain(session=session)
    assert (check.first_bad_id, check.reason) == (ids[1], "this row was changed")


def test_a_deleted_row_breaks_the_chain_at_the_next_one(db_url, engine):
    ids = _write_three(engine)
    with session_scope(engine) as session:
        session.execute(delete(AuditEvent).where(AuditEvent.id == ids[1]))
    with session_scope(engine) as session:
        check = verify_audit_chain(session=session)
    assert check.first_bad_id == ids[2]


def test_another_key_does_not_verify(db_url, engine):
    _write_three(engine)
    with session_scope(engine) as session:
        assert not verify_audit_chain(session=session, key=b"another key").intact


@pytest.mark.parametrize("tamper", [False, True])
def test_intake_audit_verify_exit_code(db_url, engine, capsys, tamper):
    ids = _write_three(engine)
    if tamper:
        with session_scope(engine) as session:
            session.execute(update(AuditEvent).where(AuditEvent.id == ids[0]).values(target="h:2"))
    code = main(["audit", "verify", "--database-url", db_url])
    out = capsys.readouterr()
    if tamper:
        assert code == 1 and f"row {ids[0]}" in out.err
    else:
        assert code == 0 and "3 rows" in out.out


def test_concurrent_writers_keep_one_chain(db_url, engine):
    """Writers in parallel transactions take the chain in turn: no fork, nothing lost."""
    from concurrent.futures import ThreadPoolExecutor

    def write(n: int) -> None:
        with session_scope(engine) as session:
            record_audit(session=session, actor=f"user{n}", action="staff.login")

    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(write, range(24)))
    with session_scope(engine) as session:
        check = verify_audit_chain(session=session)
    assert check.intact and check.rows == 24, check
