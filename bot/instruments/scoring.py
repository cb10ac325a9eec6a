"""Scoring PHQ-9 and GAD-7 answers by the published rules: pure functions, no I/O.

The total is the sum of the item scores; the band comes from the instrument file. A form
with unanswered items is not scored: the published bands apply to complete forms only, and
a prorated total would look like a validated result when it is not. Staff see which items
are missing instead. Bands are for staff only and always say they are not a diagnosis.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from bot.instruments.content import Instrument, load_instrument
from bot.instruments.file_fields import InstrumentAnswerError

STAFF_NOTE = "screening score, not a diagnosis"


@dataclass(frozen=True)
class InstrumentScore:
    """The result of one form: total and band when complete, what is missing otherwise."""

    instrument_id: str
    short_name: str
    max_total: int
    # Scores of the items answered, in asking order (read-only).
    item_scores: Mapping[str, int]
    # Item ids not answered, in asking order; any makes the form incomplete (not scored).
    missing: tuple[str, ...]
    total: int | None
    band: str | None
    starts_crisis: bool

    @property
    def complete(self) -> bool:
        """True when every item was answered (only then is there a total and a band)."""
        return not self.missing

    @property
    def staff_label(self) -> str:
        """The band for staff, e.g. "moderate (screening score, not a diagnosis)"."""
        if self.band is None:
            unanswered = len(self.missing)
            total_items = unanswered + len(self.item_scores)
            return f"not scored (incomplete: {unanswered} of {total_items} items unanswered)"
        return f"{self.band} ({STAFF_NOTE})"

    @property
    def staff_summary(self) -> str:
        """One line for staff, e.g. "PHQ-9 12/27: moderate (screening score, not a diagnosis)"."""
        if self.total is None:
            return f"{self.short_name}: {self.staff_label}; missing {', '.join(self.missing)}"
        return f"{self.short_name} {self.total}/{self.max_total}: {self.staff_label}"


def _item_score(instrument: Instrument, item_id: str, code: object) -> int:
    option = instrument.option(code) if isinstance(code, str) else None
    if option is None:
        allowed = ", ".join(option.code for option in instrument.options)
        raise InstrumentAnswerError(
            f"{instrument.short_name} item {item_id!r}: unknown answer {code!r}; allowed: {allowed}"
        )
    return option.score


def item_scores(instrument: Instrument, answers: Mapping[str, str]) -> dict[str, int]:
    """Scores of the answered items in asking order; unknown items or answers raise.

    ``answers`` maps item ids to option codes; an item the visitor did not answer is left out.
    """
    unknown = sorted(set(answers) - set(instrument.item_ids))
    if unknown:
        raise InstrumentAnswerError(
            f"{instrument.short_name}: unknown item ids {unknown}; "
            f"expected {', '.join(instrument.item_ids)}"
        )
    return {
        item_id: _item_score(instrument, item_id, answers[item_id])
        for item_id in instrument.item_ids
        if item_id in answers
    }


def starts_crisis(instrument: Instrument, answers: Mapping[str, str]) -> bool:
    """Whether the answers start the crisis protocol (PHQ-9 item 9 above "Not at all").

    Only the crisis item is read, so a bad answer elsewhere never hides a positive one, and
    an unfinished form counts: the item matters as soon as it is answered.
    """
    item_id, threshold = instrument.crisis_item, instrument.crisis_on_score_at_least
    if item_id is None or threshold is None or item_id not in answers:
        return False
    return _item_score(instrument, item_id, answers[item_id]) >= threshold


def item9_positive(answers: Mapping[str, str]) -> bool:
    """Whether PHQ-9 item 9 (thoughts of being better off dead or self-harm) is positive."""
    return starts_crisis(load_instrument("phq9"), answers)


def score(instrument: Instrument, answers: Mapping[str, str]) -> InstrumentScore:
    """Score a form by the published rules: total and band only when every item is answered."""
    scores = item_scores(instrument, answers)
    missing = tuple(item_id for item_id in instrument.item_ids if item_id not in scores)
    # No prorating: the published bands are validated on complete forms only.
    total = None if missing else sum(scores.values())
    return InstrumentScore(
        instrument_id=instrument.id,
        short_name=instrument.short_name,
        max_total=instrument.max_total,
        item_scores=MappingProxyType(scores),
        missing=missing,
        total=total,
        band=None if total is None else instrument.band_for(total).label,
        starts_crisis=starts_crisis(instrument, answers),
    )
