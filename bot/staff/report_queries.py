"""Staff reports: visitors' unanswered questions, FAQ topic counts and the audit log list."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.db.models import (
    AuditEvent,
    FaqTopicAsked,
    UnansweredQuestion,
)
from bot.db.types import utcnow


# Ids beyond a signed 64-bit integer cannot exist; looking them up would overflow the driver.
@dataclass
class UnansweredGroup:
    """Visitor questions that read the same once case, spacing and end punctuation go."""

    example: str
    kind: str
    count: int = 0
    conversations: set[str] = field(default_factory=set)
    first_asked: datetime | None = None
    last_asked: datetime | None = None
    near_topics: Counter[str] = field(default_factory=Counter)

    @property
    def conversation_count(self) -> int:
        """How many different conversations asked it."""
        return len(self.conversations)

    @property
    def top_topics(self) -> list[str]:
        """The FAQ topics most often suggested as near matches."""
        return [topic for topic, _ in self.near_topics.most_common(3)]


_SPACES = re.compile(r"\s+")
OUT_OF_SCOPE = "out_of_scope"


def normalize_question(text: str) -> str:
    """Grouping key for a visitor question."""
    return _SPACES.sub(" ", text).strip().strip("?!. ").lower()


def _candidate_names(candidates: Any) -> list[str]:
    """Topic names from the ``candidates`` JSON (strings or dicts with a name-like key)."""
    names = []
    for item in candidates if isinstance(candidates, list) else []:
        if isinstance(item, str):
            names.append(item)
        elif isinstance(item, dict):
            for key in ("topic", "intent", "name"):
                if isinstance(item.get(key), str):
                    names.append(item[key])
                    break
    return names


def question_kind(candidates: Any) -> str:
    """``"out_of_scope"`` when ``candidates`` marks it so, else ``"unanswered"``."""
    names = _candidate_names(candidates)
    return "out_of_scope" if any(OUT_OF_SCOPE in name for name in names) else "unanswered"


def unanswered_report(*, session: Session, limit_rows: int = 20000) -> list[UnansweredGroup]:
    """Unanswered and out-of-scope questions grouped, most asked first."""
    statement = (
        select(
            UnansweredQuestion.text,
            UnansweredQuestion.candidates,
            UnansweredQuestion.conversation_id,
            UnansweredQuestion.created_at,
        )
        .order_by(UnansweredQuestion.id.desc())
        .limit(limit_rows)
    )
    groups: dict[tuple[str, str], UnansweredGroup] = {}
    for text, candidates, conversation_id, created_at in session.execute(statement):
        kind = question_kind(candidates)
        key = (kind, normalize_question(text or ""))
        group = groups.get(key)
        if group is None:
            # Rows come newest first, so the example is the latest wording.
            group = groups[key] = UnansweredGroup(example=text or "", kind=kind)
        group.count += 1
        group.conversations.add(conversation_id)
        group.last_asked = max(filter(None, (group.last_asked, created_at)))
        group.first_asked = min(filter(None, (group.first_asked, created_at)))
        group.near_topics.update(n for n in _candidate_names(candidates) if n != OUT_OF_SCOPE)
    now = utcnow()
    return sorted(groups.values(), key=lambda g: (-g.count, -(g.last_asked or now).timestamp()))


def faq_topic_counts(*, session: Session) -> list[tuple[str, int]]:
    """How often each FAQ topic was asked, most asked first."""
    count = func.count(FaqTopicAsked.id)
    statement = (
        select(FaqTopicAsked.topic, count)
        .group_by(FaqTopicAsked.topic)
        .order_by(count.desc(), FaqTopicAsked.topic)
    )
    return [(topic, number) for topic, number in session.execute(statement)]


def list_audit_events(
    *,
    session: Session,
    actor: str | None = None,
    action: str | None = None,
    before_id: int | None = None,
    limit: int = 200,
) -> list[AuditEvent]:
    """Audit events newest first, optionally by actor / action prefix, paged by id."""
    statement = select(AuditEvent)
    if actor:
        statement = statement.where(AuditEvent.actor == actor)
    if action:
        statement = statement.where(AuditEvent.action.startswith(action, autoescape=True))
    if before_id is not None:
        statement = statement.where(AuditEvent.id < before_id)
    statement = statement.order_by(AuditEvent.id.desc()).limit(limit)
    return list(session.execute(statement).scalars())
