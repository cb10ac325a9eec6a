"""The C-SSRS screener in the hand-off summary: triage level, answers verbatim, times.

For staff only: the visitor is never shown a level. Built from the stored answer rows
(question id -> yes / no / not_sure / declined / unclear, with the visitor's words); only
yes and no count towards the level, so anything else leaves the screener partial and the
level a floor ("it may be higher").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.instruments.cssrs import default_screener, triage
from bot.summary.records import iso_seconds, record_from

HEADING = "Columbia suicide screener (C-SSRS screener; for staff only)"


@dataclass(frozen=True)
class TriageItem:
    """One screener question: its number and wording, the visitor's words, the value read."""

    question_id: str
    number: str
    text: str
    raw_text: str
    answer: str
    answered_at: str | None = None


@dataclass(frozen=True)
class TriageResult:
    """The triage level the answers support (a floor when partial), and every answer."""

    level: str
    label: str
    colour: str | None
    staff_label: str
    partial: bool
    unanswered: tuple[str, ...] = field(default_factory=tuple)
    started_at: str | None = None
    answered_at: str | None = None
    items: tuple[TriageItem, ...] = field(default_factory=tuple)


def triage_result(answers: Iterable[Any]) -> TriageResult | None:
    """The screener's result from stored answer rows, or None when none was answered.

    ``answers`` are rows with ``question_id``, ``raw_text``, ``value``, ``created_at``;
    rows of other questions are ignored.
    """
    screener = default_screener()
    rows = {row.question_id: row for row in answers if screener.get(row.question_id)}
    if not rows:
        return None
    counted = {qid: row.value == "yes" for qid, row in rows.items() if row.value in ("yes", "no")}
    result = triage(counted, screener)
    items = tuple(
        TriageItem(
            question_id=question.id,
            number=question.number,
            text=question.text,
            raw_text=rows[question.id].raw_text,
            answer=str(rows[question.id].value),
            answered_at=iso_seconds(rows[question.id].created_at),
        )
        for question in screener.questions
        if question.id in rows
    )
    times = [row.created_at for row in rows.values() if row.created_at]
    return TriageResult(
        level=result.level,
        label=result.label,
        colour=result.colour,
        staff_label=result.staff_label,
        partial=result.partial,
        unanswered=result.unanswered,
        started_at=iso_seconds(min(times)) if times else None,
        answered_at=iso_seconds(max(times)) if times else None,
        items=items,
    )


def triage_to_dict(result: TriageResult | None) -> dict[str, Any] | None:
    """JSON-ready form (stored in the hand-off's summary)."""
    return asdict(result) if result is not None else None


def triage_from_dict(data: dict[str, Any] | None) -> TriageResult | None:
    """Rebuild :func:`triage_to_dict` output (None stays None)."""
    if not isinstance(data, dict):
        return None
    return record_from(
        TriageResult,
        data,
        unanswered=tuple(data.get("unanswered") or ()),
        items=tuple(record_from(TriageItem, item) for item in data.get("items") or []),
    )


def render_triage_lines(result: TriageResult | None) -> list[str]:
    """The staff text of the screener (empty when it was not answered)."""
    if result is None:
        return []
    lines = [HEADING, f"  Triage: {result.staff_label}"]
    if result.answered_at:
        lines.append(f"  Answered: {result.started_at} to {result.answered_at}")
    for item in result.items:
        answer = item.answer.replace("_", " ")
        lines.append(f'    {item.number}. {item.text}: {answer}; typed "{item.raw_text}"')
    return lines
