"""Audit trail: who did what to which record.

``details`` must hold ids, field names and counts only - never clinical answers or contact
details. :func:`record_audit` refuses keys that look like personal data to make that hard
to get wrong.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import AuditEvent
from bot.db.types import utcnow

FORBIDDEN_DETAIL_KEYS = frozenset(
    {
        "raw_text",
        "answer",
        "answers",
        "value",
        "name",
        "phone",
        "email",
        "contact",
        "contact_name",
        "contact_phone",
        "contact_email",
        "text",
        "password",
        "message",
    }
)


def record_audit(
    *,
    session: Session,
    actor: str,
    action: str,
    target: str | None = None,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append an audit event, e.g. actor "alice", action "handoff.claim", target "handoff:4"."""
    bad = FORBIDDEN_DETAIL_KEYS.intersection(details or {})
    if bad:
        raise ValueError(f"audit details must not carry personal data: {sorted(bad)}")
    event = AuditEvent(actor=actor, action=action, target=target, details=details, at=utcnow())
    session.add(event)
    session.flush()
    return event


def list_audit(*, session: Session, limit: int = 200) -> list[AuditEvent]:
    """Most recent audit events first."""
    statement = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    return list(session.execute(statement).scalars())
