"""The C-SSRS screener: loading ``content/instruments/cssrs_screener.yml``, skip logic, triage.

The Columbia screener is six yes/no questions with skip logic and no total. Its order, skip
logic and triage cut-offs are data in the file (with their source); this module only applies
them. Triage levels are for staff: a visitor is asked the questions and never told a level.

A screener the visitor stopped or declined part of still gets the level the given answers
support, marked partial: the unanswered questions can only raise the level, never lower it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from bot.instruments.content import INSTRUMENTS_DIR
from bot.instruments.file_fields import (
    InstrumentAnswerError,
    InstrumentFileError,
    InstrumentIdentity,
    mapping_list,
    parse_id,
    read_yaml,
    text_field,
    visitor_text_problems,
)

SCREENER_FILE = INSTRUMENTS_DIR / "cssrs_screener.yml"

# Triage levels from most to least urgent; the file lists rules for all but "none".
LEVELS = ("high", "moderate", "low", "none")
STAFF_NOTE = "screening result, not a diagnosis"


@dataclass(frozen=True)
class ScreenerQuestion:
    """One yes/no question; asked only when ``ask_if_yes`` (if set) was answered yes."""

    id: str
    number: str
    heading: str
    text: str
    timeframe: str
    ask_if_yes: str | None = None
    examples: str = ""
    # How typed replies are read (``reading:`` in the file; never shown). Validated when the
    # conversation builds its yes/no question from it (bot/triage/questions.py).
    reading: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True)
class TriageRule:
    """A triage level that applies when any of ``any_yes`` was answered yes."""

    level: str
    label: str
    colour: str
    any_yes: tuple[str, ...]


@dataclass(frozen=True)
class Screener(InstrumentIdentity):
    """The screener's questions in asking order and its triage rules, most urgent first."""

    questions: tuple[ScreenerQuestion, ...]
    triage: tuple[TriageRule, ...]
    none_label: str

    @property
    def ids(self) -> list[str]:
        """Question ids in asking order."""
        return [question.id for question in self.questions]

    def get(self, question_id: str) -> ScreenerQuestion | None:
        """The question with ``question_id``, or None."""
        return next((q for q in self.questions if q.id == question_id), None)


@dataclass(frozen=True)
class CssrsTriage:
    """The triage level of a (possibly partial) screener and why."""

    level: str
    label: str
    colour: str | None
    # Numbers of the questions answered yes that set the level ("4", "6 (past 3 months)").
    because: tuple[str, ...]
    # Numbers of the questions the skip logic still needs; any makes the screener partial.
    unanswered: tuple[str, ...]

    @property
    def partial(self) -> bool:
        """True when the visitor stopped or declined before the skip logic was finished."""
        return bool(self.unanswered)

    @property
    def staff_label(self) -> str:
        """One line for staff, e.g. "high risk (red): yes to 4; screening result, ..."."""
        text = self.label if self.colour is None else f"{self.label} ({self.colour})"
        if self.because:
            text += f": yes to {', '.join(self.because)}"
        if self.partial:
            text += (
                "; PARTIAL screener (level from the answers given, it may be higher); "
                f"not answered: {', '.join(self.unanswered)}"
            )
        return f"{text}; {STAFF_NOTE}"


