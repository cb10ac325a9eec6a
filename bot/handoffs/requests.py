"""The one way a conversation asks for a hand-off: create it, or spool it while the
database is unreachable.

Every caller (the questionnaire's "Confirm and send", "talk to a person", the crisis
protocol) goes through :func:`request_handoff`, so retries, spooling and the prompt
notification behave the same everywhere. ``prepare`` runs in the same unit of work before
the hand-off is created (saving contact details, marking the conversation urgent): both are
stored, or neither. When the database cannot be reached, only the request itself (ids,
reason, time; never clinical data or contact details) goes to the spool
(``bot/handoffs/spool.py``) and the outbox worker creates the hand-off once the database
answers.
Any other error propagates: the caller tells the visitor it did not work.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.db.engine import session_scope
from bot.handoffs.service import create_handoff
from bot.handoffs.spool import UNREACHABLE_ERRORS, spool_handoff, spool_path
from bot.notify.worker import deliver_soon
from bot.settings import Settings, get_settings


class HandoffOutcome(enum.Enum):
    """Where a requested hand-off went."""

    CREATED = "created"  # in the database, notifications queued
    SPOOLED = "spooled"  # on disk; created when the database is back


def request_handoff(
    *,
    conversation_id: str,
    reason: str,
    event_key: str,
    prepare: Callable[[Session], None] | None = None,
    engine: Engine | None = None,
    path: Path | None = None,
    settings: Settings | None = None,
    notify_now: bool = True,
) -> HandoffOutcome:
    """Create the hand-off (idempotent on ``event_key``), or spool it if the database is down.

    ``notify_now`` starts delivering the staff notification in the background at once
    instead of at the next outbox pass.
    """
    settings = settings or get_settings()
    try:
        with session_scope(engine) as session:
            if prepare is not None:
                prepare(session)
            create_handoff(
                session=session,
                conversation_id=conversation_id,
                reason=reason,
                event_key=event_key,
                settings=settings,
            )
    except UNREACHABLE_ERRORS:
        spool_handoff(
            conversation_id=conversation_id,
            reason=reason,
            event_key=event_key,
            path=path or spool_path(settings),
        )
        return HandoffOutcome.SPOOLED
    if notify_now:
        deliver_soon(settings)
    return HandoffOutcome.CREATED
