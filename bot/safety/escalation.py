"""Escalating a crisis: the conversation marked urgent and the crisis hand-off opened.

It never blocks the crisis reply: any failure is caught and logged (ids and the error type
only, never the visitor's words), and the caller says the care team could not be reached.
"""

from __future__ import annotations

import logging

from sqlalchemy.orm import Session

from bot.db.conversations import mark_urgent
from bot.handoffs.requests import HandoffOutcome, request_handoff

log = logging.getLogger(__name__)


def escalate_crisis(conversation_id: str, event_key: str) -> bool:
    """Mark the conversation urgent and open the crisis hand-off; False if that failed.

    Any failure (database down, migrations missing, persistence code absent) is caught:
    the caller still sends the crisis reply. Only ids and the error type are logged.
    """

    def urgent(session: Session) -> None:
        mark_urgent(session=session, conversation_id=conversation_id)

    try:
        outcome = request_handoff(
            conversation_id=conversation_id,
            reason="crisis",
            event_key=event_key,
            prepare=urgent,
        )
    except Exception as exc:  # noqa: BLE001 - the reply must go out whatever failed
        log.error(
            "crisis escalation failed conversation=%s key=%s error=%s",
            conversation_id,
            event_key,
            type(exc).__name__,
        )
        return False
    if outcome is HandoffOutcome.SPOOLED:
        # On disk: the outbox worker creates it and alerts staff once the database is back.
        log.error(
            "crisis escalation failed conversation=%s key=%s error=database unreachable, spooled",
            conversation_id,
            event_key,
        )
        return False
    return True
