"""Typed declarative models: the visitor-side schema of the intake assistant.

Tables (the Rasa tracker store keeps its own ``events`` table in the same database):

=====================  ===================================================================
conversations          one row per visitor conversation; ``id`` = the keyed hash of the
                       visitor UUID (= Rasa sender id). Holds consent time, contact
                       details, urgency, status, and the SHA-256 of the visitor's
                       conversation token (never shown).
messages               transcript, ``sender`` is ``"visitor"`` or ``"bot"``.
screening_answers      append-only, one row per answer *as given*: ``raw_text`` verbatim,
                       interpreted ``value`` (JSON), ``flagged`` = for clinician review.
handoffs               hand-offs to staff. ``status``: open -> claimed -> resolved.
                       Unique per (conversation_id, event_key) so retries never duplicate.
handoff_notes          staff notes on a hand-off.
staff_*, login_...     staff accounts, sessions, recovery codes, sign-in attempts:
                       :mod:`bot.db.staff_models`.
audit_events           who did what to which record. ``details`` never holds clinical
                       answers or contact details - ids and field names only.
outbox                 notifications waiting to be delivered (email | webhook) with retries.
unanswered_questions   visitor questions the assistant could not answer.
faq_topics_asked       FAQ topics the visitor asked about.
=====================  ===================================================================

Personal and clinical values (contact details, message texts and payloads, answers as
given and interpreted, summaries, notes, unanswered questions, TOTP secrets) are stored
encrypted (:class:`bot.db.types.EncryptedText` / ``EncryptedJSON``); ids, timestamps,
statuses, reasons and flags stay plain so they can be queried. The conversation id, the
one id a visitor holds, is stored only as its keyed hash (:class:`bot.db.types.HashedLookup`)
in ``conversations.id`` and every ``conversation_id``: code passes the raw id (or a hash
read back from a row), the column type hashes it, and a row's attribute is the hash.

All timestamps are aware UTC datetimes (see :mod:`bot.db.types`). Deleting a conversation
cascades to every row about that visitor (messages, answers, hand-offs, notes, outbox,
unanswered questions, FAQ topics); audit events stay, they hold no personal data.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    event,
)
from sqlalchemy.orm import Mapped, relationship

from bot.db.base import Base, id_column, now_column, parent_column
from bot.db.crypto import lookup_hash
from bot.db.staff_models import StaffUser  # noqa: F401 - Handoff.claimed_by refers to it
from bot.db.types import EncryptedJSON, EncryptedText, HashedLookup, UTCDateTime, utcnow

# Allowed values (validated in the service functions; kept as plain strings in the schema).
SENDERS = ("visitor", "bot")
SCREENING_STATUSES = ("not_started", "in_progress", "complete", "stopped")
HANDOFF_REASONS = ("screening_complete", "asked_for_human", "unanswered_question", "crisis")
# What staff read for each reason (dashboard, hand-off summary, notifications).
HANDOFF_REASON_LABELS = {
    "screening_complete": "Screening complete",
    "asked_for_human": "Visitor asked for a person",
    "unanswered_question": "Question the assistant could not answer",
    "crisis": "Crisis language - urgent",
}
HANDOFF_URGENCIES = ("normal", "urgent")
HANDOFF_STATUSES = ("open", "claimed", "resolved")
OUTBOX_KINDS = ("email", "webhook")
# "call" is what bot.contact.parsing stores; "phone" is accepted as an alias.
CONTACT_METHODS = ("call", "text", "email", "phone")


class Conversation(Base):
    """A visitor conversation; ``id`` is the visitor UUID (also the Rasa sender id)."""

    __tablename__ = "conversations"

    # The keyed hash of the visitor UUID (bot.db.types.HashedLookup): look it up with the raw id.
    id: Mapped[str] = Column(HashedLookup, primary_key=True)
    created_at: Mapped[datetime] = now_column()
    last_seen_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    urgent: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    crisis_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    consent_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    # Contact details are encrypted. The method (call | text | email) is not: a ciphertext's
    # length would tell the four values apart anyway, and it identifies no one.
    contact_name: Mapped[str | None] = Column(EncryptedText, nullable=True)
    contact_method: Mapped[str | None] = Column(String(20), nullable=True)
    contact_phone: Mapped[str | None] = Column(EncryptedText, nullable=True)
    contact_email: Mapped[str | None] = Column(EncryptedText, nullable=True)
    contact_best_time: Mapped[str | None] = Column(EncryptedText, nullable=True)
    screening_status: Mapped[str] = Column(String(20), nullable=False, default="not_started")
    # SHA-256 of the visitor's conversation token (bot.web.conversation_tokens); NULL for
    # conversations made before tokens existed, which then cannot be continued or read.
    token_hash: Mapped[str | None] = Column(String(64), nullable=True)

    messages = relationship(
        "Message",
        back_populates="conversation",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Message.id",
    )
    answers = relationship(
        "ScreeningAnswer",
        back_populates="conversation",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="ScreeningAnswer.id",
    )
    handoffs = relationship(
        "Handoff",
        back_populates="conversation",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="Handoff.id",
    )
    unanswered_questions = relationship(
        "UnansweredQuestion",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="UnansweredQuestion.id",
    )
    faq_topics = relationship(
        "FaqTopicAsked",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="FaqTopicAsked.id",
    )

    def __repr__(self) -> str:  # ids only: never contact details in logs
        return f"<Conversation {self.id}>"


class Message(Base):
    """One transcript line. ``data`` holds buttons / custom payload for bot messages."""

    __tablename__ = "messages"

    id: Mapped[int] = id_column()
    conversation_id: Mapped[str] = parent_column("conversations.id", HashedLookup)
    sender: Mapped[str] = Column(String(10), nullable=False)
    text: Mapped[str] = Column(EncryptedText, nullable=False, default="")
    # Buttons and custom payloads can read the visitor's own words back: encrypted too.
    data: Mapped[dict[str, Any] | None] = Column(EncryptedJSON, nullable=True)
    created_at: Mapped[datetime] = now_column()

    conversation = relationship("Conversation", back_populates="messages")

    def __repr__(self) -> str:
        return f"<Message {self.id} {self.sender} conv={self.conversation_id}>"


class ScreeningAnswer(Base):
    """An answer exactly as given (append-only). The latest row per question is current."""

    __tablename__ = "screening_answers"
    __table_args__ = (
        Index("ix_screening_answers_conv_question", "conversation_id", "question_id"),
    )

    id: Mapped[int] = id_column()
    conversation_id: Mapped[str] = parent_column("conversations.id", HashedLookup, index=False)
    question_id: Mapped[str] = Column(String(100), nullable=False)
    raw_text: Mapped[str] = Column(EncryptedText, nullable=False, default="")
    # Interpreted value: str / bool / number / list / None, as the screening code decides.
    value: Mapped[Any] = Column(EncryptedJSON, nullable=True)
    flagged: Mapped[bool] = Column(Boolean, nullable=False, default=False)
    created_at: Mapped[datetime] = now_column()

    conversation = relationship("Conversation", back_populates="answers")

    def __repr__(self) -> str:
        return f"<ScreeningAnswer {self.id} {self.question_id} conv={self.conversation_id}>"


class Handoff(Base):
    """A hand-off of a conversation to the care team.

    ``summary_json`` is :func:`bot.summary.handoff.summary_to_dict` at creation time; the
    human-readable text is rendered from the same record, so the two cannot disagree.
    """

    __tablename__ = "handoffs"
    __table_args__ = (
        UniqueConstraint("conversation_id", "event_key", name="uq_handoffs_conversation_event_key"),
    )

    id: Mapped[int] = id_column()
    conversation_id: Mapped[str] = parent_column("conversations.id", HashedLookup)
    event_key: Mapped[str] = Column(String(200), nullable=False)
    reason: Mapped[str] = Column(String(40), nullable=False)
    urgency: Mapped[str] = Column(String(10), nullable=False, default="normal")
    status: Mapped[str] = Column(String(10), nullable=False, default="open", index=True)
    claimed_by_id: Mapped[int | None] = Column(
        Integer, ForeignKey("staff_users.id", ondelete="SET NULL"), nullable=True
    )
    claimed_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    resolved_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    summary_json: Mapped[dict[str, Any] | None] = Column(EncryptedJSON, nullable=True)
    created_at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    updated_at: Mapped[datetime] = Column(
        UTCDateTime, nullable=False, default=utcnow, onupdate=utcnow
    )

    conversation = relationship("Conversation", back_populates="handoffs")
    claimed_by = relationship("StaffUser")
    notes = relationship(
        "HandoffNote",
        back_populates="handoff",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="HandoffNote.id",
    )

    def __repr__(self) -> str:
        return f"<Handoff {self.id} {self.reason} {self.status} conv={self.conversation_id}>"


class HandoffNote(Base):
    """A staff note on a hand-off."""

    __tablename__ = "handoff_notes"

    id: Mapped[int] = id_column()
    handoff_id: Mapped[int] = parent_column("handoffs.id")
    author_id: Mapped[int | None] = Column(
        Integer, ForeignKey("staff_users.id", ondelete="SET NULL"), nullable=True
    )
    text: Mapped[str] = Column(EncryptedText, nullable=False)
    created_at: Mapped[datetime] = now_column()

    handoff = relationship("Handoff", back_populates="notes")
    author = relationship("StaffUser")


class AuditEvent(Base):
    """Who did what to which record. ``details``: ids and field names only, no PHI/contact."""

    __tablename__ = "audit_events"

    id: Mapped[int] = id_column()
    # Username (or "system" / "cli") kept as text so the trail survives user deletion.
    actor: Mapped[str] = Column(String(100), nullable=False)
    action: Mapped[str] = Column(String(64), nullable=False, index=True)
    target: Mapped[str | None] = Column(String(200), nullable=True)
    at: Mapped[datetime] = Column(UTCDateTime, nullable=False, default=utcnow, index=True)
    details: Mapped[dict[str, Any] | None] = Column(JSON, nullable=True)
    # Tamper evidence (bot/db/audit.py): HMAC of this row chained to the previous row's.
    prev_mac: Mapped[str | None] = Column(String(64), nullable=True)
    mac: Mapped[str | None] = Column(String(64), nullable=True)


class OutboxMessage(Base):
    """A notification to deliver (``kind`` email | webhook | fhir), retried with backoff.

    ``payload`` holds what the sender needs (subject/text/url; for fhir the hand-off id) and
    never clinical answers or contact details. ``purpose`` is ``"handoff"``,
    ``"crisis_reminder"``, ``"handoff_update"`` or ``"fhir_export"``.
    """

    __tablename__ = "outbox"
    __table_args__ = (Index("ix_outbox_due", "delivered_at", "next_attempt_at"),)

    id: Mapped[int] = id_column()
    kind: Mapped[str] = Column(String(10), nullable=False)
    purpose: Mapped[str] = Column(String(30), nullable=False, default="handoff")
    handoff_id: Mapped[int | None] = Column(
        Integer, ForeignKey("handoffs.id", ondelete="CASCADE"), nullable=True, index=True
    )
    payload: Mapped[dict[str, Any]] = Column(JSON, nullable=False)
    attempts: Mapped[int] = Column(Integer, nullable=False, default=0)
    next_attempt_at: Mapped[datetime] = now_column()
    delivered_at: Mapped[datetime | None] = Column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = Column(Text, nullable=True)
    created_at: Mapped[datetime] = now_column()

    handoff = relationship("Handoff")

    def __repr__(self) -> str:
        return f"<OutboxMessage {self.id} {self.kind} attempts={self.attempts}>"


class UnansweredQuestion(Base):
    """A visitor question the assistant could not answer (``candidates``: near FAQ topics)."""

    __tablename__ = "unanswered_questions"

    id: Mapped[int] = id_column()
    conversation_id: Mapped[str] = parent_column("conversations.id", HashedLookup)
    text: Mapped[str] = Column(EncryptedText, nullable=False)
    candidates: Mapped[list[Any] | None] = Column(JSON, nullable=True)  # FAQ topic ids
    created_at: Mapped[datetime] = now_column()


class FaqTopicAsked(Base):
    """An FAQ topic a visitor asked about."""

    __tablename__ = "faq_topics_asked"

    id: Mapped[int] = id_column()
    conversation_id: Mapped[str] = parent_column("conversations.id", HashedLookup)
    topic: Mapped[str] = Column(String(100), nullable=False)
    created_at: Mapped[datetime] = now_column()


# Tables that hold data about one visitor, keyed by conversation_id (used by export/delete).
VISITOR_TABLES = (Message, ScreeningAnswer, Handoff, UnansweredQuestion, FaqTopicAsked)


def _hash_on_set(target: Any, value: Any, oldvalue: Any, initiator: Any) -> Any:
    """An id set on an object becomes its hash at once, as it will be in the database, so an
    object made here and one loaded from a row hold (and are identified by) the same value."""
    return None if value is None else lookup_hash(value)


for _model, _attribute in ((Conversation, "id"), *((m, "conversation_id") for m in VISITOR_TABLES)):
    event.listen(getattr(_model, _attribute), "set", _hash_on_set, retval=True)
