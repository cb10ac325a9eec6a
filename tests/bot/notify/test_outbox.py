"""Outbox delivery over real SMTP and HTTP: content, retries with backoff, nothing lost."""

from __future__ import annotations

import asyncio
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.db.conversations import record_faq_topic, record_unanswered
from bot.db.models import OutboxMessage
from bot.db.types import utcnow
from bot.handoffs.lifecycle import claim_handoff
from bot.handoffs.worker import run_outbox_worker
from bot.notify.outbox import (
    BACKOFF_MAX_SECONDS,
    CLAIM_LEASE,
    MAX_CRISIS_REMINDERS,
    backoff_delay,
    configured_kinds,
    deliver_due,
    enqueue_crisis_reminders,
    enqueue_handoff_notifications,
    pending_count,
)
from devtools.stack import free_port
from tests.factories import conversation_with_answers, new_handoff, run_together
from tests.receivers import SmtpServer

SECRETS = [
    "Jordan Private",
    "+15550109999",
    "jordan@private.example",
    "weekday evenings",
    "I take lithium daily",
    "lithium",
    "Do you accept Medicaid",
    "cost",
]


def sensitive_conversation(session, cid="conv-n"):
    conversation_with_answers(
        session,
        cid,
        contact={
            "name": "Jordan Private",
            "method": "email",
            "phone": "+15550109999",
            "email": "jordan@private.example",
            "best_time": "weekday evenings",
        },
        answers=[("current_medications", "I take lithium daily", "provided", True)],
    )
    record_faq_topic(session=session, conversation_id=cid, topic="cost")
    record_unanswered(session=session, conversation_id=cid, text="Do you accept Medicaid?")
    return cid


def outbox(session_factory):
    with session_factory() as session:
        return session.execute(select(OutboxMessage).order_by(OutboxMessage.id)).scalars().all()


def test_backoff_is_exponential_and_capped():
    assert [backoff_delay(n).total_seconds() for n in (1, 2, 3, 4)] == [30, 60, 120, 240]
    assert backoff_delay(50).total_seconds() == BACKOFF_MAX_SECONDS


def test_email_and_webhook_delivered_without_clinical_data(
    session, session_factory, smtp_server, webhook, make_settings
):
    settings = make_settings(smtp_port=smtp_server.port, webhook_url=webhook.url)
    cid = sensitive_conversation(session)
    handoff = new_handoff(session, cid, "screening_complete", event_key="done", settings=settings)
    session.commit()
    assert deliver_due(session_factory=session_factory, settings=settings) == 2
    assert deliver_due(session_factory=session_factory, settings=settings) == 0  # once only

    (mail,) = smtp_server.sink.messages
    assert mail["to"] == ["care-team@clinic.example", "lead@clinic.example"]
    message = mail["message"]
    body = message.get_payload(decode=True).decode()
    link = f"https://clinic.example/staff/handoffs/{handoff.id}"
    assert link in body and "Urgency: normal" in body
    assert message["Subject"] == f"New hand-off #{handoff.id}: Screening complete"
    assert message["From"] == "intake@clinic.example"

    (hook,) = webhook.requests
    assert hook["content_type"].startswith("application/json")
    payload = hook["json"]
    assert payload["text"].startswith(f"New hand-off #{handoff.id}")
    assert link in payload["text"]
    assert payload["url"] == link and payload["urgency"] == "normal"
    assert payload["reason"] == "screening_complete" and payload["handoff_id"] == handoff.id

    everything = body + message["Subject"] + json.dumps(payload)
    for secret in SECRETS:
        assert secret not in everything
    assert cid not in everything  # not even the conversation id
    assert all(
        item.delivered_at is not None and item.attempts == 1 for item in outbox(session_factory)
    )


def test_crisis_notification_is_marked_urgent(session, session_factory, webhook, make_settings):
    settings = make_settings(webhook_url=webhook.url)
    new_handoff(
        session, sensitive_conversation(session), "crisis", event_key="crisis", settings=settings
    )
    session.commit()
    deliver_due(session_factory=session_factory, settings=settings)
    (hook,) = webhook.requests
    assert hook["json"]["urgency"] == "urgent"
    assert hook["json"]["text"].startswith("[URGENT]")
    for secret in SECRETS:
        assert secret not in json.dumps(hook["json"])


