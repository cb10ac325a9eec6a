"""Engine cache, SQLite pragmas, session_scope commit/rollback, aware UTC timestamps."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from sqlalchemy import select, text

from bot.db.conversations import ensure_conversation
from bot.db.crypto import lookup_hash
from bot.db.engine import (
    dispose_engine,
    get_engine,
    make_session_factory,
    session_scope,
    upgrade_database,
)
from bot.db.models import Conversation


def test_engine_is_cached_per_url(db_url, tmp_path):
    assert get_engine(db_url) is get_engine(db_url)
    other = f"sqlite:///{tmp_path / 'other.db'}"
    assert get_engine(other) is not get_engine(db_url)
    assert get_engine() is get_engine(db_url)  # default follows DATABASE_URL


def test_session_factory_is_cached_and_future(engine):
    factory = make_session_factory(engine)
    assert factory is make_session_factory(engine)
    with factory() as session:
        assert session.future


def test_sqlite_pragmas(tmp_path):
    engine = get_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.connect() as connection:
        assert connection.execute(text("PRAGMA foreign_keys")).scalar_one() == 1
        assert connection.execute(text("PRAGMA journal_mode")).scalar_one() == "wal"


def test_session_scope_commits(engine):
    with session_scope(engine) as session:
        ensure_conversation(session=session, conversation_id="c-commit")
    with session_scope(engine) as session:
        assert session.get(Conversation, "c-commit") is not None


def test_session_scope_rolls_back_on_error(engine):
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        ensure_conversation(session=session, conversation_id="c-rollback")
        session.flush()
        raise RuntimeError("boom")
    with session_scope(engine) as session:
        assert session.get(Conversation, "c-rollback") is None


def test_session_scope_default_engine_uses_settings(db_url):
    with session_scope() as session:
        ensure_conversation(session=session, conversation_id="c-default")
    with get_engine(db_url).connect() as connection:
        ids = connection.execute(select(Conversation.id)).scalars().all()
    assert ids == [lookup_hash("c-default")]  # stored as the keyed hash


def test_timestamps_round_trip_as_aware_utc(session):
    eastern = timezone(timedelta(hours=-5))
    moment = datetime(2026, 3, 1, 9, 30, tzinfo=eastern)
    conversation = ensure_conversation(session=session, conversation_id="c-tz")
    conversation.consent_at = moment
    session.commit()
    session.expire_all()
    stored = session.get(Conversation, "c-tz").consent_at
    assert stored.tzinfo is not None and stored.utcoffset() == timedelta(0)
    assert stored == moment
    # Comparisons in SQL use the same representation.
    found = (
        session.execute(
            select(Conversation.id).where(Conversation.consent_at > moment - timedelta(seconds=1))
        )
        .scalars()
        .all()
    )
    assert found == [lookup_hash("c-tz")]


def test_foreign_keys_are_enforced(session):
    from sqlalchemy.exc import IntegrityError

    from bot.db.models import Message

    session.add(Message(conversation_id="no-such-conversation", sender="bot", text="x"))
    with pytest.raises(IntegrityError):
        session.flush()
    session.rollback()


def test_sqlite_database_files_are_private(tmp_path):
    """Health data: the database file (and the journal files SQLite derives from it) is
    0600, also when it existed with looser permissions."""
    fresh = tmp_path / "fresh" / "intake.db"
    url = f"sqlite:///{fresh}"
    upgrade_database(url)
    try:
        with get_engine(url).begin() as connection:
            connection.exec_driver_sql("PRAGMA journal_mode=WAL")
            connection.exec_driver_sql("CREATE TABLE IF NOT EXISTS probe (x INTEGER)")
            connection.exec_driver_sql("INSERT INTO probe VALUES (1)")
            files = [p for p in fresh.parent.iterdir() if p.name.startswith("intake.db")]
        assert files and all(p.stat().st_mode & 0o777 == 0o600 for p in files), [
            (p.name, oct(p.stat().st_mode & 0o777)) for p in files
        ]
    finally:
        dispose_engine(url)
    loose = tmp_path / "loose.db"
    loose.touch(mode=0o644)
    loose.chmod(0o644)
    try:
        get_engine(f"sqlite:///{loose}")
        assert loose.stat().st_mode & 0o777 == 0o600
    finally:
        dispose_engine(f"sqlite:///{loose}")
