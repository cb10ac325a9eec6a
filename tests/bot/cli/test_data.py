"""``intake data ...`` and ``intake db upgrade`` (bot/cli/data.py), in-process."""

from __future__ import annotations

import json

from sqlalchemy import select

from bot.cli import main
from bot.db.crypto import lookup_hash
from bot.db.engine import session_scope
from bot.db.models import AuditEvent, Conversation


def test_data_export_delete(db_url, engine, two_handoffs, capsys, tmp_path):
    assert main(["data", "export", "--conversation", "v1"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["conversation"]["contact_phone"] == "+15550101234"
    assert data["messages"][0]["text"] == "hi"
    target = tmp_path / "export.json"
    assert main(["data", "export", "--conversation", "v1", "-o", str(target)]) == 0
    assert json.loads(target.read_text())["conversation"]["id"] == lookup_hash("v1")
    assert main(["data", "export", "--conversation", "nobody"]) == 1

    assert main(["data", "delete", "--conversation", "v1", "--yes"]) == 0
    assert "deleted conversation v1" in capsys.readouterr().out
    with session_scope(engine) as session:
        assert session.get(Conversation, "v1") is None
        assert session.get(Conversation, "v2") is not None
        actions = session.execute(select(AuditEvent.action)).scalars().all()
    assert "data.export" in actions and "data.delete" in actions
    assert main(["data", "delete", "--conversation", "v1", "--yes"]) == 1


def test_data_export_and_delete_by_the_hash_staff_see(db_url, engine, two_handoffs, capsys):
    """Staff pages and ``handoffs list`` name a conversation by its keyed hash: the operator
    can export and delete with that, and the audit log names it by the hash either way."""
    assert main(["handoffs", "list", "--json"]) == 0
    listed = {row["conversation_id"] for row in json.loads(capsys.readouterr().out)}
    assert listed == {lookup_hash("v1"), lookup_hash("v2")}
    shown = lookup_hash("v1")
    assert main(["data", "export", "--conversation", shown]) == 0
    assert json.loads(capsys.readouterr().out)["messages"][0]["text"] == "hi"
    assert main(["data", "export", "--conversation", "v2"]) == 0  # the visitor's own id too
    assert main(["data", "delete", "--conversation", shown, "--yes"]) == 0
    with session_scope(engine) as session:
        assert session.get(Conversation, "v1") is None
        assert session.get(Conversation, "v2") is not None
        targets = session.execute(
            select(AuditEvent.target).where(AuditEvent.action.like("data.%"))
        ).scalars()
        assert sorted(targets) == sorted(
            [f"conversation:{shown}", f"conversation:{lookup_hash('v2')}", f"conversation:{shown}"]
        )


def test_data_purge(db_url, engine, two_handoffs, capsys):
    assert main(["data", "purge"]) == 0  # default 90 days: everything is recent
    assert "conversations=0" in capsys.readouterr().out
    assert main(["data", "purge", "--days", "0"]) == 1


def test_db_upgrade_on_new_database(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert main(["db", "upgrade", "--database-url", url]) == 0
    assert "database upgraded" in capsys.readouterr().out
    assert main(["staff", "list", "--json", "--database-url", url]) == 0
