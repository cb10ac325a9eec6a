"""Creating and listing hand-offs.

:func:`create_handoff` is idempotent on ``(conversation_id, event_key)``: Rasa may retry an
action, the web app may resend, two processes may race - there is still exactly one
hand-off and one set of notifications. The summary JSON and the outbox rows are written in
the caller's transaction together with the hand-off. Conversations ask for one through
``bot.handoffs.requests.request_handoff``; staff work them (conditional claim, resolve,
note, each audited) through ``bot.handoffs.lifecycle``.
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.sql import Select

from bot.db.audit import record_audit
from bot.db.conversations import ensure_conversation, mark_urgent
from bot.db.models import HANDOFF_REASONS, HANDOFF_STATUSES, Handoff
from bot.db.sql import insert_if_absent, scalar_or_none
from bot.db.types import utcnow
from bot.notify.outbox import enqueue_handoff_notifications
from bot.settings import Settings, get_settings
from bot.summary.handoff import build_summary, summary_to_dict

log = logging.getLogger(__name__)


def get_handoff_by_key(*, session: Session, conversation_id: str, event_key: str) -> Handoff | None:
    """The hand-off created for this conversation and event key, if any."""
    statement = _by_key(conversation_id=conversation_id, event_key=event_key)
    return scalar_or_none(session=session, statement=statement, kind=Handoff)


def _by_key(*, conversation_id: str, event_key: str) -> Select:
    return select(Handoff).where(
        Handoff.conversation_id == conversation_id, Handoff.event_key == event_key
    )


def create_handoff(
    *,
    session: Session,
    conversation_id: str,
    reason: str,
    event_key: str,
    settings: Settings | None = None,
) -> Handoff:
    """Create (or return the existing) hand-off and queue its notifications.

    ``reason``: screening_complete | asked_for_human | unanswered_question | crisis.
    Crisis hand-offs, and hand-offs of conversations already marked urgent, are "urgent".
    """
    if reason not in HANDOFF_REASONS:
        raise ValueError(f"reason must be one of {HANDOFF_REASONS}")
    if not event_key:
        raise ValueError("event_key is required")
    settings = settings or get_settings()
    existing = get_handoff_by_key(
        session=session, conversation_id=conversation_id, event_key=event_key
    )
    if existing is not None:
        return existing

    if reason == "crisis":
        conversation = mark_urgent(session=session, conversation_id=conversation_id)
    else:
        conversation = ensure_conversation(session=session, conversation_id=conversation_id)
    session.flush()
    urgency = "urgent" if reason == "crisis" or conversation.urgent else "normal"
    now = utcnow()
    created = insert_if_absent(
        session=session,
        model=Handoff,
        values={
            "conversation_id": conversation_id,
            "event_key": event_key,
            "reason": reason,
            "urgency": urgency,
            "status": "open",
            "created_at": now,
            "updated_at": now,
        },
        conflict_columns=["conversation_id", "event_key"],
    )
    # The row is there now: inserted here, or by a concurrent call that won the race.
    handoff: Handoff = session.execute(
        _by_key(conversation_id=conversation_id, event_key=event_key)
    ).scalar_one()
    if not created:
        return handoff  # a concurrent call won the race and queued the notifications

    summary = build_summary(
        session=session,
        conversation_id=conversation_id,
        reason=reason,
        handoff_id=handoff.id,
        urgency=urgency,
        settings=settings,
    )
    handoff.summary_json = summary_to_dict(summary)
    enqueue_handoff_notifications(session=session, handoff=handoff, settings=settings, now=now)
    record_audit(
        session=session,
        actor="assistant",
        action="handoff.create",
        target=f"handoff:{handoff.id}",
        details={"conversation_id": conversation_id, "reason": reason, "urgency": urgency},
    )
    session.flush()
    log.info(
        "handoff created id=%s conversation=%s reason=%s urgency=%s",
        handoff.id,
        conversation_id,
        reason,
        urgency,
    )
    return handoff


def list_handoffs(
    *, session: Session, status: str | None = None, limit: int = 500
) -> list[Handoff]:
    """Hand-offs, urgent first then newest first; optionally only one ``status``."""
    statement = select(Handoff)
    if status is not None:
        if status not in HANDOFF_STATUSES:
            raise ValueError(f"status must be one of {HANDOFF_STATUSES}")
        statement = statement.where(Handoff.status == status)
    statement = statement.order_by(
        (Handoff.urgency == "urgent").desc(), Handoff.created_at.desc(), Handoff.id.desc()
    ).limit(limit)
    return list(session.execute(statement).scalars())
