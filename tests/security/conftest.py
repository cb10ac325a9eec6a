"""Fixtures for the security and bad-input tests: the web app on a real SQLite database."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from bot.db.engine import dispose_engine, upgrade_database
from bot.settings import get_settings
from tests.factories import OfflineAssistant


@pytest.fixture(scope="module")
def web_client(tmp_path_factory):
    """The whole web app (chat, site, staff) on a fresh SQLite file, Rasa not running.

    Server exceptions are turned into responses so a test sees the status a visitor would.
    """
    url = f"sqlite:///{tmp_path_factory.mktemp('web') / 'web.db'}"
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.setenv("DATABASE_URL", url)
        monkeypatch.setenv("RATE_LIMIT_PER_IP", "1000000")
        monkeypatch.setenv("RATE_LIMIT_PER_CONVERSATION", "1000000")
        get_settings.cache_clear()
        upgrade_database(url)
        from bot.web.app import create_app

        with TestClient(
            create_app(assistant=OfflineAssistant()), raise_server_exceptions=False
        ) as client:
            yield client
        get_settings.cache_clear()
        dispose_engine(url)
