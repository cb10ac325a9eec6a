"""``intake keys new`` and ``intake keys rotate`` (bot/cli/keys.py), in-process."""

from __future__ import annotations

import json

from cryptography.fernet import Fernet
from sqlalchemy import select, text

from bot.cli import main
from bot.db.audit import verify_audit_chain
from bot.db.conversations import record_message, save_contact
from bot.db.crypto import fingerprint, keyring, new_key
from bot.db.engine import session_scope
from bot.db.models import AuditEvent

NAME = "Quillon Marchetti-Vask"


def fill(engine) -> None:
    with session_scope(engine) as session:
        save_contact(session=session, conversation_id="c", name=NAME, phone="+14155550132")
        record_message(session=session, conversation_id="c", sender="visitor", text="hello")


def test_new_prints_a_fresh_key(capsys):
    assert main(["keys", "new"]) == 0
    first = capsys.readouterr().out.strip()
    main(["keys", "new"])
    assert Fernet(first) and capsys.readouterr().out.strip() != first


def test_rotate_prints_counts_and_is_audited_without_personal_data(
    db_url, engine, data_keys, capsys
):
    old, new = new_key(), new_key()
    data_keys(old)
    fill(engine)
    data_keys(new, old)
    assert main(["keys", "rotate", "--batch-size", "1"]) == 0
    captured = capsys.readouterr()
    assert "rotated 3, already current 0" in captured.out
    assert "conversations.contact_name: rotated 1" in captured.err
    with session_scope(engine) as session:
        audit = session.execute(select(AuditEvent)).scalar_one()
        assert (audit.actor, audit.action) == ("cli", "keys.rotate")
        assert audit.details["rotated"] == 3 and audit.details["key"] == fingerprint(new)
        assert NAME not in json.dumps(audit.details) and new not in json.dumps(audit.details)
        assert verify_audit_chain(session=session).intact
    assert main(["keys", "rotate"]) == 0
    assert "rotated 0, already current 3" in capsys.readouterr().out
    ring = keyring()
    with engine.connect() as connection:
        stored = connection.execute(text("SELECT contact_name FROM conversations")).scalar_one()
    assert ring.is_current(stored)


def test_rotate_fails_when_a_value_opens_with_no_configured_key(db_url, engine, data_keys, capsys):
    data_keys(new_key())
    fill(engine)
    data_keys(new_key())
    assert main(["keys", "rotate"]) == 1
    err = capsys.readouterr().err
    assert "3 value(s) open with none of the configured keys" in err
    assert NAME not in err


def test_rotate_refuses_a_malformed_key(db_url, data_keys, capsys):
    data_keys("not-a-key")
    assert main(["keys", "rotate"]) == 1
    assert "entry 1 is not a Fernet key" in capsys.readouterr().err
