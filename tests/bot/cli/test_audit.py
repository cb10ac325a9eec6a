"""``intake audit verify`` (bot/cli/audit.py): exit 0 on an intact chain, 1 naming the first
changed row."""

from __future__ import annotations

from sqlalchemy import select, update

from bot.cli import main
from bot.db.audit import record_audit
from bot.db.engine import session_scope
from bot.db.models import AuditEvent


def record_three(engine) -> list[int]:
    """Three audit rows; their ids in order."""
    with session_scope(engine) as session:
        for action in ("login.succeeded", "handoff.view", "handoff.claim"):
            record_audit(session=session, actor="alice", action=action, target="handoff:1")
    with session_scope(engine) as session:
        return list(session.execute(select(AuditEvent.id).order_by(AuditEvent.id)).scalars())


def test_an_intact_log_verifies(db_url, engine, capsys):
    record_three(engine)
    assert main(["audit", "verify"]) == 0
    assert "audit log intact: 3 rows" in capsys.readouterr().out


def test_an_empty_log_is_intact(db_url, capsys):
    assert main(["audit", "verify", "--database-url", db_url]) == 0
    assert "0 rows" in capsys.readouterr().out


def test_a_changed_row_fails_and_is_named(db_url, engine, capsys):
    ids = record_three(engine)
    with session_scope(engine) as session:
        session.execute(update(AuditEvent).where(AuditEvent.id == ids[1]).values(actor="mallory"))
    assert main(["audit", "verify"]) == 1
    assert f"audit log broken at row {ids[1]}" in capsys.readouterr().err
