"""The web app's background pass over hand-offs (bot/handoffs/worker.py)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import replace

from sqlalchemy import select

from bot.db.crypto import lookup_hash
from bot.db.models import Handoff
from bot.handoffs import worker
from bot.handoffs.spool import pending, spool_handoff
from bot.settings import get_settings
from tests.factories import conversation_with_answers, new_handoff


def test_a_pass_creates_the_spooled_handoffs_before_delivering(db_url, session):
    spool_handoff(conversation_id="conv-1", reason="asked_for_human", event_key="human:1")
    # No notification channel is configured: nothing to deliver.
    assert worker.run_outbox_once(get_settings()) == 0
    assert pending() == []
    handoffs = session.execute(select(Handoff)).scalars().all()
    assert [(h.conversation_id, h.event_key) for h in handoffs] == [
        (lookup_hash("conv-1"), "human:1")
    ]


def test_a_pass_delivers_the_notifications_of_a_new_handoff(db_url, session, webhook, monkeypatch):
    monkeypatch.setenv("NOTIFY_WEBHOOK_URL", webhook.url)
    get_settings.cache_clear()
    conversation_with_answers(session, "conv-1")
    new_handoff(session, "conv-1", "asked_for_human")
    session.commit()
    assert worker.run_outbox_once(get_settings()) == 1
    assert [r["json"]["reason"] for r in webhook.delivered] == ["asked_for_human"]
    assert worker.run_outbox_once(get_settings()) == 0  # delivered once


async def test_the_worker_survives_a_failed_pass_and_stops_when_told(monkeypatch, caplog):
    stop = asyncio.Event()
    passes: list[int] = []

    def one_pass(settings) -> int:
        passes.append(1)
        if len(passes) == 1:
            raise RuntimeError("database restarting")
        stop.set()  # the second pass asks the worker to stop
        return 0

    monkeypatch.setattr(worker, "run_outbox_once", one_pass)
    settings = replace(get_settings(), outbox_poll_seconds=0.01)
    with caplog.at_level(logging.INFO, logger="bot.handoffs.worker"):
        await asyncio.wait_for(worker.run_outbox_worker(settings, stop), timeout=5)
    assert len(passes) == 2
    assert "outbox pass failed" in caplog.text
    assert "outbox worker stopped" in caplog.text
