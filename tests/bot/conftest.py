"""Database fixtures for tests under tests/bot: ``db_url``, ``engine``, ``session``.

``db_url`` is parametrized: every test using it runs against
  * SQLite - a fresh file in the test's tmp dir, migrated with Alembic;
  * PostgreSQL - a throwaway database ``intake_test_<random>`` on 127.0.0.1:5432 (user
    postgres, trust auth), created once per test session, migrated once, emptied
    (TRUNCATE) after each test and dropped at the end.
PostgreSQL tests are skipped, with the reason, only when the server is unreachable.
The fixture also points ``DATABASE_URL`` / ``get_settings()`` at the test database, so
code calling ``session_scope()`` without an engine uses it too.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from bot.db.engine import dispose_engine, get_engine, make_session_factory, upgrade_database
from bot.db.models import Base
from bot.settings import get_settings

PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_ADMIN_URL = f"postgresql+psycopg2://postgres@{PG_HOST}:{PG_PORT}/postgres"


def _pg_admin_engine():
    return create_engine(
        PG_ADMIN_URL,
        future=True,
        isolation_level="AUTOCOMMIT",
        connect_args={"connect_timeout": 3},
    )


@pytest.fixture(scope="session")
def postgres_database_url():
    """URL of a migrated throwaway PostgreSQL database for this test session."""
    admin = _pg_admin_engine()
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001 - any failure means "not reachable here"
        admin.dispose()
        reason = f"PostgreSQL unreachable at {PG_HOST}:{PG_PORT}: {type(exc).__name__}: {exc}"
        print(reason)
        pytest.skip(reason)
    name = f"intake_test_{secrets.token_hex(6)}"
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = f"postgresql+psycopg2://postgres@{PG_HOST}:{PG_PORT}/{name}"
    try:
        upgrade_database(url)
        yield url
    finally:
        dispose_engine(url)
        with admin.connect() as connection:
            connection.execute(
                text(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = :name AND pid <> pg_backend_pid()"
                ),
                {"name": name},
            )
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
        admin.dispose()


def _empty_postgres(url: str) -> None:
    """Remove all rows (ours and Rasa's ``events`` if a test made it) between tests."""
    engine = get_engine(url)
    with engine.begin() as connection:
        tables = [t for t in Base.metadata.tables]
        if inspect(connection).has_table("events"):
            connection.execute(text('DROP TABLE "events"'))
        quoted = ", ".join(f'"{t}"' for t in tables)
        connection.execute(text(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE"))


@pytest.fixture(
    params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)],
)
def db_url(request, tmp_path, monkeypatch):
    """A migrated, empty database URL (SQLite file, then PostgreSQL)."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'intake-test.db'}"
        upgrade_database(url)
    else:
        url = request.getfixturevalue("postgres_database_url")
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        yield url
    finally:
        get_settings.cache_clear()
        if request.param == "sqlite":
            dispose_engine(url)
        else:
            _empty_postgres(url)


@pytest.fixture
def engine(db_url):
    """The cached engine for ``db_url``."""
    return get_engine(db_url)


@pytest.fixture
def session_factory(engine):
    """``sessionmaker`` bound to the test database."""
    return make_session_factory(engine)


@pytest.fixture
def session(session_factory):
    """One session on the test database; the test commits as needed, closed afterwards."""
    with session_factory() as db_session:
        yield db_session


@pytest.fixture(scope="session")
def spacy_model_dir(tmp_path_factory) -> Path:
    """spacy.blank("en") + lookup lemmatizer, initialised and saved to a tmp dir (as in models/)."""
    from bot.tooling.spacy_pipeline import build_pipeline

    path = tmp_path_factory.mktemp("spacy_en")
    build_pipeline().to_disk(path)
    return path
