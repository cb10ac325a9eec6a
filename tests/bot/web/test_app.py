"""The web app factory (bot/web/app.py): health, the production refusal, CORS for the
widget's origins, and what every app is built with."""

from __future__ import annotations

from dataclasses import replace

import pytest
from starlette.routing import Mount
from starlette.testclient import TestClient

from bot.settings import Settings, get_settings
from bot.staff.hash_gate import HashGate
from bot.web.app import ProductionConfigError, create_app, refuse_unsafe_production
from devtools.stack import free_port
from tests.factories import OfflineAssistant


def test_health(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_health_is_degraded_while_the_database_is_unreachable(monkeypatch):
    unreachable = f"postgresql+psycopg2://intake@127.0.0.1:{free_port()}/intake"  # none listens
    monkeypatch.setenv("DATABASE_URL", unreachable)
    get_settings.cache_clear()
    app = create_app(assistant=OfflineAssistant())
    response = TestClient(app).get("/healthz")  # lifespan not run: no outbox worker
    assert response.status_code == 503
    assert response.json() == {"status": "degraded", "database": "unreachable"}


def test_cors_only_for_configured_widget_origins(make_web_client):
    client = make_web_client(WIDGET_ALLOWED_ORIGINS="https://clinic.example.org")
    preflight = {
        "access-control-request-method": "POST",
        "access-control-request-headers": "content-type, x-conversation-token",
    }
    allowed = client.options(
        "/api/chat", headers={"origin": "https://clinic.example.org", **preflight}
    )
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://clinic.example.org"
    assert "x-conversation-token" in allowed.headers["access-control-allow-headers"].lower()
    assert "access-control-allow-credentials" not in allowed.headers
    other = client.options("/api/chat", headers={"origin": "https://evil.example.com", **preflight})
    assert "access-control-allow-origin" not in other.headers


def test_without_configured_origins_there_is_no_cors(client):
    answer = client.options(
        "/api/chat",
        headers={"origin": "https://clinic.example.org", "access-control-request-method": "POST"},
    )
    assert "access-control-allow-origin" not in answer.headers


def test_production_with_placeholder_secrets_does_not_start():
    unsafe = Settings(env="production", session_secret="change-me")
    with pytest.raises(ProductionConfigError) as refused:
        create_app(unsafe, assistant=OfflineAssistant())
    assert "SESSION_SECRET" in str(refused.value) and "COOKIE_SECURE" in str(refused.value)


def test_development_settings_start_and_say_when_mfa_is_off(caplog):
    refuse_unsafe_production(Settings(env="development", session_secret="change-me"))
    assert "STAFF_MFA is off" not in caplog.text
    refuse_unsafe_production(Settings(staff_mfa=False))
    assert "STAFF_MFA is off" in caplog.text


def test_the_app_carries_its_settings_and_serves_every_part():
    settings = replace(get_settings(), login_hash_concurrency=3)
    app = create_app(settings, assistant=OfflineAssistant())
    assert app.state.settings is settings
    assert isinstance(app.state.hash_gate, HashGate)
    paths = {getattr(route, "path", None) for route in app.routes}
    assert {"/healthz", "/api/chat", "/api/chat/{conversation_id}/history", "/"} <= paths
    assert any(isinstance(route, Mount) and route.path == "/staff" for route in app.routes)
