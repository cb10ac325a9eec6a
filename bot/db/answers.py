"""Screening answers: append-only, one row per answer as given."""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy.orm import Session

from bot.db.conversations import conversation_rows, ensure_conversation
from bot.db.models import ScreeningAnswer
from bot.db.types import utcnow

log = logging.getLogger(__name__)


def record_answer(
    *,
    session: Session,
    conversation_id: str,
    question_id: str,
    raw_text: str,
    value: Any,
    flagged: bool,
) -> ScreeningAnswer:
    """Append an answer: ``raw_text`` verbatim, the interpreted ``value`` (JSON-able), flag.

    Earlier answers to the same question are kept; :func:`current_answers` returns the latest.
    """
    ensure_conversation(session=session, conversation_id=conversation_id)
    answer = ScreeningAnswer(
        conversation_id=conversation_id,
        question_id=question_id,
        raw_text=raw_text if raw_text is not None else "",
        value=value,
        flagged=bool(flagged),
        created_at=utcnow(),
    )
    session.add(answer)
    session.flush()
    # Question id only: the answer itself is clinical information.
    log.info("screening answer recorded conversation=%s question=%s", conversation_id, question_id)
    return answer


def answer_history(*, session: Session, conversation_id: str) -> list[ScreeningAnswer]:
    """Every answer given, oldest first (including superseded ones)."""
    return conversation_rows(
        session=session, model=ScreeningAnswer, conversation_id=conversation_id
    )


def current_answers(*, session: Session, conversation_id: str) -> dict[str, ScreeningAnswer]:
    """The latest answer per question id, in the order questions were first answered."""
    latest: dict[str, ScreeningAnswer] = {}
    for answer in answer_history(session=session, conversation_id=conversation_id):
        latest[answer.question_id] = answer
    return latest
