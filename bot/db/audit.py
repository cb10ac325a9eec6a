"""Audit trail: who did what to which record, tamper-evident.

``details`` must hold ids, field names and counts only - never clinical answers or contact
details. :func:`record_audit` refuses keys that look like personal data to make that hard
to get wrong. A conversation id is recorded as its keyed hash, like everywhere else at rest:
name one with :func:`conversation_target`; a ``conversation_id`` detail is hashed here (a
hash read from a row is kept as it is).

Each row carries an HMAC (key: ``Settings.audit_mac_key``) over its own fields and the
previous row's HMAC, so editing or deleting a row breaks the chain from there on:
:func:`verify_audit_chain` (``intake audit verify``) names the first bad row. Writers take
the chain in turn (PostgreSQL: an advisory lock; SQLite: the database's write lock, held
from the insert). Removing the newest rows leaves an intact shorter chain; compare the
count reported by ``verify`` with an earlier one to see that.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from bot.db.crypto import is_lookup_digest_shaped, lookup_hash
from bot.db.models import AuditEvent
from bot.db.types import as_utc, utcnow
from bot.settings import get_settings

GENESIS_MAC = "0" * 64
CONVERSATION_TARGET = "conversation:"
# Arbitrary constant naming the PostgreSQL advisory lock that orders audit writers.
_CHAIN_LOCK = 0x4B41_5041

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
    """Append an audit event, e.g. actor "alice", action "handoff.claim", target "handoff:4".

    A conversation is named by :func:`conversation_target` (a ``conversation:`` target
    holding anything but a hash is refused) and ``details["conversation_id"]`` is hashed:
    the row holds the keyed hash, never the id a visitor holds.
    """
    bad = FORBIDDEN_DETAIL_KEYS.intersection(details or {})
    if bad:
        raise ValueError(f"audit details must not carry personal data: {sorted(bad)}")
    target, details = _conversation_ids_hashed(target, details)
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
    event = AuditEvent(actor=actor, action=action, target=target, details=details, at=utcnow())
    session.add(event)
    session.flush()  # SQLite: from here this transaction holds the write lock
    previous = session.execute(
        select(AuditEvent.mac).where(AuditEvent.id < event.id).order_by(AuditEvent.id.desc())
    ).first()
    event.prev_mac = (previous[0] if previous else None) or GENESIS_MAC
    event.mac = row_mac(get_settings().audit_mac_key, event.prev_mac, event)
    session.flush()
    return event


def conversation_target(conversation_id: str) -> str:
    """The audit target naming a conversation (its id, or the hash read from one of its rows):
    ``conversation:<keyed hash>``."""
    return CONVERSATION_TARGET + lookup_hash(conversation_id)


def _conversation_ids_hashed(
    target: str | None, details: dict[str, Any] | None
) -> tuple[str | None, dict[str, Any] | None]:
    """``details`` with its conversation id hashed; a raw id as the target is refused."""
    named = (target or "").startswith(CONVERSATION_TARGET)
    if named and not is_lookup_digest_shaped((target or "")[len(CONVERSATION_TARGET) :]):
        raise ValueError("name a conversation in the audit log with conversation_target()")
    if details is not None and isinstance(details.get("conversation_id"), str):
        details = {**details, "conversation_id": str(lookup_hash(details["conversation_id"]))}
    return target, details


def row_mac(key: bytes, prev_mac: str, event: AuditEvent) -> str:
    """HMAC-SHA256 over the previous row's MAC and this row's fields."""
    at = as_utc(event.at)
    body = json.dumps(
        {
            "id": event.id,
            "actor": event.actor,
            "action": event.action,
            "target": event.target,
            "at": at.isoformat() if at else None,
            "details": event.details,
        },
        sort_keys=True,
        separators=(",", ":"),
        default=str,
    )
    return hmac.new(key, (prev_mac + body).encode("utf-8"), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class ChainCheck:
    """The result of :func:`verify_audit_chain`."""

    rows: int
    first_bad_id: int | None = None
    reason: str = ""

    @property
    def intact(self) -> bool:
        """True when every row verifies."""
        return self.first_bad_id is None


def verify_audit_chain(*, session: Session, key: bytes | None = None) -> ChainCheck:
    """Recompute the chain in id order; the first row that does not verify, and why."""
    key = key or get_settings().audit_mac_key
    expected_prev = GENESIS_MAC
    rows = 0
    for event in session.execute(select(AuditEvent).order_by(AuditEvent.id)).scalars():
        rows += 1
        if event.mac is None or event.prev_mac is None:
            return ChainCheck(rows, event.id, "not sealed")
        if not hmac.compare_digest(event.prev_mac, expected_prev):
            return ChainCheck(rows, event.id, "the row before it was changed or deleted")
        if not hmac.compare_digest(event.mac, row_mac(key, event.prev_mac, event)):
            return ChainCheck(rows, event.id, "this row was changed")
        expected_prev = event.mac
    return ChainCheck(rows)


def list_audit(*, session: Session, limit: int = 200) -> list[AuditEvent]:
    """Most recent audit events first."""
    statement = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    return list(session.execute(statement).scalars())
