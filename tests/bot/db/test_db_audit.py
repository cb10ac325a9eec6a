"""The tamper-evident audit log (bot/db/audit.py, `intake audit verify`) on both databases."""

from __future__ import annotations

import pytest
from sqlalchemy import delete, select, update

from bot.cli import main
from bot.db.audit import GENESIS_MAC, record_audit, verify_audit_chain
from bot.db.engine import session_scope
from bot.db.models import AuditEvent


def _write_three(engine) -> list[int]:
    with session_scope(engine) as session:
        ids = [
            record_audit(session=session, actor="alice", action=f"handoff.{verb}", target="h:1").id
            for verb in ("claim", "note", "resolve")
        ]
    return ids


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
