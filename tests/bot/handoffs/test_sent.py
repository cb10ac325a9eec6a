"""What was sent is what staff see (bot/handoffs/sent.py, bot/staff/queries.py)."""

from __future__ import annotations

from sqlalchemy import select

from bot.contact.details import save_contact_from_slots
from bot.db.crypto import lookup_hash
from bot.db.models import AuditEvent
from bot.settings import get_settings
from bot.staff.queries import changes_since_handoff, handoff_summary
from tests.factories import new_handoff

SLOTS = {
    "contact_name": "Alex Sample",
    "contact_method": "email",
    "contact_email": "alex@example.org",
    "contact_best_time": "after 6 pm",
}


def _sent(session, filled_conversation):
    save_contact_from_slots(session=session, conversation_id=filled_conversation, slots=SLOTS)
    handoff = new_handoff(session, filled_conversation, event_key="screening_complete")
    session.flush()
    return handoff


def _change_email(session, conversation_id) -> None:
    """The visitor gives another e-mail address after the hand-off was sent."""
    changed_slots = {**SLOTS, "contact_email": "someone.else@example.org"}
    save_contact_from_slots(session=session, conversation_id=conversation_id, slots=changed_slots)
    session.flush()


def test_staff_see_the_details_as_sent_and_what_changed_since(session, filled_conversation):
    handoff = _sent(session, filled_conversation)
    _change_email(session, filled_conversation)
    settings = get_settings()
    summary = handoff_summary(session=session, handoff=handoff, settings=settings)
    assert summary.email == "alex@example.org"
    assert changes_since_handoff(session=session, handoff=handoff, settings=settings) == (
        "email address",
    )


def test_a_change_after_sending_is_audited_with_field_names_only(session, filled_conversation):
    handoff = _sent(session, filled_conversation)
    _change_email(session, filled_conversation)
    events = (
        session.execute(
            select(AuditEvent).where(AuditEvent.action == "contact.changed_after_handoff")
        )
        .scalars()
        .all()
    )
    assert [e.details for e in events] == [
        {"fields": ["contact_email"], "handoff_ids": [handoff.id]}
    ]
    assert "someone.else" not in str(events[0].details)


def test_the_audited_change_names_the_conversation_by_its_keyed_hash(session, filled_conversation):
    _sent(session, filled_conversation)
    changed_slots = {**SLOTS, "contact_best_time": "mornings"}
    save_contact_from_slots(
        session=session, conversation_id=filled_conversation, slots=changed_slots
    )
    session.flush()
    [target] = session.execute(
        select(AuditEvent.target).where(AuditEvent.action == "contact.changed_after_handoff")
    ).scalars()
    assert target == f"conversation:{lookup_hash(filled_conversation)}"


def test_nothing_changed_nothing_listed_or_audited(session, filled_conversation):
    handoff = _sent(session, filled_conversation)
    save_contact_from_slots(session=session, conversation_id=filled_conversation, slots=SLOTS)
    session.flush()
    settings = get_settings()
    assert changes_since_handoff(session=session, handoff=handoff, settings=settings) == ()
    assert not session.execute(
        select(AuditEvent).where(AuditEvent.action == "contact.changed_after_handoff")
    ).first()


def test_staff_are_told_of_a_change_after_sending_without_the_details(
    session, filled_conversation, monkeypatch
):
    from bot.db.models import OutboxMessage

    monkeypatch.setenv("NOTIFY_WEBHOOK_URL", "http://127.0.0.1:9/hook")
    get_settings.cache_clear()
    try:
        handoff = _sent(session, filled_conversation)
        changed_slots = {**SLOTS, "contact_email": "someone.else@example.org"}
        save_contact_from_slots(
            session=session, conversation_id=filled_conversation, slots=changed_slots
        )
        session.flush()
    finally:
        get_settings.cache_clear()
    updates = (
        session.execute(select(OutboxMessage).where(OutboxMessage.purpose == "handoff_update"))
        .scalars()
        .all()
    )
    assert [u.handoff_id for u in updates] == [handoff.id]
    assert updates[0].payload["event"] == "handoff.updated"
    assert "someone.else" not in str(updates[0].payload)
