"""The spool of hand-off requests made while the database is down (bot/handoffs/spool.py)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import select

from bot.db.crypto import lookup_hash
from bot.db.engine import dispose_engine, get_engine, make_session_factory
from bot.db.models import Handoff
from bot.handoffs.spool import (
    SPOOL_FILE_NAME,
    SpooledHandoff,
    pending,
    replay_spool,
    spool_handoff,
    spool_path,
)
from bot.settings import get_settings

ASKED = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def spool(path: Path, conversation_id: str, event_key: str, reason: str = "asked_for_human"):
    """Spool one request at ``ASKED``."""
    return spool_handoff(
        conversation_id=conversation_id, reason=reason, event_key=event_key, path=path, now=ASKED
    )


def test_the_spool_lives_in_the_configured_directory():
    # The suite's autouse fixture gives every test its own SPOOL_DIR.
    path = spool_path()
    assert path.name == SPOOL_FILE_NAME
    assert path.parent == Path(get_settings().spool_dir)


def test_a_request_is_kept_with_the_conversation_hash_and_nothing_else(tmp_path):
    path = tmp_path / "handoffs.jsonl"
    record = spool(path, "conv-1", "human:1")
    [line] = path.read_text(encoding="utf-8").splitlines()
    assert json.loads(line) == {
        "conversation_id": lookup_hash("conv-1"),
        "reason": "asked_for_human",
        "event_key": "human:1",
        "created_at": "2026-12-01T10:00:00+00:00",
    }
    assert SpooledHandoff.from_line(line) == record
    assert pending(path) == [record]


def test_pending_skips_unreadable_lines_and_a_missing_file(tmp_path):
    path = tmp_path / "handoffs.jsonl"
    assert pending(path) == []
    path.write_text('{not json\n{"reason": "no id"}\n', encoding="utf-8")
    record = spool(path, "conv-1", "human:1")
    assert pending(path) == [record]


def test_replay_creates_each_handoff_once_at_the_time_it_was_asked(session_factory, tmp_path):
    path = tmp_path / "handoffs.jsonl"
    spool(path, "conv-1", "human:1")
    spool(path, "conv-1", "human:1")  # the same request spooled twice
    spool(path, "conv-2", "crisis:1", reason="crisis")
    assert replay_spool(session_factory, path=path) == 3
    assert replay_spool(session_factory, path=path) == 0  # nothing left
    assert pending(path) == []
    with session_factory() as session:
        handoffs = session.execute(select(Handoff).order_by(Handoff.id)).scalars().all()
        assert [(h.conversation_id, h.reason) for h in handoffs] == [
            (lookup_hash("conv-1"), "asked_for_human"),
            (lookup_hash("conv-2"), "crisis"),
        ]
        assert all(h.created_at.replace(tzinfo=UTC) == ASKED for h in handoffs)


def test_requests_stay_in_order_while_the_database_is_still_down(tmp_path):
    path = tmp_path / "handoffs.jsonl"
    first, second = spool(path, "conv-1", "human:1"), spool(path, "conv-2", "human:1")
    # A database without tables fails like an unreachable one.
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    try:
        assert replay_spool(make_session_factory(get_engine(url)), path=path) == 0
    finally:
        dispose_engine(url)
    assert pending(path) == [first, second]


def test_an_absent_or_empty_spool_replays_nothing(session_factory, tmp_path):
    path = tmp_path / "handoffs.jsonl"
    assert replay_spool(session_factory, path=path) == 0
    path.write_text("\n", encoding="utf-8")
    assert replay_spool(session_factory, path=path) == 0
