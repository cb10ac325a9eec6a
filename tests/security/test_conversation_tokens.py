"""Attacks on the chat API's conversation secrets, route by route.

The cases are generated from the route table of the real app (every route under
``/api/``), so a new chat route cannot be added without being covered: each must refuse a
request without the conversation's token, with an empty, wrong or made-up one, with another
conversation's, and any request for a conversation stored before tokens existed; each
refusal is a 403 JSON error that stores nothing (no message, no conversation) and shows
nothing of the transcript.
"""

from __future__ import annotations

import logging
import uuid

import pytest
from sqlalchemy import func, select
from starlette.routing import Route

from bot.db.conversations import record_message
from bot.db.engine import session_scope
from bot.db.models import Conversation, Message

TOKEN_HEADER = "X-Conversation-Token"
SECRET = "my private medical history"
# Every route of the public chat API and how each is called for conversation ``cid``.
CHAT_ROUTES = {
    ("/api/chat", "POST"): lambda client, cid, headers: client.post(
        "/api/chat", json={"conversation_id": cid, "message": "hello again"}, headers=headers
    ),
    ("/api/chat/{conversation_id}/history", "GET"): lambda client, cid, headers: client.get(
        f"/api/chat/{cid}/history", headers=headers
    ),
}
CREDENTIALS = ["none", "empty", "made-up", "truncated", "other conversation's", "far too long"]


def _api_routes() -> set[tuple[str, str]]:
    from bot.web.app import create_app

    found = set()
    for route in create_app().routes:
        if isinstance(route, Route) and route.path.startswith("/api/"):
            found |= {(route.path, method) for method in route.methods - {"HEAD"}}
    return found


def test_every_chat_route_is_covered():
    """Adding a chat route means adding it here (and so to every check below)."""
    assert _api_routes() == set(CHAT_ROUTES)


def _start(client) -> tuple[str, str]:
    """A new conversation whose visitor wrote SECRET; (id, token)."""
    cid = str(uuid.uuid4())
    response = client.post("/api/chat", json={"conversation_id": cid, "message": SECRET})
    assert response.status_code == 200
    return cid, response.json()["conversation_token"]


def _fingerprint() -> tuple[int, int]:
    with session_scope() as session:
        return (
            session.execute(select(func.count(Message.id))).scalar_one(),
            session.execute(select(func.count(Conversation.id))).scalar_one(),
        )


def _headers(kind: str, token: str, other_token: str) -> dict[str, str]:
    value = {
        "empty": "",
        "made-up": "A" * len(token),
        "truncated": token[:-1],
        "other conversation's": other_token,
        "far too long": token * 20,
    }.get(kind)
    return {} if value is None else {TOKEN_HEADER: value}


def _assert_refused(response) -> None:
    assert response.status_code == 403
    assert response.headers["content-type"].startswith("application/json")
    assert response.headers["cache-control"] == "no-store"
    body = response.json()
    assert isinstance(body["error"], str) and body["error"]
    assert "messages" not in body and "conversation_token" not in body
    assert SECRET not in response.text


@pytest.mark.parametrize("route", sorted(CHAT_ROUTES), ids=lambda r: f"{r[1]} {r[0]}")
@pytest.mark.parametrize("kind", CREDENTIALS)
def test_route_refuses_without_the_conversations_token(web_client, route, kind):
    cid, token = _start(web_client)
    _other_cid, other_token = _start(web_client)
    before = _fingerprint()
    response = CHAT_ROUTES[route](web_client, cid, _headers(kind, token, other_token))
    _assert_refused(response)
    assert _fingerprint() == before
    # The same request with the conversation's own token goes through (not vacuous).
    allowed = CHAT_ROUTES[route](web_client, cid, {TOKEN_HEADER: token})
    assert allowed.status_code == 200, allowed.text


@pytest.mark.parametrize("route", sorted(CHAT_ROUTES), ids=lambda r: f"{r[1]} {r[0]}")
@pytest.mark.parametrize("kind", ["none", "empty", "made-up"])
def test_route_refuses_conversations_from_before_tokens(web_client, route, kind):
    """No token hash stored: nobody can continue or read it, whatever they send."""
    cid = str(uuid.uuid4())
    with session_scope() as session:
        record_message(session=session, conversation_id=cid, sender="visitor", text=SECRET)
    before = _fingerprint()
    response = CHAT_ROUTES[route](web_client, cid, _headers(kind, "A" * 43, "B" * 43))
    _assert_refused(response)
    assert _fingerprint() == before


def test_an_id_cannot_be_claimed_twice(web_client):
    """Posting to a taken id without its token never issues a second token."""
    cid, token = _start(web_client)
    before = _fingerprint()
    for _ in range(3):
        response = web_client.post("/api/chat", json={"conversation_id": cid, "message": "me!"})
        _assert_refused(response)
    assert _fingerprint() == before
    with session_scope() as session:
        assert session.get(Conversation, cid).token_hash is not None


def test_the_token_is_never_logged(web_client, caplog):
    with caplog.at_level(logging.DEBUG):
        cid, token = _start(web_client)
        web_client.post(
            "/api/chat",
            json={"conversation_id": cid, "message": "again"},
            headers={TOKEN_HEADER: token},
        )
        web_client.get(f"/api/chat/{cid}/history", headers={TOKEN_HEADER: "wrong"})
    assert token not in caplog.text


def test_cross_origin_pages_may_send_the_token_header(tmp_path, monkeypatch):
    """CORS for the widget's origins lets the header through (and still no credentials)."""
    from starlette.testclient import TestClient

    from bot.db.engine import upgrade_database
    from bot.settings import get_settings
    from bot.web.app import create_app
    from tests.factories import OfflineAssistant

    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cors.db'}")
    monkeypatch.setenv("WIDGET_ALLOWED_ORIGINS", "https://clinic.example.org")
    get_settings.cache_clear()
    upgrade_database()
    with TestClient(create_app(assistant=OfflineAssistant())) as client:
        response = client.options(
            f"/api/chat/{uuid.uuid4()}/history",
            headers={
                "origin": "https://clinic.example.org",
                "access-control-request-method": "GET",
                "access-control-request-headers": "x-conversation-token",
            },
        )
        assert response.status_code == 200
        assert "x-conversation-token" in response.headers["access-control-allow-headers"].lower()
        assert "access-control-allow-credentials" not in response.headers
    get_settings.cache_clear()
