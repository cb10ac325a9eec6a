"""Prompt delivery right after a hand-off (bot/notify/worker.py): a background thread sends
what is due; with nothing configured there is no thread, and a failure only logs."""

from __future__ import annotations

import logging
from dataclasses import replace

from sqlalchemy import select

from bot.db.models import OutboxMessage
from bot.notify.worker import deliver_soon
from tests.factories import new_handoff


def test_nothing_configured_starts_no_thread(make_settings):
    assert deliver_soon(make_settings()) is None


def test_the_thread_sends_what_is_due(session, webhook, make_settings):
    settings = make_settings(webhook_url=webhook.url)
    handoff = new_handoff(session, "c-now", "crisis", event_key="now", settings=settings)
    session.commit()
    thread = deliver_soon(settings)
    assert thread is not None and thread.daemon
    thread.join(timeout=30)
    assert not thread.is_alive()
    (request,) = webhook.delivered
    assert request["json"]["handoff_id"] == handoff.id
    session.expire_all()
    (item,) = session.execute(select(OutboxMessage)).scalars()
    assert item.delivered_at is not None


def test_a_failed_pass_is_logged_and_left_to_the_worker(make_settings, tmp_path, caplog):
    unreachable = f"sqlite:///{tmp_path / 'missing' / 'nowhere.db'}"
    settings = replace(make_settings(webhook_url="http://127.0.0.1:9/x"), database_url=unreachable)
    with caplog.at_level(logging.ERROR, logger="bot.notify.worker"):
        thread = deliver_soon(settings)
        thread.join(timeout=30)
    assert "immediate notification delivery failed" in caplog.text