def parse_screener(raw: object) -> Screener:
    """Validate the parsed YAML document ``raw`` and build a :class:`Screener`."""
    if not isinstance(raw, dict):
        raise InstrumentFileError("the file must be a mapping with id, questions and triage")
    ident = parse_id(raw.get("id"), set(), "screener")
    seen: set[str] = set()
    questions: list[ScreenerQuestion] = []
    for position, entry in enumerate(mapping_list(raw, "questions", ident), start=1):
        qid = parse_id(entry.get("id"), seen, f"{ident} question #{position}")
        at = f"{ident} question {qid!r}"
        condition = entry.get("ask_if_yes")
        # Skip logic may only look back: a later question is not answered yet.
        if condition is not None and condition not in {q.id for q in questions}:
            raise InstrumentFileError(f"{at}: ask_if_yes {condition!r} is not an earlier question")
        question = ScreenerQuestion(
            id=qid,
            number=str(entry.get("number") or position),
            heading=text_field(entry, "heading", at),
            text=text_field(entry, "text", at),
            timeframe=text_field(entry, "timeframe", at),
            ask_if_yes=condition,
            examples=str(entry.get("examples") or "").strip(),
            reading=_reading(entry.get("reading"), at),
        )
        for shown in (question.text, question.examples):
            if problems := visitor_text_problems(shown):
                raise InstrumentFileError(f"{at}: shows the staff-only word {problems[0]!r}")
        questions.append(question)
    rules: list[TriageRule] = []
    for entry in mapping_list(raw, "triage", ident):
        at = f"{ident} triage level {entry.get('level')!r}"
        any_yes = entry.get("any_yes")
        if not isinstance(any_yes, list) or not any_yes or any(i not in seen for i in any_yes):
            raise InstrumentFileError(f"{at}: any_yes must list question ids of this screener")
        label, colour = text_field(entry, "label", at), text_field(entry, "colour", at)
        rules.append(TriageRule(str(entry.get("level")), label, colour, tuple(any_yes)))
    if tuple(rule.level for rule in rules) != LEVELS[:-1]:
        raise InstrumentFileError(
            f"{ident}: triage levels must be {', '.join(LEVELS[:-1])}, most urgent first"
        )
    return Screener(
        id=ident,
        name=text_field(raw, "name", ident),
        short_name=text_field(raw, "short_name", ident),
        source=text_field(raw, "source", ident),
        questions=tuple(questions),
        triage=tuple(rules),
        none_label=text_field(raw, "none_label", ident),
    )


def _reading(raw: object, at: str) -> dict[str, Any]:
    if raw is None:
        return {}
    if not isinstance(raw, dict):
        raise InstrumentFileError(f"{at}: reading must be a mapping")
    return dict(raw)


def load_screener(path: Path | str | None = None) -> Screener:
    """Read and validate the screener file (default ``content/instruments/cssrs_screener.yml``)."""
    return parse_screener(read_yaml(Path(path) if path else SCREENER_FILE))


@lru_cache(maxsize=1)
def default_screener() -> Screener:
    """The shipped screener, read once per process (restart the action server after edits)."""
    return load_screener()


def _checked(screener: Screener, answers: Mapping[str, bool], declined: Collection[str]) -> None:
    unknown = sorted((set(answers) | set(declined)) - set(screener.ids))
    if unknown:
        raise InstrumentAnswerError(f"{screener.short_name}: unknown question ids {unknown}")
    for qid, value in answers.items():
        if not isinstance(value, bool):
            raise InstrumentAnswerError(f"{screener.short_name} {qid!r}: answer must be yes/no")


def next_question(
    answers: Mapping[str, bool],
    declined: Collection[str] = (),
    screener: Screener | None = None,
) -> str | None:
    """The id of the next question to ask by the skip logic, or None when done.

    ``declined`` questions are not asked again, nor are questions that depend on them.
    """
    screener = screener or default_screener()
    _checked(screener, answers, declined)
    for question in screener.questions:
        if question.id in answers or question.id in declined:
            continue
        if question.ask_if_yes is None or answers.get(question.ask_if_yes) is True:
            return question.id
    return None


def _still_needed(screener: Screener, answers: Mapping[str, bool]) -> list[str]:
    # A question is needed when it is unconditional, its condition was answered yes, or its
    # condition is itself still needed (the answer could still be yes).
    needed: list[str] = []
    for question in screener.questions:
        condition = question.ask_if_yes
        asked = condition is None or answers.get(condition) is True or condition in needed
        if asked and question.id not in answers:
            needed.append(question.id)
    return needed


def triage(answers: Mapping[str, bool], screener: Screener | None = None) -> CssrsTriage:
    """The triage level the answers support, why, and what is still unanswered.

    Every yes counts, even to a question the skip logic would not have asked: an answer
    given is never ignored in the visitor's favour.
    """
    screener = screener or default_screener()
    _checked(screener, answers, ())
    numbers = {question.id: question.number for question in screener.questions}
    unanswered = tuple(numbers[qid] for qid in _still_needed(screener, answers))
    for rule in screener.triage:
        yes = [qid for qid in screener.ids if qid in rule.any_yes and answers.get(qid) is True]
        because = tuple(numbers[qid] for qid in yes)
        if because:
            return CssrsTriage(rule.level, rule.label, rule.colour, because, unanswered)
    return CssrsTriage("none", screener.none_label, None, (), unanswered)


def triage_level(answers: Mapping[str, bool], screener: Screener | None = None) -> str:
    """Just the level: "high", "moderate", "low" or "none"."""
    return triage(answers, screener).level
