"""Engines, session factories and migrations.

One engine per database URL (cached for the process). Callers open one session per unit
of work with :func:`session_scope` and pass it on as ``session=``; there is no global session.
The Rasa ``SQLTrackerStore`` may share the same database (its table is ``events``).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.future import create_engine
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import QueuePool

from bot.settings import PROJECT_ROOT, get_settings

if TYPE_CHECKING:  # Alembic is imported only when migrations run
    from alembic.config import Config

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
ALEMBIC_INI = PROJECT_ROOT / "alembic.ini"

_engines: dict[str, Engine] = {}
_factories: dict[int, sessionmaker] = {}
_lock = threading.Lock()


def _sqlite_on_connect(dbapi_connection: Any, _record: Any) -> None:
    """Per-connection SQLite settings: WAL for concurrent readers, enforced foreign keys."""
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


# The database holds health data: readable and writable by the service's user only. SQLite
# gives its -wal and -shm files the database file's permissions.
DATABASE_FILE_MODE = 0o600


def _private_database_file(path: Path) -> None:
    """Create the SQLite file with mode 0600 before SQLite does (its default follows the
    umask, usually 0644), and tighten an existing one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, DATABASE_FILE_MODE)
    os.close(descriptor)
    if path.stat().st_mode & 0o777 != DATABASE_FILE_MODE:
        path.chmod(DATABASE_FILE_MODE)


def _build_engine(url: str) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database
        if database and database != ":memory:" and not database.startswith("file:"):
            _private_database_file(Path(database).expanduser().resolve())
        # The outbox worker and web app share engines across threads. SQLAlchemy 1.4 would
        # open a new connection (and re-run the PRAGMAs) for every session; keep them.
        engine = create_engine(
            url,
            future=True,
            poolclass=QueuePool,
            connect_args={"check_same_thread": False, "timeout": 30},
        )
        event.listen(engine, "connect", _sqlite_on_connect)
        return engine
    return create_engine(url, future=True, pool_pre_ping=True)


def get_engine(url: str | None = None) -> Engine:
    """The process-wide engine for ``url`` (default: ``settings.database_url``)."""
    url = url or get_settings().database_url
    with _lock:
        engine = _engines.get(url)
        if engine is None:
            engine = _engines[url] = _build_engine(url)
        return engine


def dispose_engine(url: str) -> None:
    """Close and forget the cached engine for ``url`` (tests drop their databases after)."""
    with _lock:
        engine = _engines.pop(url, None)
        if engine is not None:
            _factories.pop(id(engine), None)
            engine.dispose()


def make_session_factory(engine: Engine) -> sessionmaker:
    """A ``sessionmaker`` for ``engine`` producing 2.0-style sessions.

    ``expire_on_commit=False`` so objects returned from a finished unit of work can still
    be read (e.g. by a template) without another round-trip.
    """
    with _lock:
        factory = _factories.get(id(engine))
        if factory is None:
            factory = _factories[id(engine)] = sessionmaker(
                bind=engine, future=True, expire_on_commit=False
            )
        return factory


@contextmanager
def session_scope(engine: Engine | None = None) -> Iterator[Session]:
    """One unit of work: commit on success, roll back on any error, always close."""
    factory = make_session_factory(engine or get_engine())
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def alembic_config(url: str | None = None) -> Config:
    """An Alembic ``Config`` pointing at this project's migrations and ``url``."""
    from alembic.config import Config

    config = Config(str(ALEMBIC_INI)) if ALEMBIC_INI.is_file() else Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    # Passed as an attribute, not an ini option: ini values treat "%" specially.
    config.attributes["database_url"] = url or get_settings().database_url
    return config


def upgrade_database(url: str | None = None, revision: str = "head") -> None:
    """Run Alembic migrations up to ``revision`` (default head) on ``url``."""
    from alembic import command

    url = url or get_settings().database_url
    engine = get_engine(url)
    with engine.begin() as connection:
        config = alembic_config(url)
        config.attributes["connection"] = connection
        command.upgrade(config, revision)
