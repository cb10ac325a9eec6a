"""The C-SSRS screener on the staff pages: the level badge, what was not answered, and every
question of the screener with the visitor's words.

Read only from the hand-off's stored summary (``summary_json["triage"]``), like the rest of
the hand-off page: staff see what the assistant recorded, never today's data.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.models import Handoff
from bot.instruments.cssrs import STAFF_NOTE, default_screener, triage
from bot.staff.queries import HandoffRow
from bot.staff.templating import format_time
from bot.summary.triage import TriageResult, triage_from_dict

HEADING = "Columbia suicide screener (C-SSRS screener)"
# Badge classes by the screener file's triage colours; "none" has no colour (neutral badge).
BADGE_CLASSES = {"red": "triage-red", "orange": "triage-orange", "yellow": "triage-yellow"}
NEUTRAL_BADGE = "triage-none"
ANSWER_LABELS = {
    "yes": "Yes",
    "no": "No",
    "not_sure": "Not sure",
    "declined": "Declined to answer",
    "unclear": "Could not be read",
}


@dataclass(frozen=True)
class TriageBadge:
    """The level as a badge: its label, the CSS class of its colour, and partial or not."""

    level: str
    label: str
    css_class: str
    partial: bool


@dataclass(frozen=True)
class TriageRow:
    """One question of the screener as the table shows it."""

    number: str
    text: str
    answer: str
    raw_text: str
    answered_at: str
    # "answered", "unanswered" (the skip logic still needed it) or "skipped" (not asked).
    state: str


@dataclass(frozen=True)
class TriageView:
    """Everything the hand-off page shows of the screener."""

    badge: TriageBadge
    because: str
    unanswered: tuple[str, ...]
    answered_range: str
    rows: tuple[TriageRow, ...]
    heading: str = HEADING
    note: str = STAFF_NOTE


def badge(result: TriageResult) -> TriageBadge:
    """The level badge of a screener result (neutral for "no risk identified")."""
    css_class = BADGE_CLASSES.get(result.colour or "", NEUTRAL_BADGE)
    return TriageBadge(result.level, result.label, css_class, result.partial)


def _parse(value: str | None) -> datetime | None:
    try:
        return datetime.fromisoformat(value) if value else None
    except ValueError:
        return None  # a malformed stored time is shown as missing, not as an error page


def time_range(start: str | None, end: str | None) -> str:
    """``2024-05-01 12:00 UTC`` or ``2024-05-01 12:00-12:04 UTC`` (empty when unknown)."""
    first, last = _parse(start), _parse(end)
    if first is None or last is None:
        return format_time(first or last)
    if first.date() == last.date():
        if first.strftime("%H:%M") == last.strftime("%H:%M"):
            return format_time(first)
        return f"{first:%Y-%m-%d %H:%M}\u2013{last:%H:%M} UTC"
    return f"{format_time(first)} \u2013 {format_time(last)}"


def _because(result: TriageResult) -> str:
    """Which yes answers set the level ("yes to 3, 6"), recomputed from the stored answers."""
    counted = {i.question_id: i.answer == "yes" for i in result.items if i.answer in ("yes", "no")}
    known = {qid: value for qid, value in counted.items() if default_screener().get(qid)}
    numbers = triage(known).because
    return f"yes to {', '.join(numbers)}" if numbers else "no yes answer"


def clock(value: str | None, day: datetime | None) -> str:
    """``12:03:07`` for a time on ``day`` (the range line gives the date), else date and time.

    Seconds, because a screener often takes a minute or two: minutes alone would show one
    time for every answer.
    """
    moment = _parse(value)
    if moment is None:
        return ""
    if day is not None and moment.date() == day.date():
        return f"{moment:%H:%M:%S}"
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def _rows(result: TriageResult) -> tuple[TriageRow, ...]:
    screener = default_screener()
    day = _parse(result.started_at)
    answered = {item.question_id: item for item in result.items}
    numbers = {question.id: question.number for question in screener.questions}
    rows = []
    for question in screener.questions:
        item = answered.get(question.id)
        if item is not None:
            answer = ANSWER_LABELS.get(item.answer, item.answer.replace("_", " "))
            when = clock(item.answered_at, day)
            rows.append(TriageRow(item.number, item.text, answer, item.raw_text, when, "answered"))
        elif question.number in result.unanswered:
            rows.append(
                TriageRow(question.number, question.text, "Not answered", "", "", "unanswered")
            )
        else:
            condition = numbers.get(question.ask_if_yes or "", "")
            reason = f"Not asked (only after yes to {condition})" if condition else "Not asked"
            rows.append(TriageRow(question.number, question.text, reason, "", "", "skipped"))
    return tuple(rows)


def triage_view(result: TriageResult | None) -> TriageView | None:
    """The screener section of the hand-off page, or None when the screener was not answered."""
    if result is None:
        return None
    return TriageView(
        badge=badge(result),
        because=_because(result),
        unanswered=result.unanswered,
        answered_range=time_range(result.started_at, result.answered_at),
        rows=_rows(result),
    )


def queue_badges(*, session: Session, rows: Iterable[HandoffRow]) -> dict[int, TriageBadge]:
    """Level badges of the crisis hand-offs in ``rows`` whose screener was answered."""
    crisis_ids = [row.id for row in rows if row.is_crisis]
    if not crisis_ids:
        return {}
    statement = select(Handoff.id, Handoff.summary_json).where(Handoff.id.in_(crisis_ids))
    badges = {}
    for handoff_id, summary in session.execute(statement):
        result = triage_from_dict(summary.get("triage") if isinstance(summary, dict) else None)
        if result is not None:
            badges[handoff_id] = badge(result)
    return badges
