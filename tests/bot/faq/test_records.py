"""The FAQ flow's records: each its own unit of work, never breaking the conversation."""

from __future__ import annotations

from bot.db.conversations import list_faq_topics, list_unanswered
from bot.db.engine import dispose_engine
from bot.faq.records import record_answered, record_unanswered
from bot.settings import get_settings

CONVERSATION = "0d4c6a1e-2b3f-4c5d-8e9f-a0b1c2d3e4f5"


def test_answered_and_unanswered_are_kept(db_url, session_factory):
    record_answered(CONVERSATION, "cost_insurance")
    record_unanswered(CONVERSATION, "where do I park?", ["clinic_detail"])
    with session_factory() as session:
        topics = list_faq_topics(session=session, conversation_id=CONVERSATION)
        unanswered = list_unanswered(session=session, conversation_id=CONVERSATION)
    assert topics == ["cost_insurance"]
    assert [(row.text, row.candidates) for row in unanswered] == [
        ("where do I park?", ["clinic_detail"])
    ]


def test_a_database_failure_is_logged_not_raised(tmp_path, monkeypatch, caplog):
    url = f"sqlite:///{tmp_path / 'no-tables.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    try:
        record_answered(CONVERSATION, "cost_insurance")
        record_unanswered(CONVERSATION, "q", [])
    finally:
        get_settings.cache_clear()
        dispose_engine(url)
    assert "could not record_faq_topic" in caplog.text
    assert "could not record_unanswered" in caplog.text
