"""Alembic: the migrations build exactly the models' schema on SQLite and PostgreSQL, and
carry rows from before each change across it (0006: encrypting them; 0007: hashing the
conversation ids)."""

from __future__ import annotations

import json

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text

from bot.db.crypto import lookup_hash
from bot.db.engine import alembic_config, get_engine, upgrade_database
from bot.db.models import Base

EXPECTED_TABLES = {
    "conversations",
    "messages",
    "screening_answers",
    "handoffs",
    "handoff_notes",
    "staff_users",
    "staff_sessions",
    "login_attempts",
    "audit_events",
    "outbox",
    "unanswered_questions",
    "faq_topics_asked",
}


def downgrade(db_url: str, revision: str) -> None:
    """Alembic downgrade to ``revision`` in one transaction of the cached engine."""
    with get_engine(db_url).begin() as connection:
        config = alembic_config(db_url)
        config.attributes["connection"] = connection
        command.downgrade(config, revision)


def test_upgrade_head_creates_every_table(db_url):
    with get_engine(db_url).connect() as connection:
        tables = set(inspect(connection).get_table_names())
        assert tables >= EXPECTED_TABLES
        assert "events" not in tables  # Rasa's table name is left free
        head = ScriptDirectory.from_config(alembic_config(db_url)).get_current_head()
        assert MigrationContext.configure(connection).get_current_revision() == head


def test_migrated_schema_matches_models(db_url):
    with get_engine(db_url).connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_upgrade_is_repeatable(db_url):
    upgrade_database(db_url)
    upgrade_database(db_url)
    with get_engine(db_url).connect() as connection:
        assert set(inspect(connection).get_table_names()) >= EXPECTED_TABLES


def test_downgrade_and_upgrade_leave_rasa_events_alone(db_url):
    engine = get_engine(db_url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT)"))
        connection.execute(text("INSERT INTO events (id, sender_id) VALUES (1, 'x')"))
    downgrade(db_url, "base")
    with engine.connect() as connection:
        tables = set(inspect(connection).get_table_names())
        assert not (EXPECTED_TABLES & tables)
        assert "events" in tables
    upgrade_database(db_url)
    with engine.connect() as connection:
        assert set(inspect(connection).get_table_names()) >= EXPECTED_TABLES
        assert connection.execute(text("SELECT count(*) FROM events")).scalar_one() == 1


def test_rows_from_before_0002_and_0003_get_safe_defaults(db_url):
    """Old conversations get no token hash (closed to all); old accounts need no change."""
    engine = get_engine(db_url)
    downgrade(db_url, "0001")
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO conversations (id, created_at, last_seen_at, urgent,"
                " screening_status) VALUES ('old', '2026-01-01', '2026-01-01', false,"
                " 'not_started')"
            )
        )
        connection.execute(
            text(
                "INSERT INTO staff_users (username, role, password_hash, is_active,"
                " failed_logins, created_at) VALUES ('old', 'staff', 'x', true, 0, '2026-01-01')"
            )
        )
    upgrade_database(db_url)
    with engine.connect() as connection:
        token_hash = connection.execute(
            text("SELECT token_hash FROM conversations WHERE id = :id"), {"id": lookup_hash("old")}
        ).scalar_one()
        must_change = connection.execute(
            text("SELECT must_change_password FROM staff_users WHERE username = 'old'")
        ).scalar_one()
    assert token_hash is None
    assert not must_change


def test_upgrade_on_a_fresh_sqlite_file_creates_var_dir(tmp_path):
    url = f"sqlite:///{tmp_path / 'nested' / 'dir' / 'intake.db'}"
    upgrade_database(url)
    assert (tmp_path / "nested" / "dir" / "intake.db").is_file()
    with get_engine(url).connect() as connection:
        assert set(inspect(connection).get_table_names()) >= EXPECTED_TABLES


def test_audit_rows_from_before_0004_are_sealed_into_the_chain(db_url):
    from bot.db.audit import verify_audit_chain
    from bot.db.engine import session_scope

    engine = get_engine(db_url)
    downgrade(db_url, "0003")
    with engine.begin() as connection:
        for action in ("staff.create", "handoff.claim"):
            connection.execute(
                text(
                    "INSERT INTO audit_events (actor, action, target, at) VALUES"
                    " ('cli', :action, 'x', '2026-01-01 10:00:00')"
                ),
                {"action": action},
            )
    upgrade_database(db_url)
    with session_scope(engine) as session:
        check = verify_audit_chain(session=session)
    assert check.intact and check.rows == 2, check


