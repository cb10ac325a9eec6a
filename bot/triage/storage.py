"""Storing the screener's answers and putting its result in front of staff.

Every answer is a screening-answer row (append-only, verbatim, flagged for clinician
review). The result is added to the conversation's latest crisis hand-off as its
``triage`` section: what staff read is still what was stored, now with the screener
beside it, and each change is audited. Staff are notified once, when the screener ends
(notifications never carry the answers).
"""

from __future__ import annotations

import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.answers import current_answers, record_answer
from bot.db.audit import record_audit
from bot.db.models import Handoff
from bot.db.sql import scalar_or_none
from bot.notify.outbox import enqueue_handoff_notifications
from bot.settings import Settings, get_settings
from bot.summary.triage import triage_result, triage_to_dict

log = logging.getLogger(__name__)


def latest_crisis_handoff(*, session: Session, conversation_id: str) -> Handoff | None:
    """The conversation's most recent crisis hand-off, or None."""
    statement = (
        select(Handoff)
        .where(Handoff.conversation_id == conversation_id, Handoff.reason == "crisis")
        .order_by(Handoff.id.desc())
        .limit(1)
    )
    return scalar_or_none(session=session, statement=statement, kind=Handoff)


def update_crisis_handoff(
    *,
    session: Session,
    conversation_id: str,
    notify: bool,
    settings: Settings | None = None,
) -> Handoff | None:
    """Put the screener's current result in the latest crisis hand-off's summary.

    ``notify`` tells staff (once, when the screener ended), even when the hand-off was
    resolved meanwhile: answers that came after are new, and may be urgent.
    Returns the hand-off, or None when the conversation has no crisis hand-off.
    """
    handoff = latest_crisis_handoff(session=session, conversation_id=conversation_id)
    if handoff is None:
        return None
    answers = current_answers(session=session, conversation_id=conversation_id)
    result = triage_result(answers.values())
    summary = dict(handoff.summary_json or {})
    summary["triage"] = triage_to_dict(result)
    # A new dict, so the JSON column is seen as changed.
    handoff.summary_json = summary
    record_audit(
        session=session,
        actor="assistant",
        action="handoff.triage_updated",
        target=f"handoff:{handoff.id}",
        details={
            "conversation_id": conversation_id,
            "answered": len(result.items) if result else 0,
            "ended": notify,
        },
    )
    if notify:
        enqueue_handoff_notifications(
            session=session, handoff=handoff, settings=settings or get_settings(), update=True
        )
    session.flush()
    return handoff


def store_triage_turn(
    *,
    session: Session,
    conversation_id: str,
    record: tuple[str, str, str] | None,
    ended: bool,
    settings: Settings | None = None,
) -> None:
    """Record the answer of one turn (if any) and refresh the crisis hand-off."""
    if record is not None:
        question_id, raw_text, value = record
        record_answer(
            session=session,
            conversation_id=conversation_id,
            question_id=question_id,
            raw_text=raw_text,
            value=value,
            flagged=True,
        )
    if record is not None or ended:
        update_crisis_handoff(
            session=session, conversation_id=conversation_id, notify=ended, settings=settings
        )
