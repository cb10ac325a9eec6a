"""The notification outbox: enqueue in the caller's transaction, deliver with retries.

A notification row is written in the same transaction as the hand-off, so a hand-off
never exists without its notifications and a rolled-back hand-off sends nothing.
:func:`deliver_due` sends what is due; failures are retried with exponential backoff
(30 s, 60 s, 120 s ... capped at one hour) and never dropped.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session, sessionmaker

from bot.db.models import Handoff, OutboxMessage
from bot.db.types import as_utc, utcnow
from bot.fhir.push import fhir_configured, fhir_payload
from bot.notify.content import notification_payload
from bot.notify.senders import SENDERS, email_configured, webhook_configured
from bot.settings import Settings

log = logging.getLogger(__name__)

# Delivers one notification's payload, raising on failure (bot.notify.senders).
Sender = Callable[[dict[str, Any], Settings], None]

BACKOFF_BASE_SECONDS = 30
BACKOFF_MAX_SECONDS = 3600
BATCH_SIZE = 50
# How long a claimed item stays invisible to other workers while it is being sent.
CLAIM_LEASE = timedelta(minutes=5)
# Unclaimed crisis hand-offs are re-notified every crisis_renotify_minutes, at most this often.
MAX_CRISIS_REMINDERS = 3


def backoff_delay(attempts: int) -> timedelta:
    """Delay before the next try after ``attempts`` failed tries (exponential, capped)."""
    exponent = max(attempts - 1, 0)
    seconds = min(BACKOFF_BASE_SECONDS * (2 ** min(exponent, 20)), BACKOFF_MAX_SECONDS)
    return timedelta(seconds=seconds)


def configured_kinds(settings: Settings) -> list[str]:
    """Notification channels that are configured: "email" and/or "webhook"."""
    kinds = []
    if email_configured(settings):
        kinds.append("email")
    if webhook_configured(settings):
        kinds.append("webhook")
    return kinds


def enqueue_handoff_notifications(
    *,
    session: Session,
    handoff: Handoff,
    settings: Settings,
    reminder: bool = False,
    update: bool = False,
    now: datetime | None = None,
) -> list[OutboxMessage]:
    """Queue one notification per configured channel for ``handoff`` (not committed here).

    A new hand-off is also queued for the FHIR push when FHIR_BASE_URL is set, and so is an
    update of a hand-off whose summary carries the C-SSRS screener: the screener is added
    to the summary after the hand-off was pushed, and this push replaces the server's copy.
    Reminders and updates of hand-offs without it (contact changes) are not pushed: their
    Bundle is what was sent, and that has not changed. (A contact change after the screener
    sends the same Bundle again, which replaces it with itself.)
    """
    now = as_utc(now) or utcnow()
    payload = notification_payload(
        handoff=handoff, settings=settings, reminder=reminder, update=update
    )
    purpose = "handoff_update" if update else "crisis_reminder" if reminder else "handoff"
    rows = [
        OutboxMessage(
            kind=kind,
            purpose=purpose,
            handoff_id=handoff.id,
            payload=payload,
            attempts=0,
            next_attempt_at=now,
            created_at=now,
        )
        for kind in configured_kinds(settings)
    ]
    if fhir_configured(settings) and (purpose == "handoff" or (update and _has_triage(handoff))):
        rows.append(
            OutboxMessage(
                kind="fhir",
                purpose="fhir_export",
                handoff_id=handoff.id,
                payload=fhir_payload(handoff, update=update),
                attempts=0,
                next_attempt_at=now,
                created_at=now,
            )
        )
    session.add_all(rows)
    session.flush()
    if not any(row.kind != "fhir" for row in rows):
        log.warning("no notification channel configured; handoff=%s not announced", handoff.id)
    return rows


def _has_triage(handoff: Handoff) -> bool:
    """True when the stored summary has the C-SSRS screener's section."""
    summary = handoff.summary_json
    return isinstance(summary, dict) and bool(summary.get("triage"))


