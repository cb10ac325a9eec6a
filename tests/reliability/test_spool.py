"""Database down during a hand-off: the request is spooled and delivered when it returns."""

from __future__ import annotations

import json
import uuid
from dataclasses import replace
from functools import partial

import pytest
from sqlalchemy import func, select

from bot.db.crypto import lookup_hash
from bot.db.engine import dispose_engine, get_engine, make_session_factory, session_scope
from bot.db.models import Handoff, OutboxMessage
from bot.handoffs.requests import HandoffOutcome, request_handoff
from bot.handoffs.spool import (
    REJECTED_FILE_NAME,
    pending,
    replay_spool,
    spool_handoff,
)
from bot.settings import get_settings
from devtools.stack import free_port
from tests.reliability.figures import record

CLINICAL_WORDS = ("pregnan", "blood pressure", "heart", "suicid", "medication", "phone", "email")


def handoff_count(url: str) -> int:
    with session_scope(get_engine(url)) as session:
        return session.execute(select(func.count()).select_from(Handoff)).scalar_one()


def test_closed_port_spools_the_request_without_clinical_data(tmp_path):
    url = f"postgresql+psycopg2://postgres@127.0.0.1:{free_port()}/nowhere"
    spool = tmp_path / "spool" / "handoffs.jsonl"
    cid = str(uuid.uuid4())
    try:
        result = request_handoff(
            conversation_id=cid,
            reason="asked_for_human",
            event_key="human:1",
            engine=get_engine(url),
            path=spool,
        )
    finally:
        dispose_engine(url)
    assert result is HandoffOutcome.SPOOLED
    [line] = spool.read_text().splitlines()
    stored = json.loads(line)
    assert set(stored) == {"conversation_id", "reason", "event_key", "created_at"}
    # The conversation id as in the database: its keyed hash, never the visitor's id.
    assert stored["conversation_id"] == lookup_hash(cid) and cid not in line
    assert stored["event_key"] == "human:1"
    assert not any(word in line.lower() for word in CLINICAL_WORDS)
    assert [p.event_key for p in pending(spool)] == ["human:1"]


def test_other_errors_are_not_swallowed(tmp_path):
    url = f"sqlite:///{tmp_path / 'x.db'}"
    from bot.db.engine import upgrade_database

    upgrade_database(url)
    with pytest.raises(ValueError):
        request_handoff(
            conversation_id=str(uuid.uuid4()),
            reason="not-a-reason",
            event_key="k",
            engine=get_engine(url),
            path=tmp_path / "spool.jsonl",
        )
    dispose_engine(url)
    assert not (tmp_path / "spool.jsonl").exists()


