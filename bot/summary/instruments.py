"""PHQ-9 / GAD-7 results in the hand-off summary: for staff only, never shown to visitors.

Built from the stored answers (item id -> answer code, with the visitor's words), scored by
:mod:`bot.instruments.scoring`. An item answered "prefer not to say" or left unclear is
unanswered for scoring, so the form shows as not scored with the missing items listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from bot.instruments.content import SCORED_INSTRUMENTS, load_instrument
from bot.instruments.scoring import STAFF_NOTE, score
from bot.summary.records import iso_seconds, record_from

HEADING = f"Screening instruments (for staff only; {STAFF_NOTE})"


@dataclass(frozen=True)
class InstrumentItemAnswer:
    """One item: its wording, the visitor's words, the answer read and its score."""

    item_id: str
    text: str
    raw_text: str
    answer: str
    answer_text: str
    score: int | None


@dataclass(frozen=True)
class InstrumentResult:
    """One instrument for staff: total and band when complete, every item, crisis item."""

    instrument_id: str
    name: str
    total: int | None
    max_total: int
    band: str | None
    staff_label: str
    crisis_item_positive: bool
    answered_at: str | None = None
    items: tuple[InstrumentItemAnswer, ...] = field(default_factory=tuple)


def instrument_results(answers: Iterable[Any]) -> tuple[InstrumentResult, ...]:
    """Results of every instrument with at least one answered item.

    ``answers`` are stored answer rows (``question_id``, ``raw_text``, ``value``,
    ``created_at``); rows that are not instrument items are ignored.
    """
    rows = {row.question_id: row for row in answers}
    results = []
    for name in SCORED_INSTRUMENTS:
        instrument = load_instrument(name)
        mine = {item_id: rows[item_id] for item_id in instrument.item_ids if item_id in rows}
        if not mine:
            continue
        codes = {
            item_id: row.value
            for item_id, row in mine.items()
            if isinstance(row.value, str) and instrument.option(row.value) is not None
        }
        result = score(instrument, codes)
        items = []
        for item in instrument.items:
            row = mine.get(item.id)
            option = instrument.option(row.value) if row and isinstance(row.value, str) else None
            items.append(
                InstrumentItemAnswer(
                    item_id=item.id,
                    text=item.text,
                    raw_text=row.raw_text if row else "",
                    answer=str(row.value) if row else "",
                    answer_text=option.text if option else (str(row.value) if row else ""),
                    score=option.score if option else None,
                )
            )
        last = max((row.created_at for row in mine.values() if row.created_at), default=None)
        results.append(
            InstrumentResult(
                instrument_id=name,
                name=instrument.short_name,
                total=result.total,
                max_total=result.max_total,
                band=result.band,
                staff_label=result.staff_label,
                crisis_item_positive=result.starts_crisis,
                answered_at=iso_seconds(last),
                items=tuple(items),
            )
        )
    return tuple(results)


def results_to_dicts(results: Iterable[InstrumentResult]) -> list[dict[str, Any]]:
    """JSON-ready form (stored in the hand-off's summary)."""
    return [asdict(result) for result in results]


def results_from_dicts(data: Iterable[dict[str, Any]] | None) -> tuple[InstrumentResult, ...]:
    """Rebuild :func:`results_to_dicts` output."""
    return tuple(
        record_from(
            InstrumentResult,
            entry,
            items=tuple(
                record_from(InstrumentItemAnswer, item) for item in entry.get("items") or []
            ),
        )
        for entry in data or []
    )


def render_lines(results: Iterable[InstrumentResult]) -> list[str]:
    """The staff text of the instruments (empty when none was answered)."""
    results = list(results)
    if not results:
        return []
    lines = [HEADING]
    for result in results:
        total = f"{result.total}/{result.max_total}, " if result.total is not None else ""
        lines.append(f"  {result.name}: {total}{result.staff_label}")
        if result.crisis_item_positive:
            lines.append("    CRISIS ITEM POSITIVE (item 9): follow the crisis protocol")
        for number, item in enumerate(result.items, start=1):
            if not item.answer:
                lines.append(f"    {number}. {item.text}: not answered")
                continue
            points = f" ({item.score})" if item.score is not None else ""
            lines.append(
                f'    {number}. {item.text}: {item.answer_text}{points}; typed "{item.raw_text}"'
            )
    return lines
