"""Scored instruments (PHQ-9, GAD-7): loading and validating ``content/instruments/<name>.yml``.

The wording, answers and bands of a validated instrument are fixed by its authors; they are
data so they can be reviewed next to the rest of the clinic's content. This module turns a
file into immutable :class:`Instrument` objects and refuses files that would give wrong
scores (duplicate ids, bands with gaps or overlaps, unknown answer codes, missing or mistyped
LOINC codes) or show staff-only words (scores, severity) to visitors.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.instruments.file_fields import (
    InstrumentFileError,
    InstrumentIdentity,
    UnknownInstrumentError,
    loinc_code,
    mapping_list,
    parse_id,
    read_yaml,
    text_field,
    visitor_text_problems,
    whole_number,
)
from bot.settings import CONTENT_DIR

INSTRUMENTS_DIR = CONTENT_DIR / "instruments"

# Instruments scored by bot.instruments.scoring. The C-SSRS screener (yes/no with skip logic,
# no total) has its own module, bot.instruments.cssrs.
SCORED_INSTRUMENTS = ("phq9", "gad7")

# Stored answers and exports refer to these codes; a renamed code would orphan old answers.
OPTION_CODES = ("not_at_all", "several_days", "more_than_half", "nearly_every_day")


@dataclass(frozen=True)
class AnswerOption:
    """One answer offered for every item, with its score and LOINC answer code (LA...)."""

    code: str
    text: str
    score: int
    loinc: str


@dataclass(frozen=True)
class InstrumentItem:
    """One item (question) in asking order; ``number`` starts at 1."""

    id: str
    number: int
    text: str
    loinc: str
    # Words a visitor may use to name the item ("the sleep question"); never shown.
    keywords: tuple[str, ...] = ()


@dataclass(frozen=True)
class Band:
    """A range of totals (both ends included) and its staff-only label."""

    min_score: int
    max_score: int
    label: str


@dataclass(frozen=True)
class Instrument(InstrumentIdentity):
    """A validated scored instrument as loaded from its file."""

    stem: str
    loinc_panel: str
    loinc_total: str
    items: tuple[InstrumentItem, ...]
    options: tuple[AnswerOption, ...]
    bands: tuple[Band, ...]
    crisis_item: str | None = None
    crisis_on_score_at_least: int | None = None

    @property
    def item_ids(self) -> list[str]:
        """Item ids in asking order."""
        return [item.id for item in self.items]

    @property
    def max_total(self) -> int:
        """The highest possible total (every item at the highest-scored answer)."""
        return len(self.items) * max(option.score for option in self.options)

    def option(self, code: str) -> AnswerOption | None:
        """The answer option with ``code``, or None."""
        return next((option for option in self.options if option.code == code), None)

    def band_for(self, total: int) -> Band:
        """The band containing ``total`` (ValueError outside 0..max_total)."""
        for band in self.bands:
            if band.min_score <= total <= band.max_score:
                return band
        raise ValueError(f"{self.short_name}: total {total} is outside 0..{self.max_total}")

    def visitor_texts(self) -> list[tuple[str, str]]:
        """(where, text) for everything a visitor sees: stem, item texts, answer texts."""
        return [
            ("stem", self.stem),
            *((f"item {item.id}", item.text) for item in self.items),
            *((f"option {option.code}", option.text) for option in self.options),
        ]


def _parse_options(raw: dict[str, Any], where: str) -> tuple[AnswerOption, ...]:
    options: list[AnswerOption] = []
    seen: set[str] = set()
    for entry in mapping_list(raw, "options", where):
        code = parse_id(entry.get("code"), seen, f"{where} option")
        if code not in OPTION_CODES:
            raise InstrumentFileError(
                f"{where}: unknown option code {code!r}; allowed: {', '.join(OPTION_CODES)}"
            )
        at = f"{where} option {code!r}"
        text, loinc = text_field(entry, "text", at), loinc_code(entry.get("loinc"), at, answer=True)
        options.append(AnswerOption(code, text, whole_number(entry, "score", at), loinc))
    scores = sorted(option.score for option in options)
    if scores != list(range(len(options))):
        raise InstrumentFileError(f"{where}: option scores must be 0, 1, 2, ... once each")
    return tuple(options)


def _parse_bands(raw: dict[str, Any], where: str, max_total: int) -> tuple[Band, ...]:
    bands: list[Band] = []
    for entry in mapping_list(raw, "bands", where):
        at = f"{where} band {entry.get('label')!r}"
        bands.append(
            Band(
                whole_number(entry, "min", at),
                whole_number(entry, "max", at),
                text_field(entry, "label", at),
            )
        )
    expected = 0  # the lowest total no band has covered yet
    for band in sorted(bands, key=lambda band: band.min_score):
        if band.min_score > band.max_score:
            raise InstrumentFileError(f"{where}: band {band.label!r} has min above max")
        if band.min_score != expected:
            problem = "overlap" if band.min_score < expected else "gap"
            raise InstrumentFileError(
                f"{where}: bands must not leave gaps or overlap ({problem}): band "
                f"{band.label!r} starts at {band.min_score}, the band below ends at {expected - 1}"
            )
        expected = band.max_score + 1
    if expected - 1 != max_total:
        raise InstrumentFileError(
            f"{where}: bands must cover 0..{max_total} exactly; they end at {expected - 1}"
        )
    if len({band.label for band in bands}) != len(bands):
        raise InstrumentFileError(f"{where}: band labels must be unique")
    return tuple(sorted(bands, key=lambda band: band.min_score))


def _parse_crisis(
    raw: dict[str, Any], where: str, item_ids: set[str], top_score: int
) -> int | None:
    crisis_item, threshold = raw.get("crisis_item"), raw.get("crisis_on_score_at_least")
    if (crisis_item is None) != (threshold is None):
        raise InstrumentFileError(f"{where}: crisis_item and crisis_on_score_at_least go together")
    if crisis_item is None:
        return None
    if crisis_item not in item_ids:
        raise InstrumentFileError(f"{where}: crisis_item {crisis_item!r} is not an item id")
    threshold = whole_number(raw, "crisis_on_score_at_least", where)
    # 0 would start the crisis protocol on every answer; above the top score, never.
    if not 1 <= threshold <= top_score:
        raise InstrumentFileError(f"{where}: crisis_on_score_at_least must be 1..{top_score}")
    return threshold


def parse_instrument(raw: object) -> Instrument:
    """Validate the parsed YAML document ``raw`` and build an :class:`Instrument`."""
    if not isinstance(raw, dict):
        raise InstrumentFileError("the file must be a mapping with id, stem, options, items, bands")
    ident = parse_id(raw.get("id"), set(), "instrument")
    loinc = raw.get("loinc")
    if not isinstance(loinc, dict):
        raise InstrumentFileError(f"{ident}: `loinc:` with panel and total codes is missing")
    options = _parse_options(raw, ident)
    seen: set[str] = set()
    items: list[InstrumentItem] = []
    for number, entry in enumerate(mapping_list(raw, "items", ident), start=1):
        item_id = parse_id(entry.get("id"), seen, f"{ident} item #{number}")
        at = f"{ident} item {item_id!r}"
        text, item_loinc = text_field(entry, "text", at), loinc_code(entry.get("loinc"), at)
        keywords = tuple(str(k).strip().lower() for k in entry.get("keywords") or () if k)
        items.append(InstrumentItem(item_id, number, text, item_loinc, keywords))
    top_score = len(options) - 1
    instrument = Instrument(
        id=ident,
        name=text_field(raw, "name", ident),
        short_name=text_field(raw, "short_name", ident),
        source=text_field(raw, "source", ident),
        stem=text_field(raw, "stem", ident),
        loinc_panel=loinc_code(loinc.get("panel"), f"{ident} loinc.panel"),
        loinc_total=loinc_code(loinc.get("total"), f"{ident} loinc.total"),
        items=tuple(items),
        options=options,
        bands=_parse_bands(raw, ident, len(items) * top_score),
        crisis_item=raw.get("crisis_item"),
        crisis_on_score_at_least=_parse_crisis(raw, ident, seen, top_score),
    )
    labels = [band.label for band in instrument.bands]
    for where, text in instrument.visitor_texts():
        if problems := visitor_text_problems(text, labels):
            raise InstrumentFileError(
                f"{ident}: {where} shows the staff-only word {problems[0]!r} to visitors"
            )
    return instrument


def load_instrument_file(path: Path | str) -> Instrument:
    """Read and validate one instrument file (any path; tests and hand checks)."""
    return parse_instrument(read_yaml(Path(path)))


def _known(name: str, context: str = "") -> str:
    if name not in SCORED_INSTRUMENTS:
        raise UnknownInstrumentError(
            f"unknown instrument {name!r}{context}; available: {', '.join(SCORED_INSTRUMENTS)}"
        )
    return name


@lru_cache(maxsize=8)
def load_instrument(name: str) -> Instrument:
    """The shipped instrument ``name`` ("phq9", "gad7"), read once per process."""
    path = INSTRUMENTS_DIR / f"{_known(name)}.yml"
    instrument = load_instrument_file(path)
    if instrument.id != name:
        raise InstrumentFileError(f"{path.name}: id is {instrument.id!r}, expected {name!r}")
    return instrument


def enabled_instruments(setting: str) -> tuple[str, ...]:
    """Parse a comma-separated setting ("phq9,gad7") into names in order; blank means none."""
    names = [part.strip().lower() for part in (setting or "").split(",") if part.strip()]
    # dict.fromkeys drops repeats ("phq9,phq9") but keeps the clinic's order.
    return tuple(_known(name, f" in setting {setting!r}") for name in dict.fromkeys(names))
