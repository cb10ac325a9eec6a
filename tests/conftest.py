"""Fixtures shared by the whole suite.

Database fixtures ``db_url``, ``engine``, ``session_factory``, ``session``: ``db_url`` is
parametrized, every test using it runs against
  * SQLite - a fresh file in the test's tmp dir, migrated with Alembic;
  * PostgreSQL - a throwaway database ``intake_test_<random>`` on 127.0.0.1:5432 (user
    postgres, trust auth), created once per test session, migrated once, emptied
    (TRUNCATE) after each test and dropped at the end.
PostgreSQL tests are skipped, with the reason, only when the server is unreachable.
The fixture also points ``DATABASE_URL`` / ``get_settings()`` at the test database, so
code calling ``session_scope()`` without an engine uses it too.
"""

from __future__ import annotations

import os
import secrets

import pytest

from devtools.stack import free_port
from tests.receivers import SmtpServer, WebhookReceiver

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The real product (action server, Rasa, web app) on free ports, shared by a session.

    Set INTAKE_TEST_BASE_URL to run browser tests against an already running stack.
    """
    from devtools.stack import start_stack

    running = start_stack(tmp_path_factory.mktemp("stack"))
    yield running
    running.stop()


@pytest.fixture(autouse=True)
def isolated_spool(tmp_path, monkeypatch):
    """Every test gets its own handoff spool, never the project's var/spool."""
    from bot.settings import get_settings

    monkeypatch.setenv("SPOOL_DIR", str(tmp_path / "spool"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def data_keys(monkeypatch):
    """``data_keys(first, *older)`` sets ``DATA_ENCRYPTION_KEYS`` for the rest of the test."""
    from bot.settings import get_settings

    def use(*keys: str) -> tuple[str, ...]:
        monkeypatch.setenv("DATA_ENCRYPTION_KEYS", ",".join(keys))
        get_settings.cache_clear()
        return keys

    yield use
    get_settings.cache_clear()


@pytest.fixture
def smtp_server():
    """A running SMTP server (tests may stop and restart it on the same port)."""
    server = SmtpServer(free_port())
    server.start()
    yield server
    server.stop()


@pytest.fixture
def webhook():
    """A running webhook receiver."""
    receiver = WebhookReceiver()
    yield receiver
    receiver.close()


PG_HOST = "127.0.0.1"
PG_PORT = 5432
PG_ADMIN_URL = f"postgresql+psycopg2://postgres@{PG_HOST}:{PG_PORT}/postgres"


def _pg_admin_engine():
    from sqlalchemy import create_engine

    return create_engine(
        PG_ADMIN_URL,
        future=True,
        isolation_level="AUTOCOMMIT",
        connect_args={"connect_timeout": 3},
    )


@pytest.fixture(scope="session")
def postgres_database_url():
    """URL of a migrated throwaway PostgreSQL database for this test session."""
    from sqlalchemy import text

    from bot.db.engine import dispose_engine, upgrade_database

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
    from sqlalchemy import inspect, text

    from bot.db.engine import get_engine
    from bot.db.models import Base

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
    from bot.db.engine import dispose_engine, upgrade_database
    from bot.settings import get_settings

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
    from bot.db.engine import get_engine

    return get_engine(db_url)


@pytest.fixture
def session_factory(engine):
    """``sessionmaker`` bound to the test database."""
    from bot.db.engine import make_session_factory

    return make_session_factory(engine)


@pytest.fixture
def session(session_factory):
    """One session on the test database; the test commits as needed, closed afterwards."""
    with session_factory() as db_session:
        yield db_session


@pytest.fixture(scope="session")
def spacy_model_dir(tmp_path_factory):
    """spacy.blank("en") + lookup lemmatizer, initialised and saved to a tmp dir (as in models/)."""
    from devtools.tooling.spacy_pipeline import build_pipeline

    path = tmp_path_factory.mktemp("spacy_en")
    build_pipeline().to_disk(path)
    return path


@pytest.fixture(scope="session")
def crisis_matcher(spacy_model_dir):
    """The crisis matcher built from content/crisis_patterns.yml and the tmp pipeline."""
    from bot.safety.crisis_matcher import CrisisMatcher

    return CrisisMatcher.from_files(None, spacy_model_dir)
