"""Conversation repository: the visitor record, transcript, FAQ topics, consent and contact.

Every function takes the caller's ``session`` (one unit of work) and never commits.
"""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import (
    CONTACT_METHODS,
    SCREENING_STATUSES,
    SENDERS,
    Conversation,
    FaqTopicAsked,
    Message,
    ScreeningAnswer,
    UnansweredQuestion,
)
from bot.db.sql import insert_if_absent, scalar_or_none
from bot.db.types import utcnow

log = logging.getLogger(__name__)

# The tables that hold a conversation's rows in the order they were written (by ``id``).
VisitorRow = TypeVar("VisitorRow", Message, ScreeningAnswer, UnansweredQuestion, FaqTopicAsked)


def get_conversation(*, session: Session, conversation_id: str) -> Conversation | None:
    """The conversation with this id, or None."""
    conversation: Conversation | None = session.get(Conversation, conversation_id)
    return conversation


def ensure_conversation(*, session: Session, conversation_id: str) -> Conversation:
    """Return the conversation, creating it if needed, and bump ``last_seen_at``.

    Safe under concurrency: two processes creating the same id never fail.
    """
    if not conversation_id:
        raise ValueError("conversation_id is required")
    now = utcnow()
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        created = insert_if_absent(
            session=session,
            model=Conversation,
            values=_new_conversation(conversation_id, now),
            conflict_columns=["id"],
        )
        if created:
            log.info("conversation created id=%s", conversation_id)
        conversation = session.get(Conversation, conversation_id)
    else:
        conversation.last_seen_at = now
    found: Conversation = conversation
    return found


def _new_conversation(conversation_id: str, now: datetime) -> dict[str, Any]:
    """Column values of a conversation row created now."""
    return {
        "id": conversation_id,
        "created_at": now,
        "last_seen_at": now,
        "urgent": False,
        "screening_status": "not_started",
    }


def claim_conversation(*, session: Session, conversation_id: str, token_hash: str) -> bool:
    """Create the conversation with its token hash; False when the id is already taken.

    One ``INSERT ... ON CONFLICT DO NOTHING``: of two requests claiming the same new id at
    once (in any process), exactly one gets True.
    """
    if not conversation_id or not token_hash:
        raise ValueError("conversation_id and token_hash are required")
    now = utcnow()
    created = insert_if_absent(
        session=session,
        model=Conversation,
        values={**_new_conversation(conversation_id, now), "token_hash": token_hash},
        conflict_columns=["id"],
    )
    if created:
        log.info("conversation created id=%s", conversation_id)
    return created


def conversation_token_hash(*, session: Session, conversation_id: str) -> str | None:
    """The conversation's token hash; None when it is unknown or older than tokens."""
    statement = select(Conversation.token_hash).where(Conversation.id == conversation_id)
    return scalar_or_none(session=session, statement=statement, kind=str)


def record_message(
    *,
    session: Session,
    conversation_id: str,
    sender: str,
    text: str,
    data: dict[str, Any] | None = None,
) -> Message:
    """Append a transcript line; ``sender`` is ``"visitor"`` or ``"bot"``."""
    if sender not in SENDERS:
        raise ValueError(f"sender must be one of {SENDERS}")
    ensure_conversation(session=session, conversation_id=conversation_id)
    message = Message(
        conversation_id=conversation_id,
        sender=sender,
        text=text or "",
        data=data,
        created_at=utcnow(),
    )
    session.add(message)
    session.flush()
    return message


def conversation_rows(
    *, session: Session, model: type[VisitorRow], conversation_id: str
) -> list[VisitorRow]:
    """The conversation's rows of ``model``, in the order they were written."""
    statement = select(model).where(model.conversation_id == conversation_id).order_by(model.id)
    return list(session.execute(statement).scalars())


def list_messages(*, session: Session, conversation_id: str) -> list[Message]:
    """The transcript in order."""
    return conversation_rows(session=session, model=Message, conversation_id=conversation_id)


def record_faq_topic(*, session: Session, conversation_id: str, topic: str) -> FaqTopicAsked:
    """Remember that the visitor asked about FAQ ``topic``."""
    ensure_conversation(session=session, conversation_id=conversation_id)
    row = FaqTopicAsked(conversation_id=conversation_id, topic=topic, created_at=utcnow())
    session.add(row)
    session.flush()
    return row


def list_faq_topics(*, session: Session, conversation_id: str) -> list[str]:
    """Distinct FAQ topics asked, in first-asked order."""
    statement = (
        select(FaqTopicAsked.topic)
        .where(FaqTopicAsked.conversation_id == conversation_id)
        .order_by(FaqTopicAsked.id)
    )
    return list(dict.fromkeys(session.execute(statement).scalars()))


def record_unanswered(
    *,
    session: Session,
    conversation_id: str,
    text: str,
    candidates: list[Any] | None = None,
) -> UnansweredQuestion:
    """Remember a question the assistant could not answer (``candidates``: near topics)."""
    ensure_conversation(session=session, conversation_id=conversation_id)
    row = UnansweredQuestion(
        conversation_id=conversation_id, text=text, candidates=candidates, created_at=utcnow()
    )
    session.add(row)
    session.flush()
    return row


def list_unanswered(*, session: Session, conversation_id: str) -> list[UnansweredQuestion]:
    """Unanswered questions of this conversation, in order."""
    return conversation_rows(
        session=session, model=UnansweredQuestion, conversation_id=conversation_id
    )


def record_consent(*, session: Session, conversation_id: str) -> Conversation:
    """Record the visitor's consent time (the first consent is kept)."""
    conversation = ensure_conversation(session=session, conversation_id=conversation_id)
    if conversation.consent_at is None:
        conversation.consent_at = utcnow()
    return conversation


def save_contact(
    *,
    session: Session,
    conversation_id: str,
    name: str | None = None,
    method: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    best_time: str | None = None,
) -> Conversation:
    """Store contact details; only the fields given (not None) are changed."""
    if method is not None and method not in CONTACT_METHODS:
        raise ValueError(f"method must be one of {CONTACT_METHODS}")
    conversation = ensure_conversation(session=session, conversation_id=conversation_id)
    fields = {
        "contact_name": name,
        "contact_method": method,
        "contact_phone": phone,
        "contact_email": email,
        "contact_best_time": best_time,
    }
    for attribute, value in fields.items():
        if value is not None:
            setattr(conversation, attribute, value)
    # Field names only: contact details never go to the log.
    log.info(
        "contact saved conversation=%s fields=%s",
        conversation_id,
        sorted(k for k, v in fields.items() if v is not None),
    )
    return conversation


def mark_urgent(*, session: Session, conversation_id: str, crisis: bool = True) -> Conversation:
    """Flag the conversation urgent; with ``crisis`` also stamp ``crisis_at`` (first time)."""
    conversation = ensure_conversation(session=session, conversation_id=conversation_id)
    conversation.urgent = True
    if crisis and conversation.crisis_at is None:
        conversation.crisis_at = utcnow()
    log.warning("conversation marked urgent id=%s crisis=%s", conversation_id, crisis)
    return conversation


def set_screening_status(*, session: Session, conversation_id: str, status: str) -> Conversation:
    """Set ``screening_status`` (not_started | in_progress | complete | stopped)."""
    if status not in SCREENING_STATUSES:
        raise ValueError(f"status must be one of {SCREENING_STATUSES}")
    conversation = ensure_conversation(session=session, conversation_id=conversation_id)
    conversation.screening_status = status
    return conversation
