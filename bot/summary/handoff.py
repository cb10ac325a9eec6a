"""The hand-off summary: one structured record, rendered both as text and as JSON.

:class:`HandoffSummary` is built once from the database. :func:`render_text` and
:func:`summary_to_dict` both read only that record, and :func:`summary_from_dict` turns the
stored JSON back into it, so the text shown to staff and the JSON can never disagree.

Wording rules: flagged answers come first and are labelled "for clinician review"; the
summary never says a visitor is or is not eligible / a candidate.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from bot.db.answers import current_answers
from bot.db.conversations import (
    ensure_conversation,
    get_conversation,
    list_faq_topics,
    list_unanswered,
)
from bot.db.crypto import lookup_hash
from bot.db.models import HANDOFF_REASON_LABELS, HANDOFF_REASONS
from bot.db.types import utcnow
from bot.settings import Settings, get_settings
from bot.summary.instruments import (
    InstrumentResult,
    instrument_results,
    render_lines,
    results_from_dicts,
    results_to_dicts,
)
from bot.summary.question_texts import load_question_texts
from bot.summary.records import iso_seconds, record_from
from bot.summary.triage import (
    TriageResult,
    render_triage_lines,
    triage_from_dict,
    triage_result,
    triage_to_dict,
)

SCHEMA_VERSION = 1
REVIEW_LABEL = "for clinician review"

METHOD_LABELS = {
    "call": "Phone call",
    "phone": "Phone call",
    "text": "Text message",
    "email": "Email",
}


@dataclass(frozen=True)
class SummaryAnswer:
    """One screening answer: the question, the visitor's words verbatim, the reading of them."""

    question_id: str
    question: str
    raw_text: str
    value: Any
    flagged: bool
    answered_at: str | None = None


@dataclass(frozen=True)
class HandoffSummary:
    """Everything staff need to pick up a conversation (the single source of both renderings)."""

    conversation_id: str
    reason: str
    urgency: str
    created_at: str
    handoff_id: int | None = None
    transcript_url: str | None = None
    visitor_name: str | None = None
    contact_method: str | None = None
    phone: str | None = None
    email: str | None = None
    best_time: str | None = None
    consent_at: str | None = None
    crisis_at: str | None = None
    answers: tuple[SummaryAnswer, ...] = field(default_factory=tuple)  # flagged first
    faq_topics: tuple[str, ...] = field(default_factory=tuple)
    unanswered_questions: tuple[str, ...] = field(default_factory=tuple)
    # PHQ-9 / GAD-7 (bot/handoffs/instrument_summary.py): staff only.
    instruments: tuple[InstrumentResult, ...] = field(default_factory=tuple)
    # The C-SSRS screener after a crisis (bot/handoffs/triage_summary.py): staff only.
    triage: TriageResult | None = None

    @property
    def reason_label(self) -> str:
        """Human wording of ``reason``."""
        return HANDOFF_REASON_LABELS.get(self.reason, self.reason)

    @property
    def flagged_count(self) -> int:
        """How many answers are marked for clinician review."""
        return sum(1 for answer in self.answers if answer.flagged)


def build_summary(
    *,
    session: Session,
    conversation_id: str,
    reason: str,
    handoff_id: int | None = None,
    urgency: str | None = None,
    settings: Settings | None = None,
) -> HandoffSummary:
    """Collect the summary for ``conversation_id`` from the database.

    ``urgency`` defaults to "urgent" for crisis hand-offs or conversations marked urgent.
    """
    if reason not in HANDOFF_REASONS:
        raise ValueError(f"reason must be one of {HANDOFF_REASONS}")
    settings = settings or get_settings()
    # Reading must not count as visitor activity (retention runs from last_seen_at).
    conversation = get_conversation(
        session=session, conversation_id=conversation_id
    ) or ensure_conversation(session=session, conversation_id=conversation_id)
    if urgency is None:
        urgency = "urgent" if reason == "crisis" or conversation.urgent else "normal"

    texts = load_question_texts()
    order = {question_id: index for index, question_id in enumerate(texts)}
    latest = current_answers(session=session, conversation_id=conversation_id)
    instruments = instrument_results(latest.values())
    triage = triage_result(latest.values())
    own_sections = {item.item_id for result in instruments for item in result.items}
    own_sections |= {item.question_id for item in (triage.items if triage else ())}
    latest = {qid: row for qid, row in latest.items() if qid not in own_sections}
    answered_order = {question_id: index for index, question_id in enumerate(latest)}
    answers = [
        SummaryAnswer(
            question_id=row.question_id,
            question=texts.get(row.question_id, row.question_id),
            raw_text=row.raw_text,
            value=row.value,
            flagged=bool(row.flagged),
            answered_at=iso_seconds(row.created_at),
        )
        for row in latest.values()
    ]
    # Flagged first; then questionnaire order (unknown ids after, in the order answered).
    answers.sort(
        key=lambda a: (
            not a.flagged,
            order.get(a.question_id, len(order)),
            answered_order[a.question_id],
        )
    )
    return HandoffSummary(
        # The keyed hash, as staff pages, the CLI and FHIR name the conversation everywhere
        # (the raw id is the visitor's: it opens nothing without the token, but stays theirs).
        conversation_id=lookup_hash(conversation_id),
        reason=reason,
        urgency=urgency,
        created_at=utcnow().isoformat(timespec="seconds"),
        handoff_id=handoff_id,
        transcript_url=settings.handoff_url(handoff_id) if handoff_id is not None else None,
        visitor_name=conversation.contact_name,
        contact_method=conversation.contact_method,
        phone=conversation.contact_phone,
        email=conversation.contact_email,
        best_time=conversation.contact_best_time,
        consent_at=iso_seconds(conversation.consent_at),
        crisis_at=iso_seconds(conversation.crisis_at),
        answers=tuple(answers),
        faq_topics=tuple(list_faq_topics(session=session, conversation_id=conversation_id)),
        unanswered_questions=tuple(
            row.text for row in list_unanswered(session=session, conversation_id=conversation_id)
        ),
        instruments=instruments,
        triage=triage,
    )


