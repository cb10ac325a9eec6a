"""Database reads for the staff app (changes go through ``bot.handoffs.lifecycle``).

Every function takes the caller's ``session`` and never commits (the request's unit of work
does). Rows handed to templates are plain dataclasses, so nothing lazy-loads after the
session closes.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import case, select
from sqlalchemy.orm import Session, aliased

from bot.db.audit import record_audit
from bot.db.models import (
    HANDOFF_REASON_LABELS,
    HANDOFF_REASONS,
    HANDOFF_STATUSES,
    HANDOFF_URGENCIES,
    Conversation,
    Handoff,
    HandoffNote,
)
from bot.db.staff_models import StaffUser
from bot.handoffs.sent import changes_since_sent, sent_summary
from bot.settings import Settings
from bot.summary.handoff import METHOD_LABELS, HandoffSummary, build_summary

# Ids beyond a signed 64-bit integer cannot exist; looking them up would overflow the driver.
MAX_ID = 2**63 - 1
# ASCII digits only: str.isdigit() also accepts other scripts' digits and superscripts.
_ASCII_ID = re.compile(r"[0-9]{1,19}")
ACTIVE_STATUSES = ("open", "claimed")
STATUS_CHOICES = ("active", "all") + HANDOFF_STATUSES
# The ``claimed`` filter's values and their labels: "me" is the signed-in staff member.
CLAIMED_CHOICES = {"me": "me", "nobody": "nobody yet"}


class FilterError(ValueError):
    """A filter value that is not one of the allowed choices (shown as HTTP 400)."""


@dataclass(frozen=True)
class QueueFilters:
    """Queue filters; ``status`` ``"active"`` means open or claimed."""

    status: str = "active"
    reason: str | None = None
    urgency: str | None = None
    claimed: str | None = None

    def as_dict(self) -> dict[str, str]:
        """The filters as query-string values (empty for "any")."""
        return {
            "status": self.status,
            "reason": self.reason or "",
            "urgency": self.urgency or "",
            "claimed": self.claimed or "",
        }


def parse_filters(params: Mapping[str, str]) -> QueueFilters:
    """Read ``status``, ``reason``, ``urgency`` and ``claimed`` from a query string; empty
    means any."""
    status = (params.get("status") or "active").strip()
    reason = (params.get("reason") or "").strip() or None
    urgency = (params.get("urgency") or "").strip() or None
    claimed = (params.get("claimed") or "").strip() or None
    if status not in STATUS_CHOICES:
        raise FilterError(f"status must be one of {', '.join(STATUS_CHOICES)}")
    if reason is not None and reason not in HANDOFF_REASONS:
        raise FilterError(f"reason must be one of {', '.join(HANDOFF_REASONS)}")
    if urgency is not None and urgency not in HANDOFF_URGENCIES:
        raise FilterError(f"urgency must be one of {', '.join(HANDOFF_URGENCIES)}")
    if claimed is not None and claimed not in CLAIMED_CHOICES:
        raise FilterError(f"claimed must be one of {', '.join(CLAIMED_CHOICES)}")
    return QueueFilters(status=status, reason=reason, urgency=urgency, claimed=claimed)


def parse_id(value: Any) -> int | None:
    """A database id from a path or form value, or None when it cannot be one."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    elif isinstance(value, str) and _ASCII_ID.fullmatch(value):
        number = int(value)
    else:
        return None
    return number if 0 < number <= MAX_ID else None


@dataclass(frozen=True)
class HandoffRow:
    """One hand-off as the queue and the JSON list show it: state, and who to contact how
    (name and preferred method as sent; no answers)."""

    id: int
    conversation_id: str
    reason: str
    reason_label: str
    urgency: str
    status: str
    created_at: datetime
    claimed_by: str | None
    claimed_at: datetime | None
    resolved_at: datetime | None
    visitor_name: str | None = None
    contact_method: str | None = None

    @property
    def contact_method_label(self) -> str:
        """ "Phone call", "Text message", "Email" or "-"."""
        return METHOD_LABELS.get(self.contact_method or "", self.contact_method or "-")

    @property
    def is_crisis(self) -> bool:
        """True for crisis hand-offs (always shown first)."""
        return self.reason == "crisis"

    def to_json(self) -> dict[str, Any]:
        """JSON form for the API."""
        data = dataclasses.asdict(self)
        for key in ("created_at", "claimed_at", "resolved_at"):
            data[key] = data[key].isoformat(timespec="seconds") if data[key] else None
        return data


def urgency_rank() -> Any:  # a SQLAlchemy CASE expression (SQLAlchemy 1.4 is untyped)
    """SQL sort key: crisis first, then other urgent hand-offs, then the rest."""
    return case(
        (Handoff.reason == "crisis", 0),
        (Handoff.urgency == "urgent", 1),
        else_=2,
    )


def list_handoffs(
    *, session: Session, filters: QueueFilters, viewer_id: int | None = None, limit: int = 500
) -> list[HandoffRow]:
    """The queue: most urgent first, then oldest first.

    ``viewer_id`` is the signed-in staff member, needed for ``claimed="me"``.
    """
    if filters.claimed == "me" and viewer_id is None:
        raise ValueError('claimed="me" needs the viewer_id')
    claimer = aliased(StaffUser)
    statement = select(Handoff, claimer.username).outerjoin(
        claimer, Handoff.claimed_by_id == claimer.id
    )
    if filters.status == "active":
        statement = statement.where(Handoff.status.in_(ACTIVE_STATUSES))
    elif filters.status != "all":
        statement = statement.where(Handoff.status == filters.status)
    if filters.reason:
        statement = statement.where(Handoff.reason == filters.reason)
    if filters.urgency:
        statement = statement.where(Handoff.urgency == filters.urgency)
    if filters.claimed == "me":
        statement = statement.where(Handoff.claimed_by_id == viewer_id)
    elif filters.claimed == "nobody":
        statement = statement.where(Handoff.claimed_by_id.is_(None))
    statement = statement.order_by(urgency_rank(), Handoff.created_at, Handoff.id).limit(limit)
    return [_row(handoff, username) for handoff, username in session.execute(statement)]