# Rows as written before 0006 (plaintext), one per encrypted column, plus a Rasa event;
# :t is a timestamp.
PLAIN_ROWS = [
    "INSERT INTO conversations (id, created_at, last_seen_at, urgent, screening_status,"
    " contact_name, contact_method, contact_phone, contact_email, contact_best_time)"
    " VALUES ('c', :t, :t, false, 'complete', 'Quillon Vask', 'call',"
    " '+14155550132', 'quillon@example.org', 'after 6pm')",
    "INSERT INTO messages (conversation_id, sender, text, data, created_at) VALUES"
    " ('c', 'bot', 'Thanks Quillon', '{\"buttons\": [{\"title\": \"Yes\"}]}', :t)",
    "INSERT INTO messages (conversation_id, sender, text, data, created_at) VALUES"
    " ('c', 'visitor', 'hello', 'null', :t)",
    "INSERT INTO screening_answers (conversation_id, question_id, raw_text, value, flagged,"
    " created_at) VALUES ('c', 'high_blood_pressure', 'my blood pressure is 165/105 untreated',"
    " '\"yes\"', true, :t)",
    "INSERT INTO handoffs (conversation_id, event_key, reason, urgency, status, summary_json,"
    " created_at, updated_at) VALUES ('c', 'k', 'screening_complete', 'normal', 'open',"
    ' \'{"visitor_name": "Quillon Vask"}\', :t, :t)',
    "INSERT INTO staff_users (username, role, password_hash, is_active, failed_logins,"
    " created_at, must_change_password, totp_secret) VALUES ('s', 'staff', 'x', true, 0,"
    " :t, false, 'JBSWY3DPEHPK3PXP')",
    "INSERT INTO handoff_notes (handoff_id, author_id, text, created_at) VALUES"
    " (1, 1, 'called Quillon back', :t)",
    "INSERT INTO unanswered_questions (conversation_id, text, created_at) VALUES"
    " ('c', 'do you take Aetna?', :t)",
    "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255), type_name"
    " VARCHAR(255), data TEXT)",
    "INSERT INTO events (id, sender_id, type_name, data) VALUES"
    ' (1, \'c\', \'user\', \'{"event": "user", "text": "165/105"}\')',
]
RAW_CHECKS = {
    "SELECT contact_name FROM conversations": "Quillon Vask",
    "SELECT contact_email FROM conversations": "quillon@example.org",
    "SELECT raw_text FROM screening_answers": "my blood pressure is 165/105 untreated",
    "SELECT text FROM handoff_notes": "called Quillon back",
    "SELECT text FROM unanswered_questions": "do you take Aetna?",
    "SELECT totp_secret FROM staff_users": "JBSWY3DPEHPK3PXP",
}


def test_0006_encrypts_rows_from_before_and_the_downgrade_decrypts_them(db_url):
    from bot.db.crypto import is_encrypted
    from bot.db.engine import session_scope
    from bot.db.models import Conversation, Handoff, Message, ScreeningAnswer
    from bot.db.tracker_events import decode_event_data

    engine = get_engine(db_url)
    downgrade(db_url, "0005")
    with engine.begin() as connection:
        for statement in PLAIN_ROWS:
            connection.execute(
                text(statement), {"t": "2026-01-01 10:00:00"} if ":t" in statement else {}
            )
    upgrade_database(db_url)

    with engine.connect() as connection:
        for query in (*RAW_CHECKS, "SELECT data FROM messages WHERE sender = 'bot'"):
            assert is_encrypted(connection.execute(text(query)).scalar_one()), query
        # A JSON null became SQL NULL, as the encrypted JSON type writes None.
        assert connection.execute(
            text("SELECT data FROM messages WHERE sender = 'visitor'")
        ).scalar_one() is None  # fmt: skip
        event = connection.execute(text("SELECT data FROM events")).scalar_one()
    assert decode_event_data(event) == {"event": "user", "text": "165/105"}
    with session_scope(engine) as session:
        conversation = session.get(Conversation, "c")
        assert (conversation.contact_name, conversation.contact_best_time) == (
            "Quillon Vask",
            "after 6pm",
        )
        assert session.execute(select(ScreeningAnswer.value)).scalar_one() == "yes"
        assert session.execute(select(Handoff.summary_json)).scalar_one() == {
            "visitor_name": "Quillon Vask"
        }
        bot_data = session.execute(select(Message.data).where(Message.sender == "bot"))
        assert bot_data.scalar_one() == {"buttons": [{"title": "Yes"}]}

    downgrade(db_url, "0005")
    with engine.connect() as connection:
        for query, plain in RAW_CHECKS.items():
            assert connection.execute(text(query)).scalar_one() == plain, query
        assert "165/105" in connection.execute(text("SELECT data FROM events")).scalar_one()
        summary = connection.execute(text("SELECT CAST(summary_json AS TEXT) FROM handoffs"))
        assert json.loads(summary.scalar_one()) == {"visitor_name": "Quillon Vask"}
    upgrade_database(db_url)  # and up again, for the fixture's later tests


