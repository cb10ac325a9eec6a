"""What the FAQ flow keeps for the clinic: topics answered, questions left unanswered.

Each record is its own unit of work, and a failure (database down, table missing) is logged
and swallowed: the visitor's answer matters more than the analytics row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from bot.db import conversations
from bot.db.engine import session_scope

log = logging.getLogger(__name__)


def record_answered(conversation_id: str, topic: str) -> None:
    """Remember that ``topic`` was answered in the conversation."""
    _quietly(conversations.record_faq_topic, conversation_id=conversation_id, topic=topic)


def record_unanswered(conversation_id: str, text: str, candidates: list[Any]) -> None:
    """Remember a question no curated answer was sent for, with the topics offered."""
    _quietly(
        conversations.record_unanswered,
        conversation_id=conversation_id,
        text=text,
        candidates=candidates,
    )


def _quietly(record: Callable[..., Any], **kwargs: Any) -> None:
    try:
        with session_scope() as session:
            record(session=session, **kwargs)
    except Exception:  # noqa: BLE001 - never let bookkeeping break the conversation
        log.exception(
            "could not %s for conversation %s", record.__name__, kwargs["conversation_id"]
        )
