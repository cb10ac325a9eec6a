"""Fixtures shared by the whole suite."""

from __future__ import annotations

import os

import pytest

from tests.receivers import SmtpServer, WebhookReceiver, free_port

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
os.environ.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """The real product (action server, Rasa, web app) on free ports, shared by a session.

    Set INTAKE_TEST_BASE_URL to run browser tests against an already running stack.
    """
    from bot.stack import start_stack

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
