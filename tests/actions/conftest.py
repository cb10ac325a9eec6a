"""Fixtures shared by the action tests: the domain, and the database the actions open.

Actions open their own sessions with ``session_scope()``, which follows ``DATABASE_URL``
through the settings; these fixtures point it at a SQLite file of the test.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from bot.db.engine import dispose_engine, upgrade_database
from bot.domain_responses import load_domain
from bot.settings import get_settings


@pytest.fixture
def domain() -> dict[str, Any]:
    """domain.yml, as the action server passes it to every action."""
    return load_domain()


@pytest.fixture
def settings_env(monkeypatch) -> Iterator[Callable[..., None]]:
    """``settings_env(NAME=value, OTHER=None)`` sets (``None``: removes) settings variables.

    The settings are read again afterwards, and once more when the test ends.
    """

    def use(**values: str | None) -> None:
        for name, value in values.items():
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        get_settings.cache_clear()

    yield use
    get_settings.cache_clear()


@pytest.fixture
def database_at(settings_env) -> Iterator[Callable[[str], str]]:
    """``database_at(url)`` makes ``url`` the database of the rest of the test."""
    used: list[str] = []

    def use(url: str) -> str:
        settings_env(DATABASE_URL=url)
        used.append(url)
        return url

    yield use
    for url in used:
        dispose_engine(url)


@pytest.fixture
def db_url(tmp_path, database_at) -> str:
    """A migrated SQLite database (SQLite only: the actions' logic is not the database's)."""
    url = f"sqlite:///{tmp_path / 'actions.db'}"
    upgrade_database(url)
    return database_at(url)


@pytest.fixture
def unmigrated_db_url(tmp_path, database_at) -> str:
    """A database without tables: every query fails, as when the database is down."""
    return database_at(f"sqlite:///{tmp_path / 'empty.db'}")
