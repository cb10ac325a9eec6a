"""The public chat API on a real database, with Rasa not running (nothing listens)."""

from __future__ import annotations

import uuid

import pytest
from starlette.testclient import TestClient

from bot.db.engine import upgrade_database
from bot.settings import get_settings
from bot.stack import free_port


@pytest.fixture
def client(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'web.db'}")
    monkeypatch.setenv("RASA_URLS", f"http://127.0.0.1:{free_port()}")
    monkeypatch.setenv("RATE_LIMIT_PER_CONVERSATION", "5")
    monkeypatch.setenv("MAX_MESSAGE_CHARS", "500")
    get_settings.cache_clear()
    upgrade_database()
    from bot.web.app import create_app

    with TestClient(create_app()) as test_client:
        yield test_client
    get_settings.cache_clear()


def post(client, message, conversation_id=None, **kwargs):
    body = {"conversation_id": conversation_id or str(uuid.uuid4()), "message": message}
    return client.post("/api/chat", json=body, **kwargs)


def test_health(client):
    assert client.get("/healthz").json() == {"status": "ok"}


def test_rasa_down_gives_an_apology_and_keeps_the_message(client):
    cid = str(uuid.uuid4())
    response = post(client, "what is ketamine?", cid)
    assert response.status_code == 200
    [reply] = response.json()["messages"]
    assert "988" in reply["text"] and "saved" in reply["text"]
    history = client.get(f"/api/chat/{cid}/history").json()["messages"]
    assert [(m["sender"], m["text"]) for m in history][0] == ("visitor", "what is ketamine?")
    assert history[1]["sender"] == "bot"


@pytest.mark.parametrize(
    "kwargs, status",
    [
        ({"content": b"not json", "headers": {"content-type": "application/json"}}, 400),
        ({"content": b"\xff\xfe\xfd", "headers": {"content-type": "application/json"}}, 400),
        ({"content": b"[1, 2]", "headers": {"content-type": "application/json"}}, 400),
        (
            {
                "content": b"message=hi",
                "headers": {"content-type": "application/x-www-form-urlencoded"},
            },
            415,
        ),
        ({"content": b"[" * 100_000, "headers": {"content-type": "application/json"}}, 413),
        (
            {
                "content": b"[" * 5_000 + b"]" * 5_000,
                "headers": {"content-type": "application/json"},
            },
            400,
        ),
        ({"json": {"conversation_id": "nope", "message": "hi"}}, 400),
        ({"json": {"conversation_id": str(uuid.uuid4()), "message": "   "}}, 400),
        ({"json": {"conversation_id": str(uuid.uuid4()), "message": "x" * 501}}, 413),
        ({"json": {"conversation_id": str(uuid.uuid4())}}, 400),
    ],
)
def test_bad_input_gets_a_clear_4xx(client, kwargs, status):
    response = client.post("/api/chat", **kwargs)
    assert response.status_code == status
    assert response.json()["error"]


def test_history_of_a_bad_id_is_400_and_of_an_unknown_id_is_empty(client):
    assert client.get("/api/chat/not-a-uuid/history").status_code == 400
    unknown = client.get(f"/api/chat/{uuid.uuid4()}/history")
    assert unknown.status_code == 200 and unknown.json()["messages"] == []


def test_per_conversation_rate_limit(client):
    cid = str(uuid.uuid4())
    statuses = [post(client, f"message {i}", cid).status_code for i in range(7)]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]
    limited = post(client, "again", cid)
    assert int(limited.headers["retry-after"]) >= 1
    assert post(client, "another visitor").status_code == 200


def test_security_headers(client):
    headers = client.get("/healthz").headers
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_cors_only_for_configured_widget_origins(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cors.db'}")
    monkeypatch.setenv("WIDGET_ALLOWED_ORIGINS", "https://clinic.example.org")
    get_settings.cache_clear()
    upgrade_database()
    from bot.web.app import create_app

    try:
        with TestClient(create_app()) as client:
            preflight = {
                "access-control-request-method": "POST",
                "access-control-request-headers": "content-type",
            }
            allowed = client.options(
                "/api/chat", headers={"origin": "https://clinic.example.org", **preflight}
            )
            assert allowed.headers["access-control-allow-origin"] == "https://clinic.example.org"
            assert "access-control-allow-credentials" not in allowed.headers
            other = client.options(
                "/api/chat", headers={"origin": "https://evil.example.com", **preflight}
            )
            assert "access-control-allow-origin" not in other.headers
    finally:
        get_settings.cache_clear()
