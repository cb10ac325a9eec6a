"""The public chat API (bot/web/chat.py) on a real database, with an assistant that never
answers: limits, conversation tokens, the transcript, no caching."""

from __future__ import annotations

import hashlib
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import func, select

from bot.db.conversations import record_message
from bot.db.crypto import lookup_hash
from bot.db.engine import session_scope
from bot.db.models import Conversation, Message
from tests.factories import OfflineAssistant

TOKEN_HEADER = "X-Conversation-Token"


def post(client, message, conversation_id=None, tokens=None, **kwargs):
    """POST one message; with ``tokens`` sends the conversation's token and keeps new ones."""
    conversation_id = conversation_id or str(uuid.uuid4())
    body = {"conversation_id": conversation_id, "message": message}
    if tokens is not None:
        kwargs["headers"] = {**tokens.headers(conversation_id), **kwargs.get("headers", {})}
    response = client.post("/api/chat", json=body, **kwargs)
    if tokens is not None and response.status_code == 200:
        tokens.remember(conversation_id, response.json())
    return response


def history(client, conversation_id, token=None):
    headers = {TOKEN_HEADER: token} if token is not None else {}
    return client.get(f"/api/chat/{conversation_id}/history", headers=headers)


def stored(conversation_id) -> tuple[int, str | None]:
    """(messages stored, token hash) of a conversation."""
    with session_scope() as session:
        count = session.execute(
            select(func.count(Message.id)).where(Message.conversation_id == conversation_id)
        ).scalar_one()
        conversation = session.get(Conversation, conversation_id)
        return count, conversation.token_hash if conversation else None


def test_rasa_down_gives_an_apology_and_keeps_the_message(client):
    cid = str(uuid.uuid4())
    response = post(client, "what is ketamine?", cid)
    assert response.status_code == 200
    [reply] = response.json()["messages"]
    assert "988" in reply["text"] and "saved" in reply["text"]
    token = response.json()["conversation_token"]
    messages = history(client, cid, token).json()["messages"]
    assert [(m["sender"], m["text"]) for m in messages][0] == ("visitor", "what is ketamine?")
    assert messages[1]["sender"] == "bot"


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


def test_history_of_a_bad_id_is_400_and_of_an_unknown_id_is_403(client):
    """An id never used answers like a closed one: ids that exist are not revealed."""
    assert client.get("/api/chat/not-a-uuid/history").status_code == 400
    unknown = client.get(f"/api/chat/{uuid.uuid4()}/history")
    assert unknown.status_code == 403 and unknown.json()["error"]
    guessed = history(client, uuid.uuid4(), "A" * 43)
    assert guessed.status_code == 403 and guessed.json()["error"]


def test_per_conversation_rate_limit(client, tokens):
    cid = str(uuid.uuid4())
    statuses = [post(client, f"message {i}", cid, tokens).status_code for i in range(7)]
    assert statuses[:5] == [200] * 5
    assert statuses[5:] == [429, 429]
    limited = post(client, "again", cid, tokens)
    assert int(limited.headers["retry-after"]) >= 1
    assert post(client, "another visitor").status_code == 200


def test_requests_without_the_token_do_not_use_up_the_conversations_rate_limit(client, tokens):
    """Someone who only knows the id cannot block the visitor by sending as them."""
    cid = str(uuid.uuid4())
    assert post(client, "hello", cid, tokens).status_code == 200
    for _ in range(10):
        assert post(client, "spam", cid).status_code == 403
        assert post(client, "spam", cid, headers={TOKEN_HEADER: "x" * 43}).status_code == 403
    assert post(client, "still me", cid, tokens).status_code == 200


def test_first_reply_carries_a_token_and_only_its_hash_is_stored(client, tmp_path):
    cid = str(uuid.uuid4())
    response = post(client, "hello", cid)
    assert response.status_code == 200
    token = response.json()["conversation_token"]
    assert len(token) >= 43  # 32 random bytes, URL-safe base64
    count, token_hash = stored(cid)
    assert count == 2  # the visitor's message and the apology
    assert token_hash == hashlib.sha256(token.encode()).hexdigest()
    # The token itself is nowhere in the database file (or its write-ahead log).
    for path in Path(tmp_path).glob("web.db*"):
        assert token.encode() not in path.read_bytes()
    # Later replies do not repeat it; a second new conversation gets a different one.
    again = post(client, "again", cid, headers={TOKEN_HEADER: token})
    assert again.status_code == 200 and "conversation_token" not in again.json()
    other = post(client, "hello").json()["conversation_token"]
    assert other != token


def test_the_database_holds_only_the_keyed_hash_of_the_id_and_refuses_it_as_an_id(client, tmp_path):
    """What the database (or a staff page) shows of a conversation is the keyed hash of its
    id; sent back as a conversation id it is refused (not a UUID), with or without the
    token, and nothing is read or written."""
    cid = str(uuid.uuid4())
    token = post(client, "hello", cid).json()["conversation_token"]
    database = tmp_path / "web.db"
    with sqlite3.connect(database) as connection:
        [(stored_id,)] = connection.execute("SELECT id FROM conversations").fetchall()
    assert stored_id == lookup_hash(cid)
    for path in Path(tmp_path).glob("web.db*"):  # the raw id is in no database file
        assert cid.encode() not in path.read_bytes(), path.name
    before = stored(cid)
    for headers in ({}, {TOKEN_HEADER: token}):
        for as_given in (stored_id, stored_id.upper()):
            response = post(client, "let me in", as_given, headers=headers)
            assert response.status_code == 400 and "UUID" in response.json()["error"]
            assert history(client, as_given, headers.get(TOKEN_HEADER)).status_code == 400
    assert stored(cid) == before
    with sqlite3.connect(database) as connection:
        assert connection.execute("SELECT count(*) FROM conversations").fetchone() == (1,)