def enqueue_crisis_reminders(*, session: Session, settings: Settings, now: datetime) -> int:
    """Re-notify urgent hand-offs still open ``crisis_renotify_minutes`` after the last notice.

    Returns how many hand-offs got a reminder queued.
    """
    now = as_utc(now)
    interval = timedelta(minutes=settings.crisis_renotify_minutes)
    last_notice = (
        select(
            OutboxMessage.handoff_id.label("handoff_id"),
            func.max(OutboxMessage.created_at).label("last_at"),
            func.count(OutboxMessage.id)
            .filter(OutboxMessage.purpose == "crisis_reminder")
            .label("reminders"),
        )
        .group_by(OutboxMessage.handoff_id)
        .subquery()
    )
    statement = (
        select(Handoff, last_notice.c.last_at, last_notice.c.reminders)
        .outerjoin(last_notice, last_notice.c.handoff_id == Handoff.id)
        .where(Handoff.urgency == "urgent", Handoff.status == "open")
        .order_by(Handoff.id)
    )
    kinds = len(configured_kinds(settings)) or 1
    queued = 0
    for handoff, last_at, reminders in session.execute(statement):
        since = as_utc(last_at) if last_at is not None else handoff.created_at
        # Reminder rows are one per channel; count reminder rounds, not rows.
        if (reminders or 0) // kinds >= MAX_CRISIS_REMINDERS or now - since < interval:
            continue
        if enqueue_handoff_notifications(
            session=session, handoff=handoff, settings=settings, reminder=True, now=now
        ):
            queued += 1
            log.warning("crisis hand-off still unclaimed, reminder queued handoff=%s", handoff.id)
    return queued


def _due_ids(session: Session, now: datetime) -> list[int]:
    statement = (
        select(OutboxMessage.id)
        .where(OutboxMessage.delivered_at.is_(None), OutboxMessage.next_attempt_at <= now)
        .order_by(OutboxMessage.next_attempt_at, OutboxMessage.id)
        .limit(BATCH_SIZE)
    )
    return list(session.execute(statement).scalars())


def deliver_due(
    *,
    session_factory: sessionmaker,
    settings: Settings,
    now: datetime | None = None,
    senders: dict[str, Sender] | None = None,
) -> int:
    """Send every due outbox item once; returns how many were delivered.

    Each item is first *claimed* with a conditional UPDATE that pushes its
    ``next_attempt_at`` out by a lease, in its own short transaction; only the worker
    whose UPDATE matched sends it. So several workers (or processes) never send the same
    notification twice, no lock is held during network I/O, and an item whose sender
    crashed mid-way becomes due again when the lease ends (at-least-once delivery).
    """
    now = as_utc(now) or utcnow()
    send_by_kind = senders or SENDERS
    with session_factory() as session:
        ids = _due_ids(session, now)
    delivered = 0
    for outbox_id in ids:
        claimed = _claim(session_factory, outbox_id, now)
        if claimed is None:
            continue  # delivered or claimed by another worker meanwhile
        kind, payload = claimed
        error: Exception | None = None
        try:
            send_by_kind[kind](payload, settings)
        except Exception as exc:  # noqa: BLE001 - any failure means "retry later"
            error = exc
        with session_factory() as session, session.begin():
            item = session.get(OutboxMessage, outbox_id)
            if item is None:
                continue  # deleted meanwhile (visitor data deleted)
            if error is None:
                item.delivered_at = now
                item.last_error = None
                delivered += 1
                log.info("notification delivered outbox=%s kind=%s", item.id, item.kind)
            else:
                item.last_error = str(error)[:1000]
                item.next_attempt_at = now + backoff_delay(item.attempts)
                log.warning(
                    "notification failed outbox=%s kind=%s attempt=%s retry_at=%s error=%s",
                    item.id,
                    item.kind,
                    item.attempts,
                    item.next_attempt_at.isoformat(),
                    type(error).__name__,
                )
    return delivered


def _claim(
    session_factory: sessionmaker, outbox_id: int, now: datetime
) -> tuple[str, dict[str, Any]] | None:
    """Claim one due item for sending; returns ``(kind, payload)`` or None if not ours."""
    with session_factory() as session, session.begin():
        result = session.execute(
            update(OutboxMessage)
            .where(
                OutboxMessage.id == outbox_id,
                OutboxMessage.delivered_at.is_(None),
                OutboxMessage.next_attempt_at <= now,
            )
            .values(
                next_attempt_at=now + CLAIM_LEASE,
                attempts=OutboxMessage.attempts + 1,
            )
            .execution_options(synchronize_session=False)
        )
        if result.rowcount != 1:
            return None
        row = session.execute(
            select(OutboxMessage.kind, OutboxMessage.payload).where(OutboxMessage.id == outbox_id)
        ).one()
        return row.kind, row.payload


def pending_count(*, session: Session) -> int:
    """How many notifications are not delivered yet."""
    statement = select(func.count(OutboxMessage.id)).where(OutboxMessage.delivered_at.is_(None))
    pending: int = session.execute(statement).scalar_one()
    return pending
