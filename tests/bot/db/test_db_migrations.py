"""Alembic: the initial migration builds exactly the models' schema on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text

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
    with engine.begin() as connection:
        config = alembic_config(db_url)
        config.attributes["connection"] = connection
        command.downgrade(config, "base")
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
    with engine.begin() as connection:
        config = alembic_config(db_url)
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
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
            text("SELECT token_hash FROM conversations WHERE id = 'old'")
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
    with engine.begin() as connection:
        config = alembic_config(db_url)
        config.attributes["connection"] = connection
        command.downgrade(config, "0003")
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
