"""Escalating a crisis (bot/safety/escalation.py): urgent hand-off, or False, never raising."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.models import Conversation, Handoff
from bot.safety.escalation import escalate_crisis
from bot.settings import get_settings


def test_the_conversation_is_marked_urgent_and_one_crisis_handoff_opens(session, db_url):
    assert escalate_crisis("conv-e", "crisis:m-1")
    assert escalate_crisis("conv-e", "crisis:m-1")  # a retry: the same hand-off
    session.expire_all()
    handoffs = session.execute(select(Handoff).where(Handoff.conversation_id == "conv-e"))
    assert [(h.reason, h.urgency) for h in handoffs.scalars()] == [("crisis", "urgent")]
    assert session.get(Conversation, "conv-e").urgent


def test_a_database_that_fails_gives_false_and_logs_no_words(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    monkeypatch.setenv("SPOOL_DIR", str(tmp_path / "spool"))
    get_settings.cache_clear()
    assert escalate_crisis("conv-f", "crisis:m-2") is False
    assert "crisis escalation failed" in caplog.text
    get_settings.cache_clear()
