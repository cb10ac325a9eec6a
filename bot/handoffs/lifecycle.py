"""What staff do with a hand-off: claim it, resolve it, add a note. Each change is audited here.

With :mod:`bot.handoffs.service` (create) this is the one hand-off service: the staff views
and any other caller change a hand-off only through these functions, so every change leaves
one audit row with the same shape. Every function takes the caller's ``session`` and never
commits (the caller owns the unit of work).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.db.audit import record_audit
from bot.db.models import Handoff, HandoffNote
from bot.db.types import utcnow

MAX_NOTE_CHARS = 5000


class HandoffConflict(Exception):
    """The hand-off is not in a state that allows the change (claimed by someone else, resolved)."""


def claim_handoff(*, session: Session, handoff: Handoff, user_id: int, actor: str) -> bool:
    """Claim an open hand-off for ``user_id``; False (and no audit) when they already hold it.

    The claim is a conditional UPDATE (``WHERE status = 'open'``), so when two staff members
    press "Claim" at once exactly one wins and the other gets :class:`HandoffConflict`.
    """
    if handoff.status == "claimed" and handoff.claimed_by_id == user_id:
        return False
    now = utcnow()
    result = session.execute(
        update(Handoff)
        .where(Handoff.id == handoff.id, Handoff.status == "open")
        .values(status="claimed", claimed_by_id=user_id, claimed_at=now, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    session.refresh(handoff)
    if result.rowcount != 1:
        if handoff.status == "claimed" and handoff.claimed_by_id == user_id:
            return False
        raise HandoffConflict(f"This hand-off is already {handoff.status}.")
    _audit(session, actor, "handoff.claim", handoff)
    return True


def resolve_handoff(*, session: Session, handoff: Handoff, user_id: int, actor: str) -> None:
    """Resolve an open or claimed hand-off (an unclaimed one is claimed by the resolver)."""
    if handoff.status == "resolved":
        raise HandoffConflict("This hand-off is already resolved.")
    now = utcnow()
    if handoff.claimed_by_id is None:
        handoff.claimed_by_id = user_id
        handoff.claimed_at = now
    handoff.status = "resolved"
    handoff.resolved_at = now
    handoff.updated_at = now
    session.flush()
    _audit(session, actor, "handoff.resolve", handoff)


def add_note(
    *, session: Session, handoff: Handoff, user_id: int, actor: str, text: str
) -> HandoffNote:
    """Append a note; ``text`` must be 1..MAX_NOTE_CHARS characters after trimming."""
    text = text.strip()
    if not text or len(text) > MAX_NOTE_CHARS:
        raise ValueError(f"a note is 1-{MAX_NOTE_CHARS} characters")
    note = HandoffNote(handoff_id=handoff.id, author_id=user_id, text=text, created_at=utcnow())
    session.add(note)
    handoff.updated_at = note.created_at
    session.flush()
    _audit(session, actor, "handoff.note", handoff, {"note_id": note.id, "chars": len(note.text)})
    return note


def _audit(
    session: Session,
    actor: str,
    action: str,
    handoff: Handoff,
    details: dict[str, Any] | None = None,
) -> None:
    record_audit(
        session=session,
        actor=actor,
        action=action,
        target=f"handoff:{handoff.id}",
        details=details,
    )
