"""The real web app on a fresh migrated SQLite database, with an assistant that never answers
(no trained model is loaded), and the conversation tokens a well-behaved widget keeps."""

from __future__ import annotations

import pytest
from starlette.testclient import TestClient

from bot.db.engine import upgrade_database
from bot.settings import get_settings
from devtools.stack import ConversationTokens
from tests.factories import OfflineAssistant


@pytest.fixture
def make_web_client(tmp_path, monkeypatch):
    """``make_web_client(assistant=None, **environment)``: a client of the web app (its
    lifespan running) on ``tmp_path/web.db``, with those environment variables set."""
    clients: list[TestClient] = []

    def make(assistant=None, **environment: str) -> TestClient:
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'web.db'}")
        for name, value in environment.items():
            monkeypatch.setenv(name, value)
        get_settings.cache_clear()
        upgrade_database()
        from bot.web.app import create_app

        client = TestClient(create_app(assistant=assistant or OfflineAssistant()))
        client.__enter__()
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.__exit__(None, None, None)
    get_settings.cache_clear()


@pytest.fixture
def client(make_web_client):
    """The web app with small limits: 5 messages a minute per conversation, 500 characters."""
    return make_web_client(RATE_LIMIT_PER_CONVERSATION="5", MAX_MESSAGE_CHARS="500")


@pytest.fixture
def tokens():
    """The tokens a well-behaved client keeps (what the widget keeps in sessionStorage)."""
    return ConversationTokens()
