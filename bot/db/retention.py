"""Subject access and retention: export, delete and purge everything held about a visitor.

"Everything" includes the Rasa tracker events (table ``events``, keyed by ``sender_id`` =
conversation id) when the tracker store shares this database. Audit events are kept: they
hold ids and actions only.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, inspect, select
from sqlalchemy.orm import Session

from bot.db.models import (
    Conversation,
    FaqTopicAsked,
    Handoff,
    HandoffNote,
    Message,
    OutboxMessage,
    ScreeningAnswer,
    UnansweredQuestion,
)
from bot.db.staff_models import LoginAttempt, StaffSession
from bot.db.tracker_events import RASA_EVENTS, decode_event_data, events_table_present
from bot.db.types import as_utc, utcnow

log = logging.getLogger(__name__)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    return value


# Columns that are credentials, not data about the visitor: never exported.
SECRET_COLUMNS = frozenset({"token_hash"})


def _row(obj: Any) -> dict[str, Any]:
    return {
        attr.key: _plain(getattr(obj, attr.key))
        for attr in inspect(obj).mapper.column_attrs
        if attr.key not in SECRET_COLUMNS
    }


def rasa_events_present(*, session: Session) -> bool:
    """True when the Rasa tracker ``events`` table exists in this database."""
    return events_table_present(session.connection())


def export_conversation(*, session: Session, conversation_id: str) -> dict[str, Any] | None:
    """Everything held about one visitor as JSON-ready data, or None if unknown."""
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        return None

    def rows(model: Any) -> list[dict[str, Any]]:
        statement = select(model).where(model.conversation_id == conversation_id).order_by(model.id)
        return [_row(obj) for obj in session.execute(statement).scalars()]

    handoffs = rows(Handoff)
    handoff_ids = [h["id"] for h in handoffs]

    def handoff_rows(model: Any) -> list[dict[str, Any]]:
        # A visitor without hand-offs has no notes or notifications: skip the query.
        if not handoff_ids:
            return []
        statement = select(model).where(model.handoff_id.in_(handoff_ids)).order_by(model.id)
        return [_row(obj) for obj in session.execute(statement).scalars()]

    tracker_events: list[dict[str, Any]] = []
    if rasa_events_present(session=session):
        result = session.execute(
            select(RASA_EVENTS)
            .where(RASA_EVENTS.c.sender_id == conversation_id)
            .order_by(RASA_EVENTS.c.id)
        )
        # Decrypted: an export is what the visitor's own request gets back.
        tracker_events = [
            {**row._mapping, "data": decode_event_data(row.data) if row.data else None}
            for row in result
        ]
    return {
        "exported_at": utcnow().isoformat(),
        "conversation": _row(conversation),
        "messages": rows(Message),
        "screening_answers": rows(ScreeningAnswer),
        "faq_topics_asked": rows(FaqTopicAsked),
        "unanswered_questions": rows(UnansweredQuestion),
        "handoffs": handoffs,
        "handoff_notes": handoff_rows(HandoffNote),
        "notifications": handoff_rows(OutboxMessage),
        "rasa_tracker_events": tracker_events,
    }


def delete_conversation(*, session: Session, conversation_id: str) -> dict[str, int]:
    """Delete every row about one visitor; returns deleted row counts per table.

    Deletes explicitly table by table (not relying on ON DELETE CASCADE) so the result is
    the same on any backend and the counts are reportable.
    """
    counts: dict[str, int] = {}
    handoff_ids = list(
        session.execute(
            select(Handoff.id).where(Handoff.conversation_id == conversation_id)
        ).scalars()
    )
    if handoff_ids:
        for model in (HandoffNote, OutboxMessage):
            result = session.execute(
                delete(model)
                .where(model.handoff_id.in_(handoff_ids))
                .execution_options(synchronize_session=False)
            )
            counts[model.__tablename__] = result.rowcount
    for model in (Handoff, Message, ScreeningAnswer, FaqTopicAsked, UnansweredQuestion):
        result = session.execute(
            delete(model)
            .where(model.conversation_id == conversation_id)
            .execution_options(synchronize_session=False)
        )
        counts[model.__tablename__] = result.rowcount
    result = session.execute(
        delete(Conversation)
        .where(Conversation.id == conversation_id)
        .execution_options(synchronize_session=False)
    )
    counts["conversations"] = result.rowcount
    if rasa_events_present(session=session):
        result = session.execute(
            delete(RASA_EVENTS).where(RASA_EVENTS.c.sender_id == conversation_id)
        )
        counts["events"] = result.rowcount
    session.expire_all()
    log.info("conversation deleted id=%s rows=%s", conversation_id, sum(counts.values()))
    return counts


def purge_older_than(*, session: Session, days: int, now: datetime | None = None) -> dict[str, int]:
    """Delete conversations not seen for ``days`` days (all their rows), old tracker events,
    expired staff sessions, old login attempts and delivered notifications."""
    if days < 1:
        raise ValueError("days must be at least 1")
    now = as_utc(now) or utcnow()
    cutoff = now - timedelta(days=days)
    stale = list(
        session.execute(select(Conversation.id).where(Conversation.last_seen_at < cutoff)).scalars()
    )
    totals: dict[str, int] = {"conversations": 0}
    for conversation_id in stale:
        for name, count in delete_conversation(
            session=session, conversation_id=conversation_id
        ).items():
            totals[name] = totals.get(name, 0) + count
    if rasa_events_present(session=session):
        # Tracker events of conversations we never stored (or already purged).
        result = session.execute(
            delete(RASA_EVENTS).where(RASA_EVENTS.c.timestamp < cutoff.timestamp())
        )
        totals["events"] = totals.get("events", 0) + result.rowcount
    for statement, name in (
        (delete(StaffSession).where(StaffSession.expires_at < now), "staff_sessions"),
        (delete(LoginAttempt).where(LoginAttempt.at < cutoff), "login_attempts"),
        (
            delete(OutboxMessage).where(
                OutboxMessage.delivered_at.is_not(None), OutboxMessage.delivered_at < cutoff
            ),
            "outbox",
        ),
    ):
        result = session.execute(statement.execution_options(synchronize_session=False))
        totals[name] = totals.get(name, 0) + result.rowcount
    log.info("purge done cutoff=%s conversations=%s", cutoff.isoformat(), len(stale))
    return totals
