"""The one hand-off path: created with its preparation in one unit of work, or spooled."""

from __future__ import annotations

import uuid
from functools import partial

import pytest
from sqlalchemy import select

from bot.db.conversations import mark_urgent
from bot.db.crypto import lookup_hash
from bot.db.engine import dispose_engine, get_engine, session_scope, upgrade_database
from bot.db.models import Conversation, Handoff
from bot.handoffs.requests import HandoffOutcome, request_handoff
from bot.handoffs.spool import pending


@pytest.fixture
def engine(tmp_path):
    url = f"sqlite:///{tmp_path / 'requests.db'}"
    upgrade_database(url)
    yield get_engine(url)
    dispose_engine(url)


@pytest.fixture
def ask(engine, tmp_path):
    """``request_handoff`` on ``engine`` spooling to ``tmp_path``, no notification worker."""
    return partial(request_handoff, engine=engine, path=tmp_path / "spool.jsonl", notify_now=False)


def test_created_with_its_preparation_and_idempotent(ask, engine, tmp_path):
    cid = str(uuid.uuid4())

    def urgent(session):
        mark_urgent(session=session, conversation_id=cid)

    for _ in range(2):  # a Rasa retry of the same request
        outcome = ask(conversation_id=cid, reason="crisis", event_key="crisis:m-1", prepare=urgent)
        assert outcome is HandoffOutcome.CREATED
    with session_scope(engine) as session:
        assert session.get(Conversation, cid).urgent
        assert [h.event_key for h in session.execute(select(Handoff)).scalars()] == ["crisis:m-1"]
    assert not (tmp_path / "spool.jsonl").exists()


def test_a_failing_preparation_creates_nothing(ask, engine, tmp_path):
    def broken(session):
        raise ValueError("contact details rejected")

    with pytest.raises(ValueError):
        ask(
            conversation_id=str(uuid.uuid4()),
            reason="asked_for_human",
            event_key="human:1",
            prepare=broken,
        )
    with session_scope(engine) as session:
        assert session.execute(select(Handoff)).first() is None
    assert not (tmp_path / "spool.jsonl").exists()


def test_an_unreachable_database_spools_the_request(tmp_path):
    # A database file without tables fails like an unreachable one.
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    spool = tmp_path / "spool.jsonl"
    try:
        outcome = request_handoff(
            conversation_id="c-1",
            reason="screening_complete",
            event_key="screening_complete",
            engine=get_engine(url),
            path=spool,
            notify_now=False,
        )
    finally:
        dispose_engine(url)
    assert outcome is HandoffOutcome.SPOOLED
    assert [(p.conversation_id, p.event_key) for p in pending(spool)] == [
        (lookup_hash("c-1"), "screening_complete")  # the keyed hash, as in the database
    ]
    assert "c-1" not in spool.read_text()
