"""The persistence CLI groups, run in-process through ``bot.cli.main`` and as subprocesses."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.db.crypto import lookup_hash
from bot.db.engine import session_scope
from bot.db.models import AuditEvent, Conversation
from bot.db.staff_models import RecoveryCode, StaffSession, StaffUser
from bot.db.types import utcnow
from bot.fhir.validation import validate_resource
from bot.settings import PROJECT_ROOT
from bot.staff.accounts import verify_password
from bot.staff.auth import create_session
from bot.staff.mfa import new_recovery_codes, new_secret
from tests.factories import conversation_with_answers, new_handoff

PASSWORD = "a sufficiently long pass"


def staff_create(monkeypatch, username, role="staff", password=PASSWORD):
    monkeypatch.setattr(sys, "stdin", io.StringIO(password + "\n"))
    return main(["staff", "create", "--username", username, "--role", role, "--password-stdin"])


def test_staff_create_from_stdin(db_url, engine, monkeypatch, capsys):
    assert staff_create(monkeypatch, "alice", "admin") == 0
    assert "created staff user alice" in capsys.readouterr().out
    with session_scope(engine) as session:
        user = session.execute(select(StaffUser)).scalar_one()
        assert (user.username, user.role) == ("alice", "admin")
        assert user.password_hash.startswith("$argon2id$")
        assert verify_password(user.password_hash, PASSWORD)
        assert PASSWORD not in user.password_hash
        audit = session.execute(select(AuditEvent)).scalar_one()
        assert audit.action == "staff.create" and audit.actor == "cli"


def test_staff_create_interactive_prompt(db_url, engine, monkeypatch):
    answers = iter([PASSWORD, PASSWORD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["staff", "create", "--username", "bob"]) == 0
    with session_scope(engine) as session:
        user = session.execute(select(StaffUser)).scalar_one()
        assert user.role == "staff" and verify_password(user.password_hash, PASSWORD)


def test_staff_create_rejects_mismatch_short_and_duplicate(db_url, monkeypatch, capsys):
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["staff", "create", "--username", "carol"]) == 1
    assert "do not match" in capsys.readouterr().err
    assert staff_create(monkeypatch, "carol", password="short") == 1
    assert "at least" in capsys.readouterr().err
    assert staff_create(monkeypatch, "carol") == 0
    assert staff_create(monkeypatch, "Carol") == 1
    assert "already exists" in capsys.readouterr().err


def test_password_is_not_an_argument(db_url):
    with pytest.raises(SystemExit):
        main(["staff", "create", "--username", "x", "--password", PASSWORD])
    with pytest.raises(SystemExit):
        main(["staff", "create", "--username", "x", "--role", "superuser", "--password-stdin"])


def test_staff_list_and_set_password(db_url, engine, monkeypatch, capsys):
    staff_create(monkeypatch, "dana")
    capsys.readouterr()
    assert main(["staff", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["username"] for r in rows] == ["dana"]
    assert "password_hash" not in rows[0]
    monkeypatch.setattr(sys, "stdin", io.StringIO("another long password\n"))
    assert main(["staff", "set-password", "--username", "dana", "--password-stdin"]) == 0
    with session_scope(engine) as session:
        user = session.execute(select(StaffUser)).scalar_one()
        assert verify_password(user.password_hash, "another long password")
        assert not user.must_change_password
    monkeypatch.setattr(sys, "stdin", io.StringIO("a temporary long password\n"))
    argv = ["staff", "set-password", "--username", "dana", "--password-stdin", "--temporary"]
    assert main(argv) == 0
    with session_scope(engine) as session:
        assert session.execute(select(StaffUser)).scalar_one().must_change_password


def test_staff_reset_mfa_forgets_the_second_factor_and_ends_sessions(
    db_url, engine, monkeypatch, capsys
):
    staff_create(monkeypatch, "dana")
    with session_scope(engine) as session:
        user = session.execute(select(StaffUser)).scalar_one()
        user.totp_secret, user.mfa_enrolled_at = new_secret(), utcnow()
        new_recovery_codes(session=session, user=user, now=utcnow())
        create_session(session=session, user_id=user.id, mfa_verified=True)
    assert main(["staff", "reset-mfa", "--username", "dana"]) == 0
    with session_scope(engine) as session:
        user = session.execute(select(StaffUser)).scalar_one()
        assert user.totp_secret is None and user.mfa_enrolled_at is None
        assert session.execute(select(StaffSession)).first() is None
        assert session.execute(select(RecoveryCode)).first() is None
        actions = session.execute(select(AuditEvent.action)).scalars().all()
    assert "mfa.reset" in actions
    assert main(["staff", "reset-mfa", "--username", "nobody"]) == 1


@pytest.mark.parametrize("password", ["Password2024!", "qwertyuiop12", "dana dana dana 1"])
def test_cli_refuses_weak_passwords(db_url, engine, monkeypatch, capsys, password):
    assert staff_create(monkeypatch, "dana", password=password) == 1
    assert "password" in capsys.readouterr().err.lower()
    with session_scope(engine) as session:
        assert session.execute(select(StaffUser)).scalar_one_or_none() is None


def make_handoffs(engine):
    with session_scope(engine) as session:
        conversation_with_answers(
            session,
            "v1",
            contact={"name": "Visible Name", "method": "call", "phone": "+15550101234"},
            messages=[("visitor", "hi")],
            answers=[("q", "yes", "yes", True)],
        )
        first = new_handoff(session, "v1", event_key="a").id
        second = new_handoff(session, "v2", "crisis", event_key="b").id
    return first, second


def test_handoffs_list(db_url, engine, capsys):
    first, second = make_handoffs(engine)
    assert main(["handoffs", "list", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["id"] for r in rows] == [second, first]  # urgent first
    assert rows[0]["urgency"] == "urgent" and rows[0]["status"] == "open"
    assert "Visible Name" not in json.dumps(rows)
    assert main(["handoffs", "list", "--status", "claimed", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["handoffs", "list"]) == 0
    out = capsys.readouterr().out
    assert f"#{first}" in out and "urgent" in out and "+1555" not in out


def test_handoffs_show(db_url, engine, capsys):
    first, _ = make_handoffs(engine)
    assert main(["handoffs", "show", str(first)]) == 0
    out = capsys.readouterr().out
    assert f"Hand-off #{first}" in out and "Visible Name" in out
    assert main(["handoffs", "show", str(first), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["handoff_id"] == first
    assert main(["handoffs", "show", "999"]) == 1


def test_data_export_delete(db_url, engine, capsys, tmp_path):
    make_handoffs(engine)
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


def test_data_export_and_delete_by_the_hash_staff_see(db_url, engine, capsys):
    """Staff pages and ``handoffs list`` name a conversation by its keyed hash: the operator
    can export and delete with that, and the audit log names it by the hash either way."""
    make_handoffs(engine)
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


def test_data_purge(db_url, engine, capsys):
    make_handoffs(engine)
    assert main(["data", "purge"]) == 0  # default 90 days: everything is recent
    assert "conversations=0" in capsys.readouterr().out
    assert main(["data", "purge", "--days", "0"]) == 1


def test_db_upgrade_on_new_database(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    assert main(["db", "upgrade", "--database-url", url]) == 0
    assert "database upgraded" in capsys.readouterr().out
    assert main(["staff", "list", "--json", "--database-url", url]) == 0


def _run(command, url, stdin=""):
    env = {**os.environ, "DATABASE_URL": url}
    return subprocess.run(
        command, input=stdin, capture_output=True, text=True, env=env, cwd=PROJECT_ROOT, timeout=120
    )


def test_python_module_entry_point(tmp_path):
    url = f"sqlite:///{tmp_path / 'sub.db'}"
    result = _run([sys.executable, "-m", "bot.cli", "db", "upgrade"], url)
    assert result.returncode == 0, result.stderr
    result = _run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "staff",
            "create",
            "--username",
            "eve",
            "--role",
            "admin",
            "--password-stdin",
        ],
        url,
        stdin=PASSWORD + "\n",
    )
    assert result.returncode == 0, result.stderr
    assert PASSWORD not in result.stdout + result.stderr


def test_intake_console_script(tmp_path):
    script = Path(sys.executable).parent / "intake"
    if not script.exists():
        pytest.skip(f"console script not installed at {script} (pip install -e .)")
    url = f"sqlite:///{tmp_path / 'script.db'}"
    assert _run([str(script), "db", "upgrade"], url).returncode == 0
    result = _run([str(script), "handoffs", "list", "--json"], url)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_handoffs_fhir_prints_a_valid_bundle_and_is_audited(db_url, engine, capsys):
    first, _ = make_handoffs(engine)
    assert main(["handoffs", "fhir", str(first)]) == 0
    bundle = json.loads(capsys.readouterr().out)
    assert validate_resource(bundle)["type"] == "collection"
    patient = bundle["entry"][0]["resource"]
    assert patient["name"] == [{"text": "Visible Name"}]
    assert patient["telecom"] == [{"system": "phone", "value": "+15550101234", "rank": 1}]
    with session_scope(engine) as session:
        actions = session.execute(select(AuditEvent.action, AuditEvent.target)).all()
    assert ("handoff.fhir", f"handoff:{first}") in actions
    assert main(["handoffs", "fhir", "999"]) == 1
    assert "no such hand-off" in capsys.readouterr().err


def test_a_database_that_is_not_migrated_gets_a_clear_error(tmp_path, capsys):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    assert main(["handoffs", "fhir", "1", "--database-url", url]) == 1
    assert "intake db upgrade" in capsys.readouterr().err