@pytest.mark.postgres
@pytest.mark.slow
def test_postgres_down_then_back_keeps_every_handoff(throwaway_postgres, tmp_path):
    db = throwaway_postgres
    spool = tmp_path / "spool" / "handoffs.jsonl"
    # E-mail configured, so every hand-off queues exactly one notification.
    settings = replace(
        get_settings(),
        database_url=db.url,
        smtp_host="127.0.0.1",
        notify_email_to="care-team@clinic.example",
    )
    engine = get_engine(db.url)
    factory = make_session_factory(engine)
    ids = [str(uuid.uuid4()) for _ in range(3)]
    # Every request goes to the same database, spool and settings; only the hand-off differs.
    request = partial(request_handoff, engine=engine, path=spool, settings=settings)
    # One hand-off goes through while the database is up.
    first = request(conversation_id=ids[0], reason="asked_for_human", event_key="human:1")
    assert first is HandoffOutcome.CREATED

    db.go_down()
    spooled = [
        request(conversation_id=cid, reason=reason, event_key=key)
        for cid, reason, key in (
            (ids[1], "crisis", "crisis:1"),
            (ids[2], "screening_complete", "screening_complete"),
            (ids[0], "asked_for_human", "human:1"),  # a retry of one that did get through
        )
    ]
    assert spooled == [HandoffOutcome.SPOOLED] * 3
    assert len(pending(spool)) == 3
    # Replaying while still down keeps everything.
    assert replay_spool(factory, path=spool, settings=settings) == 0
    assert len(pending(spool)) == 3

    db.come_back()
    assert replay_spool(factory, path=spool, settings=settings) == 3
    assert pending(spool) == []
    # Replaying again changes nothing: idempotent on (conversation, event key).
    assert replay_spool(factory, path=spool, settings=settings) == 0
    with session_scope(engine) as session:
        rows = session.execute(select(Handoff).order_by(Handoff.id)).scalars().all()
        assert [(h.conversation_id, h.reason) for h in rows] == [
            (lookup_hash(ids[0]), "asked_for_human"),
            (lookup_hash(ids[1]), "crisis"),
            (lookup_hash(ids[2]), "screening_complete"),
        ]
        assert rows[1].urgency == "urgent"
        outbox = session.execute(select(func.count()).select_from(OutboxMessage)).scalar_one()
    assert outbox == 3  # one per hand-off: none lost, none doubled by the replays
    record(
        "database_down",
        handoffs_requested_while_down=3,
        handoffs_lost=0,
        duplicates_after_double_replay=0,
        notifications_queued=outbox,
    )


def test_garbage_lines_are_set_aside_not_blocking(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    from bot.db.engine import upgrade_database

    upgrade_database(url)
    spool = tmp_path / "handoffs.jsonl"
    spool.write_text("{not json\n")
    spool_handoff(conversation_id=str(uuid.uuid4()), reason="asked_for_human",
                  event_key="human:1", path=spool)  # fmt: skip
    spool_handoff(conversation_id=str(uuid.uuid4()), reason="nonsense", event_key="x", path=spool)
    assert replay_spool(make_session_factory(get_engine(url)), path=spool) == 1
    assert handoff_count(url) == 1
    assert spool.read_text() == ""
    assert len((tmp_path / REJECTED_FILE_NAME).read_text().splitlines()) == 2
    dispose_engine(url)


def test_outbox_worker_replays_the_spool(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    from bot.db.engine import upgrade_database
    from bot.handoffs.worker import run_outbox_once

    upgrade_database(url)
    monkeypatch.setenv("SPOOL_DIR", str(tmp_path / "var" / "spool"))
    get_settings.cache_clear()
    cid = str(uuid.uuid4())
    spool_handoff(conversation_id=cid, reason="crisis", event_key="crisis:1")
    run_outbox_once(replace(get_settings(), database_url=url))
    assert handoff_count(url) == 1
    assert pending() == []
    dispose_engine(url)


def test_spooled_hashes_and_older_raw_ids_replay_to_the_visitors_conversation(tmp_path):
    """A spooled id is the stored hash and replays as that conversation, not as a new id
    (hashed again); a line spooled before ids were hashed holds the raw id, hashed on use."""
    url = f"sqlite:///{tmp_path / 'db.sqlite'}"
    from bot.db.engine import upgrade_database

    upgrade_database(url)
    spool = tmp_path / "handoffs.jsonl"
    new, old = str(uuid.uuid4()), str(uuid.uuid4())
    spool_handoff(conversation_id=new, reason="asked_for_human", event_key="human:1", path=spool)
    before = {"conversation_id": old, "reason": "crisis", "event_key": "crisis:1"}
    with spool.open("a") as handle:  # as written before ids were hashed
        handle.write(json.dumps({**before, "created_at": "2026-12-01T10:00:00+00:00"}) + "\n")
    assert replay_spool(make_session_factory(get_engine(url)), path=spool) == 2
    with session_scope(get_engine(url)) as session:
        found = {h.reason: h.conversation_id for h in session.execute(select(Handoff)).scalars()}
    assert found == {"asked_for_human": lookup_hash(new), "crisis": lookup_hash(old)}
    dispose_engine(url)
