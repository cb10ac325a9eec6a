"""Staff never see a visitor's conversation token (nor its hash): pages, JSON API, exports."""

from __future__ import annotations

import json
import uuid

import pytest
from starlette.testclient import TestClient

from bot.cli import main
from bot.db.conversations import record_unanswered
from bot.db.crypto import lookup_hash
from bot.db.engine import session_scope
from bot.db.models import Conversation
from bot.handoffs.service import create_handoff
from bot.settings import get_settings
from tests.factories import OfflineAssistant


@pytest.fixture
def visitor(settings, engine, monkeypatch):
    """A conversation started through the chat API, handed off: (id, token, token hash)."""
    from bot.web.app import create_app

    get_settings.cache_clear()
    cid = str(uuid.uuid4())
    with TestClient(create_app(assistant=OfflineAssistant())) as client:
        answer = client.post("/api/chat", json={"conversation_id": cid, "message": "call me"})
    token = answer.json()["conversation_token"]
    with session_scope(engine) as session:
        record_unanswered(session=session, conversation_id=cid, text="do you validate parking")
        create_handoff(
            session=session,
            conversation_id=cid,
            reason="asked_for_human",
            event_key="human:1",
            settings=settings,
        )
        token_hash = session.get(Conversation, cid).token_hash
    assert token_hash
    return cid, token, token_hash


def test_no_staff_page_api_or_export_shows_the_token(visitor, staff, admin, capsys):
    cid, token, token_hash = visitor
    queue = staff.client.get("/staff/api/handoffs").json()["handoffs"]
    # Staff know a conversation by the keyed hash of its id, never by the id the visitor holds.
    stored = lookup_hash(cid)
    [handoff_id] = [h["id"] for h in queue if h["conversation_id"] == stored]
    seen = []
    for who, path in [
        (staff, "/staff/handoffs"),
        (staff, f"/staff/handoffs/{handoff_id}"),
        (staff, "/staff/api/handoffs"),
        (staff, f"/staff/api/handoffs/{handoff_id}"),
        (staff, "/staff/unanswered"),
        (staff, "/staff/unanswered.csv"),
        (admin, "/staff/admin/audit"),
    ]:
        response = who.client.get(path)
        assert response.status_code == 200, path
        seen.append(response.text)
    assert any(stored in text for text in seen)  # the pages are about this visitor
    for text in seen:
        assert token not in text and token_hash not in text and cid not in text
    assert main(["data", "export", "--conversation", cid]) == 0
    exported = capsys.readouterr().out
    assert json.loads(exported)["conversation"]["id"] == stored
    assert token not in exported and token_hash not in exported
    assert "token_hash" not in exported