def view_queue(
    *, session: Session, filters: QueueFilters, viewer_id: int, actor: str, action: str
) -> list[HandoffRow]:
    """:func:`list_handoffs`, its reading audited as ``action`` by ``actor``.

    The audit event holds the filters and the count only, never a visitor's details.
    """
    rows = list_handoffs(session=session, filters=filters, viewer_id=viewer_id)
    record_audit(
        session=session,
        actor=actor,
        action=action,
        details={"filters": filters.as_dict(), "count": len(rows)},
    )
    return rows


def _row(handoff: Handoff, claimed_by: str | None) -> HandoffRow:
    sent = handoff.summary_json if isinstance(handoff.summary_json, dict) else {}
    return HandoffRow(
        id=handoff.id,
        conversation_id=handoff.conversation_id,
        reason=handoff.reason,
        reason_label=HANDOFF_REASON_LABELS.get(handoff.reason, handoff.reason),
        urgency=handoff.urgency,
        status=handoff.status,
        created_at=handoff.created_at,
        claimed_by=claimed_by,
        claimed_at=handoff.claimed_at,
        resolved_at=handoff.resolved_at,
        visitor_name=sent.get("visitor_name"),
        contact_method=sent.get("contact_method"),
    )


def get_handoff(*, session: Session, handoff_id: Any) -> Handoff | None:
    """The hand-off with this id, or None (also for ids that cannot exist)."""
    number = parse_id(handoff_id)
    handoff: Handoff | None = session.get(Handoff, number) if number is not None else None
    return handoff


def handoff_row(*, session: Session, handoff: Handoff) -> HandoffRow:
    """The queue row of one hand-off."""
    return _row(handoff, handoff.claimed_by.username if handoff.claimed_by else None)


def handoff_summary(*, session: Session, handoff: Handoff, settings: Settings) -> HandoffSummary:
    """The summary as sent (stored with the hand-off); a live one for hand-offs without it."""
    return sent_summary(handoff) or live_summary(
        session=session, handoff=handoff, settings=settings
    )


def changes_since_handoff(
    *, session: Session, handoff: Handoff, settings: Settings
) -> tuple[str, ...]:
    """What the visitor changed after this hand-off was sent (empty when nothing or no copy)."""
    sent = sent_summary(handoff)
    if sent is None:
        return ()
    return changes_since_sent(
        sent, live_summary(session=session, handoff=handoff, settings=settings)
    )


def view_handoff(
    *, session: Session, handoff_id: Any, settings: Settings, actor: str, action: str
) -> tuple[Handoff, HandoffSummary, tuple[str, ...]] | None:
    """:func:`handoff_with_summary`, its reading audited as ``action`` by ``actor``."""
    found = handoff_with_summary(session=session, handoff_id=handoff_id, settings=settings)
    if found is not None:
        record_audit(session=session, actor=actor, action=action, target=f"handoff:{found[0].id}")
    return found


def handoff_with_summary(
    *, session: Session, handoff_id: Any, settings: Settings
) -> tuple[Handoff, HandoffSummary, tuple[str, ...]] | None:
    """The hand-off, its summary as sent and what changed since; None when there is no such
    hand-off. What a reader of one hand-off sees, on the page and through the API."""
    handoff = get_handoff(session=session, handoff_id=handoff_id)
    if handoff is None:
        return None
    summary = handoff_summary(session=session, handoff=handoff, settings=settings)
    return (
        handoff,
        summary,
        changes_since_handoff(session=session, handoff=handoff, settings=settings),
    )


def live_summary(*, session: Session, handoff: Handoff, settings: Settings) -> HandoffSummary:
    """The summary rebuilt from today's data (``created_at`` = when the hand-off was made).

    ``build_summary`` touches the conversation's ``last_seen_at``; a staff member reading it
    is not visitor activity (retention counts from it), so the old value is put back.
    """
    conversation = session.get(Conversation, handoff.conversation_id)
    last_seen = conversation.last_seen_at if conversation is not None else None
    summary = build_summary(
        session=session,
        conversation_id=handoff.conversation_id,
        reason=handoff.reason,
        handoff_id=handoff.id,
        urgency=handoff.urgency,
        settings=settings,
    )
    if conversation is not None and last_seen is not None:
        conversation.last_seen_at = last_seen
    return dataclasses.replace(summary, created_at=handoff.created_at.isoformat(timespec="seconds"))


@dataclass(frozen=True)
class NoteRow:
    """A staff note for display."""

    id: int
    author: str
    text: str
    created_at: datetime


def list_notes(*, session: Session, handoff_id: int) -> list[NoteRow]:
    """Notes on a hand-off, oldest first."""
    statement = (
        select(HandoffNote, StaffUser.username)
        .outerjoin(StaffUser, HandoffNote.author_id == StaffUser.id)
        .where(HandoffNote.handoff_id == handoff_id)
        .order_by(HandoffNote.id)
    )
    return [
        NoteRow(
            id=note.id,
            author=username or "(removed user)",
            text=note.text,
            created_at=note.created_at,
        )
        for note, username in session.execute(statement)
    ]
