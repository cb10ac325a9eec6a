"""action_answer_faq and action_out_of_scope with a real Tracker, dispatcher and database."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import (
    OUT_OF_SCOPE_MARKER,
    REQUEST_HUMAN_PAYLOAD,
    ActionAnswerFaq,
    ActionOutOfScope,
)
from bot.db.conversations import list_faq_topics, list_unanswered
from bot.db.engine import dispose_engine, get_engine, make_session_factory, upgrade_database
from bot.faq.content import load_faq_content
from bot.settings import get_settings

CONVERSATION = "4b1c3a52-8f4e-4a4e-9d7a-1f2e3d4c5b6a"


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    """A migrated SQLite database that ``session_scope()`` uses via settings."""
    url = f"sqlite:///{tmp_path / 'faq-actions.db'}"
    upgrade_database(url)
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("FAQ_ANSWER_THRESHOLD", "0.6")
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()
    dispose_engine(url)


@pytest.fixture
def read_session(db_url):
    with make_session_factory(get_engine(db_url))() as session:
        yield session


def make_tracker(text: str, intent: str, selector: dict | None) -> Tracker:
    """A tracker whose latest message is a parsed visitor message."""
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.99},
        "entities": [],
        "response_selector": {"faq": selector} if selector is not None else {},
    }
    return Tracker(
        sender_id=CONVERSATION,
        slots={},
        latest_message=latest,
        events=[],
        paused=False,
        followup_action=None,
        active_loop={},
        latest_action_name="action_listen",
    )


def selector(best: str, confidence: float, ranking: list[tuple[str, float]]) -> dict:
    return {
        "response": {"intent_response_key": best, "confidence": confidence},
        "ranking": [{"intent_response_key": k, "confidence": c} for k, c in ranking],
    }


async def test_confident_answer_utters_response_and_records_topic(db_url, read_session):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "side effects?", "faq", selector("faq/side_effects", 0.93, [("faq/side_effects", 0.93)])
    )
    events = await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert events == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/side_effects"]
    assert list_faq_topics(session=read_session, conversation_id=CONVERSATION) == ["side_effects"]
    assert list_unanswered(session=read_session, conversation_id=CONVERSATION) == []


async def test_not_sure_offers_topic_buttons_and_care_team(db_url, read_session):
    entries = load_faq_content()
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        "what is it like",
        "faq",
        selector(
            "faq/experience",
            0.45,
            [("faq/experience", 0.45), ("faq/session_day", 0.35), ("faq/after_session", 0.12)],
        ),
    )
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] is None
    assert "not sure" in message["text"].lower()
    buttons = message["buttons"]
    assert [b["payload"] for b in buttons] == [
        entries["experience"].question,
        entries["session_day"].question,
        entries["after_session"].question,
        REQUEST_HUMAN_PAYLOAD,
    ]
    assert buttons[0]["title"] == entries["experience"].title
    assert not any(b["payload"].startswith("/faq") for b in buttons)
    [row] = list_unanswered(session=read_session, conversation_id=CONVERSATION)
    assert row.text == "what is it like"
    assert row.candidates == ["experience", "session_day", "after_session"]
    assert list_faq_topics(session=read_session, conversation_id=CONVERSATION) == []


async def test_threshold_comes_from_settings(db_url, monkeypatch):
    tracker = make_tracker(
        "cost", "faq", selector("faq/cost_insurance", 0.55, [("faq/cost_insurance", 0.55)])
    )
    dispatcher = CollectingDispatcher()
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] is None  # 0.55 < 0.6 from FAQ_ANSWER_THRESHOLD

    monkeypatch.setenv("FAQ_ANSWER_THRESHOLD", "0.5")
    get_settings.cache_clear()
    dispatcher = CollectingDispatcher()
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_faq/cost_insurance"


async def test_missing_selector_output_still_offers_care_team(db_url):
    dispatcher = CollectingDispatcher()
    await ActionAnswerFaq().run(dispatcher, make_tracker("hmm", "faq", None), {})
    [message] = dispatcher.messages
    assert [b["payload"] for b in message["buttons"]] == [REQUEST_HUMAN_PAYLOAD]


async def test_database_error_does_not_break_reply(tmp_path, monkeypatch, caplog):
    # A database without tables: the insert fails, the visitor still gets the answer.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    monkeypatch.setenv("FAQ_ANSWER_THRESHOLD", "0.5")
    get_settings.cache_clear()
    try:
        dispatcher = CollectingDispatcher()
        tracker = make_tracker("cost?", "faq", selector("faq/cost_insurance", 0.9, []))
        await ActionAnswerFaq().run(dispatcher, tracker, {})
        assert dispatcher.messages[0]["response"] == "utter_faq/cost_insurance"
        assert "could not record_faq_topic" in caplog.text
    finally:
        get_settings.cache_clear()
        dispose_engine(f"sqlite:///{tmp_path / 'empty.db'}")


async def test_out_of_scope_reply_and_marker(db_url, read_session):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker("what's the weather tomorrow", "out_of_scope", None)
    assert await ActionOutOfScope().run(dispatcher, tracker, {}) == []
    [message] = dispatcher.messages
    assert "outside what I can help with" in message["text"]
    assert message["buttons"][-1]["payload"] == REQUEST_HUMAN_PAYLOAD
    assert len(message["buttons"]) >= 2
    [row] = list_unanswered(session=read_session, conversation_id=CONVERSATION)
    assert row.text == "what's the weather tomorrow"
    assert row.candidates == [OUT_OF_SCOPE_MARKER]


def test_action_names():
    assert ActionAnswerFaq().name() == "action_answer_faq"
    assert ActionOutOfScope().name() == "action_out_of_scope"
