"""Conversation repository functions against real SQLite and PostgreSQL."""

from __future__ import annotations

import logging

import pytest

from bot.db import conversations as repo
from bot.db.engine import make_session_factory
from bot.db.models import Conversation
from tests.factories import run_together


def test_ensure_conversation_creates_once_and_touches(session):
    first = repo.ensure_conversation(session=session, conversation_id="c1")
    created, seen = first.created_at, first.last_seen_at
    session.commit()
    again = repo.ensure_conversation(session=session, conversation_id="c1")
    session.commit()
    assert again is first
    assert again.created_at == created
    assert again.last_seen_at >= seen
    assert again.screening_status == "not_started" and again.urgent is False


def test_ensure_conversation_rejects_empty_id(session):
    with pytest.raises(ValueError):
        repo.ensure_conversation(session=session, conversation_id="")


def test_concurrent_ensure_conversation_never_fails(engine):
    factory = make_session_factory(engine)

    def worker():
        with factory() as session:
            repo.ensure_conversation(session=session, conversation_id="race")
            session.commit()

    assert run_together(worker) == []
    with factory() as session:
        assert session.get(Conversation, "race") is not None


def test_claim_conversation_once_with_its_token_hash(session):
    assert repo.claim_conversation(session=session, conversation_id="c9", token_hash="a" * 64)
    assert not repo.claim_conversation(session=session, conversation_id="c9", token_hash="b" * 64)
    session.commit()
    assert repo.conversation_token_hash(session=session, conversation_id="c9") == "a" * 64
    assert repo.conversation_token_hash(session=session, conversation_id="nobody") is None
    # A conversation created the old way (or by the action server first) has no hash.
    repo.ensure_conversation(session=session, conversation_id="old")
    assert not repo.claim_conversation(session=session, conversation_id="old", token_hash="c" * 64)
    assert repo.conversation_token_hash(session=session, conversation_id="old") is None
    with pytest.raises(ValueError):
        repo.claim_conversation(session=session, conversation_id="c10", token_hash="")


def test_concurrent_claims_of_one_id_have_one_winner(engine):
    factory = make_session_factory(engine)
    results: list[bool] = []
    tokens = [str(index) * 64 for index in range(4)]  # one each; list.pop is atomic

    def worker():
        with factory() as session:
            won = repo.claim_conversation(
                session=session, conversation_id="contested", token_hash=tokens.pop()
            )
            session.commit()
            results.append(won)

    assert run_together(worker) == []
    assert sorted(results) == [False, False, False, True]


def test_messages_are_kept_in_order(session):
    repo.record_message(session=session, conversation_id="c2", sender="visitor", text="hi")
    repo.record_message(
        session=session,
        conversation_id="c2",
        sender="bot",
        text="Hello!",
        data={"buttons": [{"title": "Yes", "payload": "/affirm"}]},
    )
    repo.record_message(session=session, conversation_id="other", sender="visitor", text="x")
    session.commit()
    messages = repo.list_messages(session=session, conversation_id="c2")
    assert [(m.sender, m.text) for m in messages] == [("visitor", "hi"), ("bot", "Hello!")]
    assert messages[1].data["buttons"][0]["payload"] == "/affirm"
    assert messages[0].created_at.tzinfo is not None


def test_message_sender_is_validated(session):
    with pytest.raises(ValueError):
        repo.record_message(session=session, conversation_id="c", sender="staff", text="x")


def test_faq_topics_distinct_in_first_asked_order(session):
    for topic in ["cost", "safety", "cost", "insurance"]:
        repo.record_faq_topic(session=session, conversation_id="c3", topic=topic)
    session.commit()
    assert repo.list_faq_topics(session=session, conversation_id="c3") == [
        "cost",
        "safety",
        "insurance",
    ]


def test_unanswered_questions_keep_text_and_candidates(session):
    repo.record_unanswered(
        session=session,
        conversation_id="c4",
        text="Can I bring my dog?",
        candidates=[{"topic": "what_to_bring", "score": 0.31}],
    )
    session.commit()
    (row,) = repo.list_unanswered(session=session, conversation_id="c4")
    assert row.text == "Can I bring my dog?"
    assert row.candidates == [{"topic": "what_to_bring", "score": 0.31}]


def test_consent_keeps_first_time(session):
    first = repo.record_consent(session=session, conversation_id="c5").consent_at
    session.commit()
    second = repo.record_consent(session=session, conversation_id="c5").consent_at
    assert first is not None and second == first


def test_save_contact_updates_only_given_fields(session, caplog):
    caplog.set_level(logging.DEBUG)
    repo.save_contact(
        session=session,
        conversation_id="c6",
        name="Robin Example",
        method="call",
        phone="+1 555 010 0000",
    )
    repo.save_contact(session=session, conversation_id="c6", best_time="weekday mornings")
    session.commit()
    session.expire_all()
    conversation = session.get(Conversation, "c6")
    assert conversation.contact_name == "Robin Example"
    assert conversation.contact_method == "call"
    assert conversation.contact_phone == "+1 555 010 0000"
    assert conversation.contact_best_time == "weekday mornings"
    assert conversation.contact_email is None
    # Contact details never reach the log.
    assert "Robin" not in caplog.text and "555" not in caplog.text and "c6" in caplog.text


def test_save_contact_rejects_unknown_method(session):
    with pytest.raises(ValueError):
        repo.save_contact(session=session, conversation_id="c7", method="carrier pigeon")


def test_mark_urgent_stamps_crisis_once(session):
    conversation = repo.mark_urgent(session=session, conversation_id="c8")
    first = conversation.crisis_at
    assert conversation.urgent and first is not None
    repo.mark_urgent(session=session, conversation_id="c8")
    assert conversation.crisis_at == first
    plain = repo.mark_urgent(session=session, conversation_id="c9", crisis=False)
    assert plain.urgent and plain.crisis_at is None


def test_screening_status(session):
    repo.set_screening_status(session=session, conversation_id="c10", status="in_progress")
    assert repo.get_conversation(session=session, conversation_id="c10").screening_status == (
        "in_progress"
    )
    with pytest.raises(ValueError):
        repo.set_screening_status(session=session, conversation_id="c10", status="eligible")