def test_smtp_down_is_retried_with_backoff_and_nothing_lost(
    session, session_factory, make_settings
):
    server = SmtpServer(free_port())  # not started: the SMTP server is down
    settings = make_settings(smtp_port=server.port)
    for n in range(3):
        new_handoff(session, f"c{n}", "asked_for_human", event_key="human", settings=settings)
    session.commit()
    t0 = utcnow()
    assert deliver_due(session_factory=session_factory, settings=settings, now=t0) == 0
    items = outbox(session_factory)
    assert len(items) == 3
    assert all(i.attempts == 1 and i.delivered_at is None and i.last_error for i in items)
    assert all(i.next_attempt_at == t0 + timedelta(seconds=30) for i in items)

    # Not due yet: no new attempt.
    deliver_due(session_factory=session_factory, settings=settings, now=t0 + timedelta(seconds=10))
    assert all(i.attempts == 1 for i in outbox(session_factory))
    # Due, still down: second failure doubles the delay.
    t1 = t0 + timedelta(seconds=31)
    assert deliver_due(session_factory=session_factory, settings=settings, now=t1) == 0
    assert all(
        i.attempts == 2 and i.next_attempt_at == t1 + timedelta(seconds=60)
        for i in outbox(session_factory)
    )

    server.start()
    try:
        t2 = t1 + timedelta(seconds=61)
        assert deliver_due(session_factory=session_factory, settings=settings, now=t2) == 3
        assert len(server.sink.messages) == 3
        subjects = sorted(m["message"]["Subject"] for m in server.sink.messages)
        assert all("New hand-off #" in s for s in subjects)
        assert all(
            i.delivered_at == t2 and i.attempts == 3 and i.last_error is None
            for i in outbox(session_factory)
        )
    finally:
        server.stop()


def test_webhook_errors_are_retried_until_accepted(
    session, session_factory, webhook, make_settings
):
    settings = make_settings(webhook_url=webhook.url)
    webhook.statuses = [503, 500]
    new_handoff(session, "c-w", "unanswered_question", event_key="q1", settings=settings)
    session.commit()
    now = utcnow()
    for step in range(3):
        deliver_due(
            session_factory=session_factory, settings=settings, now=now + timedelta(hours=step)
        )
    assert [r["status"] for r in webhook.requests] == [503, 500, 200]
    (item,) = outbox(session_factory)
    assert item.delivered_at is not None and item.attempts == 3
    assert len(webhook.delivered) == 1


def test_unreachable_webhook_keeps_the_item(session, session_factory, make_settings):
    settings = make_settings(webhook_url=f"http://127.0.0.1:{free_port()}/hook")
    new_handoff(session, "c-d", "asked_for_human", event_key="h", settings=settings)
    session.commit()
    assert deliver_due(session_factory=session_factory, settings=settings) == 0
    (item,) = outbox(session_factory)
    assert item.delivered_at is None and "webhook" in item.last_error


def test_crisis_reminders_while_unclaimed(session, session_factory, webhook, make_settings):
    settings = make_settings(webhook_url=webhook.url, crisis_renotify_minutes=15)
    crisis = new_handoff(session, "c-crisis", "crisis", event_key="crisis", settings=settings)
    new_handoff(session, "c-normal", "asked_for_human", event_key="human", settings=settings)
    session.commit()
    start = utcnow()
    assert (
        enqueue_crisis_reminders(
            session=session, settings=settings, now=start + timedelta(minutes=5)
        )
        == 0
    )
    later = start + timedelta(minutes=16)
    assert enqueue_crisis_reminders(session=session, settings=settings, now=later) == 1
    assert enqueue_crisis_reminders(session=session, settings=settings, now=later) == 0
    session.commit()
    deliver_due(session_factory=session_factory, settings=settings, now=later)
    texts = [r["json"]["text"] for r in webhook.requests]
    assert len(texts) == 3
    assert texts[-1].startswith(f"[URGENT] Reminder: hand-off #{crisis.id} is still unclaimed")
    assert webhook.requests[-1]["json"]["event"] == "handoff.reminder"

    # Repeats every interval, at most MAX_CRISIS_REMINDERS times.
    moment = later
    for _ in range(MAX_CRISIS_REMINDERS + 2):
        moment += timedelta(minutes=16)
        enqueue_crisis_reminders(session=session, settings=settings, now=moment)
    session.commit()
    reminders = (
        session.execute(select(OutboxMessage).where(OutboxMessage.purpose == "crisis_reminder"))
        .scalars()
        .all()
    )
    assert len(reminders) == MAX_CRISIS_REMINDERS


def test_claimed_crisis_gets_no_reminder(session, webhook, make_settings):
    from bot.staff.accounts import create_staff_user

    settings = make_settings(webhook_url=webhook.url)
    handoff = new_handoff(session, "c-crisis", "crisis", event_key="crisis", settings=settings)
    user = create_staff_user(session=session, username="oncall", password="long enough pw 1")
    claim_handoff(session=session, handoff=handoff, user_id=user.id, actor="oncall")
    session.commit()
    assert (
        enqueue_crisis_reminders(
            session=session, settings=settings, now=utcnow() + timedelta(hours=2)
        )
        == 0
    )


async def test_worker_delivers_and_stops(session, webhook, make_settings):
    settings = make_settings(webhook_url=webhook.url, outbox_poll_seconds=0.05)
    new_handoff(session, "c-async", "asked_for_human", event_key="h", settings=settings)
    session.commit()
    stop = asyncio.Event()
    task = asyncio.create_task(run_outbox_worker(settings, stop))
    for _ in range(200):
        if webhook.delivered:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.wait_for(task, timeout=5)
    assert len(webhook.delivered) == 1