def summary_to_dict(summary: HandoffSummary) -> dict[str, Any]:
    """JSON-ready dict of the summary (stored in ``handoffs.summary_json``)."""
    data = asdict(summary)
    data["answers"] = [asdict(answer) for answer in summary.answers]
    data["faq_topics"] = list(summary.faq_topics)
    data["unanswered_questions"] = list(summary.unanswered_questions)
    data["instruments"] = results_to_dicts(summary.instruments)
    data["triage"] = triage_to_dict(summary.triage)
    data["reason_label"] = summary.reason_label
    data["flagged_count"] = summary.flagged_count
    data["schema_version"] = SCHEMA_VERSION
    return data


def summary_from_dict(data: dict[str, Any]) -> HandoffSummary:
    """Rebuild the record from :func:`summary_to_dict` output (e.g. the stored JSON)."""
    return record_from(
        HandoffSummary,
        data,
        answers=tuple(record_from(SummaryAnswer, answer) for answer in data.get("answers") or []),
        faq_topics=tuple(data.get("faq_topics") or ()),
        unanswered_questions=tuple(data.get("unanswered_questions") or ()),
        instruments=results_from_dicts(data.get("instruments")),
        triage=triage_from_dict(data.get("triage")),
    )


def format_value(value: Any) -> str:
    """Interpreted value for display (booleans as yes/no, lists comma-joined)."""
    if value is None:
        return "(not interpreted)"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(item) for item in value) or "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}: {format_value(v)}" for k, v in value.items()) or "(none)"
    if isinstance(value, str) and value.isidentifier():
        return value.replace("_", " ")  # option codes such as "not_sure"
    return str(value)


def _or_dash(value: str | None) -> str:
    return value if value else "-"


def render_text(summary: HandoffSummary) -> str:
    """Human-readable plain text of the summary, for the staff screen and exports."""
    title = f"Hand-off #{summary.handoff_id}" if summary.handoff_id is not None else "Hand-off"
    if summary.urgency == "urgent":
        title += " - URGENT"
    lines = [
        title,
        f"Reason: {summary.reason_label}",
        f"Urgency: {summary.urgency}",
        f"Conversation: {summary.conversation_id}",
        f"Created: {summary.created_at}",
    ]
    if summary.crisis_at:
        lines.append(f"Crisis language first seen: {summary.crisis_at}")
    method = METHOD_LABELS.get(summary.contact_method or "", summary.contact_method)
    lines += [
        "",
        "Visitor",
        f"  Name: {_or_dash(summary.visitor_name)}",
        f"  Preferred contact method: {_or_dash(method)}",
        f"  Phone: {_or_dash(summary.phone)}",
        f"  Email: {_or_dash(summary.email)}",
        f"  Best time to reach: {_or_dash(summary.best_time)}",
        f"  Consent given: {summary.consent_at or 'not recorded'}",
        "",
    ]
    if summary.triage:
        # Right after who to reach: the first thing the care team acts on in a crisis.
        lines += [*render_triage_lines(summary.triage), ""]
    if summary.answers:
        heading = f"Screening answers ({len(summary.answers)}"
        if summary.flagged_count:
            heading += f", {summary.flagged_count} {REVIEW_LABEL}"
        lines.append(heading + ")")
        for answer in summary.answers:
            marker = f"[{REVIEW_LABEL.capitalize()}] " if answer.flagged else ""
            lines.append(f"  {marker}{answer.question}")
            lines.append(f'    Answer as given: "{answer.raw_text}"')
            lines.append(f"    Interpreted as: {format_value(answer.value)}")
    else:
        lines.append("Screening answers: none given")
    if summary.instruments:
        lines.append("")
        lines += render_lines(summary.instruments)
    lines.append("")
    topics = ", ".join(summary.faq_topics) if summary.faq_topics else "none"
    lines.append(f"FAQ topics asked: {topics}")
    if summary.unanswered_questions:
        lines.append("Questions the assistant could not answer:")
        lines += [f'  - "{text}"' for text in summary.unanswered_questions]
    else:
        lines.append("Questions the assistant could not answer: none")
    lines.append("")
    lines.append(f"Full transcript: {summary.transcript_url or '(link available once saved)'}")
    return "\n".join(lines) + "\n"
