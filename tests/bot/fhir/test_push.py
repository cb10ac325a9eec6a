"""The push to a FHIR server through the outbox: validated on arrival, retried, never lost."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta

from sqlalchemy import select

from bot.db.engine import session_scope
from bot.db.models import OutboxMessage
from bot.db.types import utcnow
from bot.fhir import push
from bot.handoffs.sent import audit_contact_change
from bot.notify.outbox import deliver_due, enqueue_crisis_reminders
from devtools.stack import free_port
from tests.factories import conversation_with_answers, new_handoff


def fhir_rows(session_factory) -> list[OutboxMessage]:
    with session_factory() as session:
        statement = select(OutboxMessage).where(OutboxMessage.kind == "fhir")
        return list(session.execute(statement).scalars())


def test_a_new_handoff_is_pushed_once_and_the_server_accepts_it(
    push_settings, fhir_server, engine, session_factory
):
    handoff_id = _handoff(push_settings, engine)
    [row] = fhir_rows(session_factory)
    assert row.payload == {"handoff_id": handoff_id}  # the outbox holds no clinical data
    assert deliver_due(session_factory=session_factory, settings=push_settings) == 1
    assert deliver_due(session_factory=session_factory, settings=push_settings) == 0

    [request] = fhir_server.requests
    assert request["status"] == 201  # the endpoint validated it as R4
    assert request["path"] == "/fhir/r4/Bundle"
    assert request["headers"]["Authorization"] == f"Bearer {push_settings.fhir_bearer_token}"
    assert request["headers"]["Content-Type"] == "application/fhir+json"
    assert request["headers"]["If-None-Exist"].endswith(f"/identifier/handoff|{handoff_id}")
    assert request["json"]["identifier"]["value"] == str(handoff_id)


def test_server_down_then_up_nothing_lost(push_settings, fhir_server, engine, session_factory):
    down = replace(push_settings, fhir_base_url=f"http://127.0.0.1:{free_port()}/fhir")
    _handoff(push_settings, engine)
    now = utcnow()
    assert deliver_due(session_factory=session_factory, settings=down, now=now) == 0
    [row] = fhir_rows(session_factory)
    assert row.attempts == 1 and row.delivered_at is None
    assert row.last_error.startswith("FHIR server: ConnectError")
    assert row.next_attempt_at >= now + timedelta(seconds=29)  # the outbox's back-off
    later = now + timedelta(minutes=1)
    assert deliver_due(session_factory=session_factory, settings=push_settings, now=later) == 1
    assert [r["status"] for r in fhir_server.requests] == [201]


def test_slow_or_failing_server_is_retried(
    push_settings, fhir_server, engine, session_factory, monkeypatch
):
    monkeypatch.setattr(push, "FHIR_TIMEOUT_SECONDS", 0.3)
    _handoff(push_settings, engine)
    fhir_server.delay = 1.0
    now = utcnow()
    assert deliver_due(session_factory=session_factory, settings=push_settings, now=now) == 0
    assert fhir_rows(session_factory)[0].last_error == "FHIR server: ReadTimeout"
    fhir_server.delay = 0
    fhir_server.statuses = [(503, None)]
    now += timedelta(minutes=1)
    assert deliver_due(session_factory=session_factory, settings=push_settings, now=now) == 0
    assert fhir_rows(session_factory)[0].last_error == "FHIR server: HTTP 503"
    now += timedelta(minutes=2)
    assert deliver_due(session_factory=session_factory, settings=push_settings, now=now) == 1
    # The slow first try may have been stored: the conditional create keeps it to one copy.
    assert len(fhir_server.stored) == 1


def test_reminders_and_updates_are_not_pushed_again(
    push_settings, engine, session_factory, monkeypatch
):
    settings = replace(push_settings, notify_webhook_url="http://127.0.0.1:9/hook")
    # The contact-change path reads the process settings: make them the FHIR-enabled ones.
    monkeypatch.setattr("bot.handoffs.sent.get_settings", lambda: settings)
    _handoff(settings, engine, reason="crisis")
    with session_factory() as session, session.begin():
        enqueue_crisis_reminders(
            session=session, settings=settings, now=utcnow() + timedelta(hours=1)
        )
        audit_contact_change(session=session, conversation_id="conv-fhir", fields=["email"])
    rows = fhir_rows(session_factory)
    assert len(rows) == 1
    with session_factory() as session:
        purposes = set(session.execute(select(OutboxMessage.purpose)).scalars())
    assert purposes == {"handoff", "fhir_export", "crisis_reminder", "handoff_update"}


def test_without_fhir_base_url_nothing_is_queued(db_settings, engine, session_factory):
    _handoff(db_settings, engine)
    assert fhir_rows(session_factory) == []


def _handoff(settings, engine, reason="screening_complete") -> int:
    with session_scope(engine) as session:
        contact = {"name": "Sam", "method": "email", "email": "sam@example.org"}
        conversation_with_answers(session, "conv-fhir", contact=contact)
        return new_handoff(session, "conv-fhir", reason, event_key=reason, settings=settings).id