# Rows as written before 0007 (revision 0006: encrypted values, raw conversation ids).
OLD_ID, OTHER_ID = "1e2d3c4b-5a69-4788-9a0b-1c2d3e4f5a6b", "7f6e5d4c-3b2a-4190-8f7e-6d5c4b3a2918"
ROWS_0006 = [
    "INSERT INTO conversations (id, created_at, last_seen_at, urgent, screening_status,"
    " contact_name, contact_method, token_hash) VALUES (:a, :t, :t, true, 'complete', :name,"
    " 'call', 'tokenhash')",
    "INSERT INTO conversations (id, created_at, last_seen_at, urgent, screening_status)"
    " VALUES (:b, :t, :t, false, 'not_started')",
    "INSERT INTO messages (conversation_id, sender, text, created_at) VALUES (:a, 'visitor',"
    " :hello, :t)",
    "INSERT INTO messages (conversation_id, sender, text, created_at) VALUES (:b, 'visitor',"
    " :hello, :t)",
    "INSERT INTO screening_answers (conversation_id, question_id, raw_text, flagged, created_at)"
    " VALUES (:a, 'q1', :hello, true, :t)",
    "INSERT INTO handoffs (conversation_id, event_key, reason, urgency, status, created_at,"
    " updated_at) VALUES (:a, 'crisis:1', 'crisis', 'urgent', 'open', :t, :t)",
    "INSERT INTO unanswered_questions (conversation_id, text, created_at) VALUES (:a, :hello, :t)",
    "INSERT INTO faq_topics_asked (conversation_id, topic, created_at) VALUES (:b, 'cost', :t)",
    "CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id VARCHAR(255) NOT NULL,"
    " type_name VARCHAR(255), data TEXT)",
    "INSERT INTO events (id, sender_id, type_name, data) VALUES (1, :a, 'user', :hello)",
    "INSERT INTO events (id, sender_id, type_name, data) VALUES (2, :a, 'bot', :hello)",
    "INSERT INTO events (id, sender_id, type_name, data) VALUES (3, 'tracker-only', 'user',"
    " :hello)",
]
# (actor, action, target, details) of audit rows naming conversations by their raw ids.
AUDIT_0006 = [
    ("alice", "handoff.claim", "handoff:1", None),
    ("assistant", "handoff.create", "handoff:1", {"conversation_id": OLD_ID, "reason": "crisis"}),
    ("cli", "data.export", f"conversation:{OLD_ID}", None),
    ("alice", "handoff.view", "handoff:1", None),
]
TABLES_0006 = ["conversations", "messages", "screening_answers", "handoffs"]
TABLES_0006 += ["unanswered_questions", "faq_topics_asked", "events"]


def _at_0006_with_rows(db_url) -> str:
    """Downgrade to 0006 and fill every table that names a conversation; the audit head."""
    from bot.db.audit import GENESIS_MAC, row_mac
    from bot.db.crypto import encrypt_text
    from bot.db.engine import session_scope
    from bot.db.models import AuditEvent
    from bot.db.types import utcnow
    from bot.settings import get_settings

    engine = get_engine(db_url)
    downgrade(db_url, "0006")
    values = {
        "a": OLD_ID,
        "b": OTHER_ID,
        "t": "2026-11-01 10:00:00",
        "name": encrypt_text("Quillon Vask"),
        "hello": encrypt_text("hello"),
    }
    with engine.begin() as connection:
        for statement in ROWS_0006:
            connection.execute(text(statement), values)
    previous, key = GENESIS_MAC, get_settings().audit_mac_key
    with session_scope(engine) as session:  # sealed as record_audit did before 0007
        for actor, action, target, details in AUDIT_0006:
            event = AuditEvent(actor=actor, action=action, target=target, details=details)
            event.at = utcnow()
            session.add(event)
            session.flush()
            event.prev_mac, event.mac = previous, row_mac(key, previous, event)
            previous = event.mac
    return previous


def _counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            table: connection.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()  # noqa: S608
            for table in TABLES_0006
        }