def test_later_messages_and_history_need_the_conversations_token(client, tokens):
    cid = str(uuid.uuid4())
    assert post(client, "hello", cid, tokens).status_code == 200
    token = tokens.tokens[cid]
    other_cid = str(uuid.uuid4())
    assert post(client, "someone else", other_cid, tokens).status_code == 200
    refusals = {
        "none": {},
        "empty": {TOKEN_HEADER: ""},
        "wrong": {TOKEN_HEADER: "x" * len(token)},
        "one character off": {TOKEN_HEADER: token[:-1] + ("A" if token[-1] != "A" else "B")},
        "another conversation's": {TOKEN_HEADER: tokens.tokens[other_cid]},
        "far too long": {TOKEN_HEADER: token * 10},
    }
    for name, headers in refusals.items():
        before = stored(cid)
        response = post(client, "let me in", cid, headers=headers)
        assert response.status_code == 403, name
        assert response.json()["error"] and "conversation_token" not in response.json()
        assert response.headers["cache-control"] == "no-store"
        assert stored(cid) == before, name
        read = client.get(f"/api/chat/{cid}/history", headers=headers)
        assert read.status_code == 403 and "messages" not in read.json(), name
    assert post(client, "me again", cid, tokens).status_code == 200
    messages = history(client, cid, token).json()["messages"]
    assert [m["text"] for m in messages if m["sender"] == "visitor"] == ["hello", "me again"]


def test_refused_messages_never_reach_the_assistant(make_web_client):
    """The assistant records what reaches it: nothing from a request without the token."""
    assistant = OfflineAssistant()
    client = make_web_client(assistant)
    cid = str(uuid.uuid4())
    token = post(client, "hello", cid).json()["conversation_token"]
    assert assistant.received == [(cid, "hello")]
    assert post(client, "no token", cid).status_code == 403
    assert post(client, "bad", cid, headers={TOKEN_HEADER: "nope"}).status_code == 403
    assert len(assistant.received) == 1
    assert post(client, "ok", cid, headers={TOKEN_HEADER: token}).status_code == 200
    assert [text for _, text in assistant.received] == ["hello", "ok"]


def test_conversations_from_before_tokens_are_closed_to_everyone(client):
    """A conversation stored without a token hash (before this version) opens for nobody."""
    cid = str(uuid.uuid4())
    with session_scope() as session:
        record_message(session=session, conversation_id=cid, sender="visitor", text="my secret")
    before = stored(cid)
    assert before == (1, None)
    for headers in ({}, {TOKEN_HEADER: ""}, {TOKEN_HEADER: "A" * 43}):
        assert post(client, "continue", cid, headers=headers).status_code == 403
        response = client.get(f"/api/chat/{cid}/history", headers=headers)
        assert response.status_code == 403 and "my secret" not in response.text
    assert stored(cid) == before


NO_STORE_REQUESTS = [
    ("POST", "/api/chat", {"json": {"conversation_id": "x", "message": "hi"}}),
    ("POST", "/api/chat", {"content": b"message=hi"}),
    ("POST", "/api/chat", {"json": {"conversation_id": str(uuid.uuid4()), "message": "x" * 600}}),
    ("POST", "/api/chat", {"content": b"{" + b" " * 70_000 + b"}",
                           "headers": {"content-type": "application/json"}}),
    ("POST", "/api/chat", {"json": {"conversation_id": str(uuid.uuid4()), "message": "hi"}}),
    ("GET", "/api/chat", {}),
    ("GET", f"/api/chat/{uuid.uuid4()}/history", {}),
    ("GET", "/api/chat/not-a-uuid/history", {}),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "kwargs"), NO_STORE_REQUESTS)
def test_every_chat_api_answer_is_no_store(client, method, path, kwargs):
    response = client.request(method, path, **kwargs)
    assert response.headers["cache-control"] == "no-store", response.status_code


def test_no_store_on_success_rate_limit_and_history(client, tokens):
    cid = str(uuid.uuid4())
    responses = [post(client, f"m{i}", cid, tokens) for i in range(6)]
    assert [r.status_code for r in responses] == [200] * 5 + [429]
    responses.append(history(client, cid, tokens.tokens[cid]))
    assert responses[-1].status_code == 200
    assert all(r.headers["cache-control"] == "no-store" for r in responses)


def test_the_apology_names_the_clinics_phone_when_set_and_the_crisis_line_always():
    from types import SimpleNamespace

    from bot.web.chat import unavailable_message

    def settings(phone: str) -> SimpleNamespace:
        return SimpleNamespace(clinic=SimpleNamespace(display_name="Calm {Clinic}", phone=phone))

    with_phone = unavailable_message(settings("555-0100"))["text"]
    assert "call Calm {Clinic} at 555-0100" in with_phone and "988" in with_phone
    without = unavailable_message(settings(""))["text"]
    assert "clinic's website" in without and "988" in without and "{" not in without