@pytest.mark.parametrize("kind", ["email", "webhook"])
def test_unconfigured_channel_at_send_time_is_retried(
    session, session_factory, make_settings, kind
):
    configured = make_settings(smtp_port=free_port(), webhook_url="http://127.0.0.1:9/x")
    new_handoff(session, "c", "asked_for_human", event_key="h", settings=configured)
    session.commit()
    unconfigured = make_settings()
    deliver_due(session_factory=session_factory, settings=unconfigured)
    item = next(i for i in outbox(session_factory) if i.kind == kind)
    assert item.delivered_at is None and "not configured" in item.last_error


def test_no_personal_data_in_logs(
    session, session_factory, smtp_server, webhook, make_settings, caplog
):
    import logging

    caplog.set_level(logging.DEBUG)
    settings = make_settings(smtp_port=smtp_server.port, webhook_url=webhook.url)
    cid = sensitive_conversation(session)
    new_handoff(session, cid, "crisis", event_key="c", settings=settings)
    session.commit()
    enqueue_crisis_reminders(session=session, settings=settings, now=utcnow() + timedelta(hours=1))
    session.commit()
    assert (
        deliver_due(
            session_factory=session_factory, settings=settings, now=utcnow() + timedelta(hours=1)
        )
        == 4
    )
    assert "handoff created" in caplog.text and "notification delivered" in caplog.text
    for secret in SECRETS:
        assert secret not in caplog.text


def test_parallel_workers_send_each_item_once(session, session_factory, make_settings):
    import threading
    import time

    settings = make_settings(webhook_url="http://127.0.0.1:9/unused")
    for n in range(6):
        new_handoff(session, f"p{n}", "asked_for_human", event_key="h", settings=settings)
    session.commit()
    sent, lock = [], threading.Lock()

    def slow_sender(payload, _settings):
        time.sleep(0.05)  # keep the item "in flight" while the other worker looks at it
        with lock:
            sent.append(payload["handoff_id"])

    results = []

    def worker():
        results.append(
            deliver_due(
                session_factory=session_factory, settings=settings, senders={"webhook": slow_sender}
            )
        )

    assert run_together(worker, threads=3) == []
    assert sorted(sent) == sorted(set(sent)) and len(sent) == 6
    assert sum(results) == 6
    assert all(i.attempts == 1 and i.delivered_at for i in outbox(session_factory))


def test_item_claimed_by_a_crashed_worker_is_retried_after_the_lease(
    session, session_factory, webhook, make_settings
):
    settings = make_settings(webhook_url=webhook.url)
    new_handoff(session, "c", "asked_for_human", event_key="h", settings=settings)
    session.commit()

    class WorkerDied(BaseException):
        """Ends the worker mid-send, past the claim (not an Exception: nothing catches it)."""

    def dying_sender(_payload, _settings):
        raise WorkerDied

    t0 = utcnow()
    with pytest.raises(WorkerDied):
        deliver_due(
            session_factory=session_factory,
            settings=settings,
            now=t0,
            senders={"webhook": dying_sender},
        )
    assert (
        deliver_due(
            session_factory=session_factory, settings=settings, now=t0 + timedelta(minutes=1)
        )
        == 0
    )
    assert webhook.requests == []
    assert (
        deliver_due(session_factory=session_factory, settings=settings, now=t0 + CLAIM_LEASE) == 1
    )
    assert len(webhook.delivered) == 1


def test_one_item_is_queued_per_configured_channel(session, session_factory, make_settings):
    handoff = new_handoff(
        session, "c-q", "asked_for_human", event_key="q", settings=make_settings()
    )
    assert pending_count(session=session) == 0  # nothing configured: nothing queued
    both = make_settings(smtp_port=free_port(), webhook_url="http://127.0.0.1:9/x")
    assert configured_kinds(both) == ["email", "webhook"]
    rows = enqueue_handoff_notifications(session=session, handoff=handoff, settings=both)
    assert [(row.kind, row.purpose) for row in rows] == [
        ("email", "handoff"),
        ("webhook", "handoff"),
    ]
    assert rows[0].payload["event"] == "handoff.created"
    session.commit()
    assert pending_count(session=session) == 2


def test_the_fhir_push_is_queued_for_new_hand_offs_only(session, make_settings):
    handoff = new_handoff(
        session, "c-f", "asked_for_human", event_key="f", settings=make_settings()
    )
    fhir = make_settings(fhir_base_url="https://fhir.example/r4")
    (row,) = enqueue_handoff_notifications(session=session, handoff=handoff, settings=fhir)
    assert (row.kind, row.purpose, row.payload) == (
        "fhir",
        "fhir_export",
        {"handoff_id": handoff.id},
    )
    for flags in ({"reminder": True}, {"update": True}):  # no screener: the Bundle is unchanged
        assert (
            enqueue_handoff_notifications(session=session, handoff=handoff, settings=fhir, **flags)
            == []
        )