def test_0007_hashes_every_stored_conversation_id(db_url, caplog):
    from bot.db.audit import verify_audit_chain
    from bot.db.conversations import list_messages
    from bot.db.crypto import is_lookup_digest_shaped
    from bot.db.engine import session_scope
    from bot.db.models import AuditEvent, Conversation

    engine = get_engine(db_url)
    old_head = _at_0006_with_rows(db_url)
    before = _counts(engine)
    upgrade_database(db_url)

    assert _counts(engine) == before  # every row kept, the conversations copied then removed
    with engine.connect() as connection:
        ids = set(connection.execute(text("SELECT id FROM conversations")).scalars())
        assert ids == {lookup_hash(OLD_ID), lookup_hash(OTHER_ID)}
        for table in TABLES_0006[1:-1]:
            stored = connection.execute(text(f"SELECT conversation_id FROM {table}")).scalars()  # noqa: S608
            assert set(stored) <= ids, table
        senders = connection.execute(text("SELECT sender_id FROM events ORDER BY id")).scalars()
        assert list(senders) == [lookup_hash(OLD_ID)] * 2 + [lookup_hash("tracker-only")]
        everything = " ".join(
            str(row)
            for table in (*TABLES_0006, "audit_events")
            for row in connection.execute(text(f"SELECT * FROM {table}"))  # noqa: S608
        )
    assert OLD_ID not in everything and OTHER_ID not in everything
    with session_scope(engine) as session:
        conversation = session.get(Conversation, OLD_ID)  # found by the visitor's id
        assert conversation.contact_name == "Quillon Vask" and conversation.urgent
        assert conversation.token_hash == "tokenhash"
        assert [m.text for m in list_messages(session=session, conversation_id=OLD_ID)] == ["hello"]
        assert [h.event_key for h in conversation.handoffs] == ["crisis:1"]
        assert [t.topic for t in session.get(Conversation, OTHER_ID).faq_topics] == ["cost"]
        # The audit rows name the hash; the chain verifies, resealed, and says so.
        assert verify_audit_chain(session=session).intact
        rows = session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars().all()
        assert rows[1].details == {"conversation_id": lookup_hash(OLD_ID), "reason": "crisis"}
        assert rows[2].target == f"conversation:{lookup_hash(OLD_ID)}"
        resealed = rows[-1]
        assert (resealed.actor, resealed.action) == ("migration", "audit.resealed")
        assert resealed.details["resealed_from_id"] == rows[1].id
        assert resealed.details["rows_rewritten"] == 2
        assert resealed.details["previous_head_mac"] == old_head
        audit_rows = len(rows)

    # The downgrade cannot restore the ids: it changes nothing and says why.
    downgrade(db_url, "0006")
    assert "one-way" in caplog.text
    with engine.connect() as connection:
        assert set(connection.execute(text("SELECT id FROM conversations")).scalars()) == ids
        # A conversation written meanwhile by code from before 0007 holds its raw id ...
        connection.execute(
            text(
                "INSERT INTO conversations (id, created_at, last_seen_at, urgent,"
                " screening_status) VALUES ('written-meanwhile', :t, :t, false, 'not_started')"
            ),
            {"t": "2026-11-02 10:00:00"},
        )
        connection.commit()
    upgrade_database(db_url)  # ... and only that one is hashed on the way up again
    with engine.connect() as connection:
        again = set(connection.execute(text("SELECT id FROM conversations")).scalars())
    assert again == ids | {lookup_hash("written-meanwhile")}
    assert all(is_lookup_digest_shaped(value) for value in again)
    with session_scope(engine) as session:
        assert session.execute(select(func.count(AuditEvent.id))).scalar_one() == audit_rows


def test_0007_leaves_a_broken_audit_chain_as_it_is(db_url, caplog):
    from bot.db.audit import verify_audit_chain
    from bot.db.engine import session_scope

    engine = get_engine(db_url)
    _at_0006_with_rows(db_url)
    with engine.begin() as connection:  # someone edited a row: the chain no longer verifies
        edit = "UPDATE audit_events SET actor = 'mallory' WHERE action = 'handoff.view'"
        connection.execute(text(edit))
        before = connection.execute(text("SELECT * FROM audit_events ORDER BY id")).all()
    upgrade_database(db_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT * FROM audit_events ORDER BY id")).all() == before
        ids = set(connection.execute(text("SELECT id FROM conversations")).scalars())
    assert ids == {lookup_hash(OLD_ID), lookup_hash(OTHER_ID)}  # the rest is hashed
    assert "does not verify" in caplog.text
    with session_scope(engine) as session:
        assert not verify_audit_chain(session=session).intact  # not hidden by a reseal
