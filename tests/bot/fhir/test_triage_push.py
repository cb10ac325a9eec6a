"""When the C-SSRS screener ends, the crisis hand-off's Bundle is pushed again and replaces the
first one on the FHIR server (one Bundle per hand-off, now with the screener)."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import select

from bot.db.engine import session_scope
from bot.db.models import OutboxMessage
from bot.db.types import utcnow
from bot.handoffs.sent import audit_contact_change
from bot.notify.outbox import deliver_due
from bot.triage.storage import store_triage_turn
from devtools.stack import free_port
from tests.bot.triage.screener_replies import store_screener_replies
from tests.factories import conversation_with_answers, new_handoff

CID = "conv-fhir-triage"
SCREENER = [
    ("cssrs_1", "yes, most nights", "yes"),
    ("cssrs_2", "yes", "yes"),
    ("cssrs_3", "I thought about pills", "yes"),
    ("cssrs_4", "no, I wouldn't act on it", "no"),
    ("cssrs_5", "no plan", "no"),
    ("cssrs_6", "never tried anything", "no"),
]


def fhir_rows(session_factory) -> list[OutboxMessage]:
    with session_factory() as session:
        statement = select(OutboxMessage).where(OutboxMessage.kind == "fhir")
        return list(session.execute(statement).scalars().all())


def crisis_handoff(settings, engine) -> int:
    """A crisis hand-off made by the real service with ``settings`` (FHIR push or not)."""
    with session_scope(engine) as session:
        contact = {"name": "Sam", "method": "email", "email": "s@example.org"}
        conversation_with_answers(session, CID, contact=contact)
        return new_handoff(session, CID, "crisis", event_key="crisis:m-1", settings=settings).id


def answer_screener(engine, settings, replies=SCREENER) -> None:
    with session_scope(engine) as session:
        store_screener_replies(session, CID, replies, settings=settings)


def screener_codes(bundle: dict) -> list[str]:
    """The triage level(s) in a stored Bundle."""
    return [
        e["resource"]["valueCodeableConcept"]["coding"][0]["code"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Observation"
        and e["resource"]["code"]["coding"][0]["code"] == "cssrs-screener-triage-level"
    ]


def test_the_ended_screener_replaces_the_pushed_bundle(
    push_settings, fhir_server, engine, session_factory
):
    handoff_id = crisis_handoff(push_settings, engine)
    assert deliver_due(session_factory=session_factory, settings=push_settings) == 1
    [first] = fhir_server.stored
    assert screener_codes(first) == []  # pushed before the screener was asked

    answer_screener(engine, push_settings)
    first_push, update = fhir_rows(session_factory)
    assert update.payload == {"handoff_id": handoff_id, "update": True}  # no clinical data
    assert deliver_due(session_factory=session_factory, settings=push_settings) == 1

    post, put = fhir_server.requests
    assert (post["method"], post["status"]) == ("POST", 201)
    assert (put["method"], put["status"]) == ("PUT", 200)  # validated as R4, replaced
    url = urlsplit(put["path"])
    assert url.path == "/fhir/r4/Bundle"
    assert parse_qs(url.query)["identifier"] == [
        f"{push_settings.fhir_canonical}/identifier/handoff|{handoff_id}"
    ]
    assert "If-None-Exist" not in put["headers"]
    [stored] = fhir_server.stored  # still one Bundle for the hand-off, now with the screener
    assert stored["identifier"] == first["identifier"]
    assert screener_codes(stored) == ["moderate"]
    kinds = [e["resource"]["resourceType"] for e in stored["entry"]]
    assert kinds.count("Patient") == 1 and kinds.count("Observation") == 1


def test_an_update_sent_before_the_first_push_arrives_is_not_doubled(
    push_settings, fhir_server, engine, session_factory
):
    crisis_handoff(push_settings, engine)
    down = replace(push_settings, fhir_base_url=f"http://127.0.0.1:{free_port()}/fhir")
    now = utcnow()
    assert deliver_due(session_factory=session_factory, settings=down, now=now) == 0
    answer_screener(engine, push_settings)
    later = now + timedelta(minutes=5)
    # Both are due now: each sends the Bundle as stored today, screener included.
    assert deliver_due(session_factory=session_factory, settings=push_settings, now=later) == 2
    assert sorted(r["status"] for r in fhir_server.requests) == [200, 201]
    [stored] = fhir_server.stored
    assert screener_codes(stored) == ["moderate"]
    # A retried update (its answer lost) replaces the Bundle with itself.
    update = fhir_rows(session_factory)[-1]
    with session_factory() as session, session.begin():
        row = session.get(OutboxMessage, update.id)
        row.delivered_at, row.next_attempt_at = None, later
    assert deliver_due(session_factory=session_factory, settings=push_settings, now=later) == 1
    assert len(fhir_server.stored) == 1


def test_updates_without_a_screener_and_unfinished_screeners_are_not_pushed(
    push_settings, engine, session_factory, monkeypatch
):
    crisis_handoff(push_settings, engine)
    monkeypatch.setattr("bot.handoffs.sent.get_settings", lambda: push_settings)
    with session_scope(engine) as session:
        audit_contact_change(session=session, conversation_id=CID, fields=["email"])
    assert len(fhir_rows(session_factory)) == 1  # the first push only
    with session_scope(engine) as session:
        store_triage_turn(
            session=session,
            conversation_id=CID,
            record=SCREENER[0],
            ended=False,
            settings=push_settings,
        )
    assert len(fhir_rows(session_factory)) == 1  # told once, when it ends


def test_without_fhir_base_url_the_ended_screener_queues_no_push(
    db_settings, engine, session_factory
):
    crisis_handoff(db_settings, engine)
    answer_screener(engine, db_settings)
    assert fhir_rows(session_factory) == []
