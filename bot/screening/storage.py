"""The questionnaire's reads and writes, each in its own unit of work that never raises.

The chat must keep going when the database hiccups: every answer is also kept in the
``screening_answers`` slot (the tracker store), so nothing the visitor said is lost.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.db.answers import current_answers, record_answer
from bot.db.conversations import get_conversation, record_consent, set_screening_status
from bot.db.engine import session_scope
from bot.questionnaire.questions import QuestionSet

log = logging.getLogger(__name__)


def run_unit_of_work(description: str, func: Callable[..., object], **kwargs: Any) -> bool:
    """Run ``func(session=..., **kwargs)`` in its own unit of work; log, never raise.

    The chat must keep going when the database hiccups; the answer is also kept in the
    ``screening_answers`` slot (the tracker store), so nothing the visitor said is lost.
    """
    try:
        with session_scope() as session:
            func(session=session, **kwargs)
        return True
    except Exception:  # noqa: BLE001 - any database failure must not end the conversation
        log.exception(
            "screening: could not %s (conversation=%s)", description, kwargs.get("conversation_id")
        )
        return False


def record_answer_in_db(
    conversation_id: str, question_id: str, raw_text: str, value: str, flagged: bool
) -> bool:
    """Append one answer row (history is kept; the latest per question wins)."""

    return run_unit_of_work(
        "record answer",
        record_answer,
        conversation_id=conversation_id,
        question_id=question_id,
        raw_text=raw_text,
        value=value,
        flagged=flagged,
    )


def record_consent_in_db(conversation_id: str) -> bool:
    """Note the time the visitor agreed to share their answers."""
    return run_unit_of_work("record consent", record_consent, conversation_id=conversation_id)


def set_status(conversation_id: str, status: str) -> None:
    """Set the conversation's questionnaire status (in_progress, paused, complete...)."""

    run_unit_of_work(
        f"set screening status {status}",
        set_screening_status,
        conversation_id=conversation_id,
        status=status,
    )


def load_answers_from_db(conversation_id: str, questions: QuestionSet) -> dict[str, Any]:
    """Answers stored for ``conversation_id`` (latest per question), as the slot holds them."""
    try:
        with session_scope() as session:
            rows = current_answers(session=session, conversation_id=conversation_id)
            return {
                qid: {"value": row.value, "raw": row.raw_text}
                for qid, row in rows.items()
                if qid in questions.ids
            }
    except Exception:  # noqa: BLE001
        log.exception("screening: could not load answers (conversation=%s)", conversation_id)
        return {}


def consent_recorded_in_db(conversation_id: str) -> bool:
    """True when the database holds this visitor's consent."""
    try:
        with session_scope() as session:
            conversation = get_conversation(session=session, conversation_id=conversation_id)
            return bool(conversation is not None and conversation.consent_at is not None)
    except Exception:  # noqa: BLE001
        log.exception("screening: could not read consent (conversation=%s)", conversation_id)
        return False
