"""``intake staff ...`` (bot/cli/staff.py), in-process: accounts, passwords, second factors."""

from __future__ import annotations

import io
import json
import sys

import pytest
from sqlalchemy import select

from bot.cli import main
from bot.db.engine import session_scope
from bot.db.models import AuditEvent
from bot.db.staff_models import RecoveryCode, StaffSession, StaffUser
from bot.db.types import utcnow
from bot.staff.accounts import verify_password
from bot.staff.auth import create_session
from bot.staff.mfa import new_recovery_codes, new_secret
from tests.bot.cli.helpers import PASSWORD


def test_staff_create_from_stdin(db_url, engine, staff_create, capsys):
    assert staff_create("alice", "admin") == 0
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


def test_staff_create_rejects_mismatch_short_and_duplicate(
    db_url, staff_create, monkeypatch, capsys
):
    answers = iter([PASSWORD, PASSWORD + "x"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert main(["staff", "create", "--username", "carol"]) == 1
    assert "do not match" in capsys.readouterr().err
    assert staff_create("carol", password="short") == 1
    assert "at least" in capsys.readouterr().err
    assert staff_create("carol") == 0
    assert staff_create("Carol") == 1
    assert "already exists" in capsys.readouterr().err


def test_password_is_not_an_argument(db_url):
    with pytest.raises(SystemExit):
        main(["staff", "create", "--username", "x", "--password", PASSWORD])
    with pytest.raises(SystemExit):
        main(["staff", "create", "--username", "x", "--role", "superuser", "--password-stdin"])


def test_staff_list_and_set_password(db_url, engine, staff_create, monkeypatch, capsys):
    staff_create("dana")
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


def test_staff_reset_mfa_forgets_the_second_factor_and_ends_sessions(db_url, engine, staff_create):
    staff_create("dana")
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
def test_cli_refuses_weak_passwords(db_url, engine, staff_create, capsys, password):
    assert staff_create("dana", password=password) == 1
    assert "password" in capsys.readouterr().err.lower()
    with session_scope(engine) as session:
        assert session.execute(select(StaffUser)).scalar_one_or_none() is None
