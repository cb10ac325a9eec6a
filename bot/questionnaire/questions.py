"""The pre-screening questions: loading and validating ``content/screening_questions.yml``.

Questions are data so clinic staff can edit them without code. This module turns the file
into immutable :class:`Question` objects and refuses files that would break the chat
(duplicate ids, unknown answer values, verdict wording shown to visitors).

Run ``python -m bot.questionnaire.questions [path]`` to check a file by hand.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.instruments.content import enabled_instruments, load_instrument
from bot.questionnaire.fields import QuestionFileError, reading_fields, word_list
from bot.settings import CONTENT_DIR, get_settings
from bot.text import PhraseHit, compile_phrases, find_phrases, normalize

# Compiled phrases: (phrase, whole-word pattern).
Patterns = list[tuple[str, re.Pattern[str]]]

QUESTIONS_FILE = CONTENT_DIR / "screening_questions.yml"

KIND_YES_NO = "yes_no"
KIND_FREE_TEXT = "free_text"
# An item of a validated instrument (PHQ-9, GAD-7): "how often", answered with the
# instrument's own options (bot/screening/instrument_questions.py), never from the file.
KIND_FREQUENCY = "frequency"
KINDS = (KIND_YES_NO, KIND_FREE_TEXT)

# Interpreted answer values. "unclear" is recorded when a visitor's reply could not be
# read even after the question was re-asked once.
YES_NO_VALUES = ("yes", "no", "not_sure", "prefer_not_to_say", "unclear")
# Free-text answers are stored verbatim; the interpreted value only says what kind of reply it was.
FREE_TEXT_VALUES = ("provided", "none", "prefer_not_to_say", "unclear")

# Rough time a visitor needs per question, used for "it takes about N minutes".
SECONDS_PER_YES_NO = 20
SECONDS_PER_FREE_TEXT = 60

_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")

# Words that would tell a visitor they are (not) allowed treatment. Questions ask; they never judge.
VERDICT_PATTERNS = (
    re.compile(r"\beligib", re.IGNORECASE),
    re.compile(r"\bqualif", re.IGNORECASE),
    re.compile(r"\bcandidate", re.IGNORECASE),
    re.compile(r"\bcontraindicat", re.IGNORECASE),
    re.compile(r"not\s+(?:be\s+)?safe\s+for\s+you", re.IGNORECASE),
    re.compile(r"\byou\s+(?:can(?:not|'t)|won't\s+be\s+able\s+to)\b", re.IGNORECASE),
    re.compile(r"\bthis\s+means\s+you\b", re.IGNORECASE),
    re.compile(r"\b(?:rules?\s+you\s+out|excluded|disqualif)", re.IGNORECASE),
)


@dataclass(frozen=True)
class Question:
    """One pre-screening question as shown to the visitor."""

    id: str
    text: str
    help: str
    kind: str = KIND_YES_NO
    topic: str = ""
    options: tuple[str, ...] = ("yes", "no", "not_sure", "prefer_not_to_say")
    flag_on: tuple[str, ...] = ("yes", "not_sure", "prefer_not_to_say", "unclear")
    crisis_on: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    # How replies are read (``reading:`` in the file, see bot/screening/reading.py).
    reading_yes: tuple[str, ...] = ()
    reading_no: tuple[str, ...] = ()
    reading_topic: tuple[str, ...] = ()
    past: str = "ask"
    frequency_means_yes: bool = False
    # The question is about what stopping does (withdrawal): "shakes when I stopped" is the
    # subject, not a problem that has ended.
    stopping_is_subject: bool = False
    numbers: str = ""
    # "drinking": how much a visitor drinks or uses answers (bot/screening/use_amounts.py).
    amounts: str = ""
    # Things a reply may be about instead ("my cholesterol is high" at the blood pressure
    # question): named without the question's own subject, the reply answers nothing.
    other_subjects: tuple[str, ...] = ()
    # Situations that make a sign ordinary ("spikes when I'm anxious", "at the doctor's"):
    # a yes said only of them is recorded not sure, for the care team.
    only_when: tuple[str, ...] = ()
    # Instrument items only: the instrument's id and its answers as (code, button title).
    instrument: str = ""
    option_titles: tuple[tuple[str, str], ...] = ()
    _compiled: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    def _patterns(self, name: str, phrases: tuple[str, ...], *, degree: bool = False) -> Patterns:
        if name not in self._compiled:
            self._compiled[name] = compile_phrases(phrases, degree_words=degree)
        compiled: Patterns = self._compiled[name]
        return compiled

    @property
    def yes_patterns(self) -> Patterns:
        """Compiled phrases that answer yes to this question."""
        return self._patterns("yes", self.reading_yes)

    def named_signs(self, norm: str) -> list[PhraseHit]:
        """This question's yes phrases in ``norm`` (a normalised reply), where not negated."""
        return [hit for hit in find_phrases(norm, [("yes", self.yes_patterns)]) if not hit.negated]

    @property
    def no_patterns(self) -> Patterns:
        """Compiled phrases that answer no to this question."""
        return self._patterns("no", self.reading_no)

    @property
    def other_subject_patterns(self) -> Patterns:
        """Compiled ``reading.other_subjects`` phrases."""
        return self._patterns("other", self.other_subjects)

    @property
    def only_when_patterns(self) -> Patterns:
        """Compiled ``reading.only_when`` phrases ("when I'm really exhausted" counts)."""
        return self._patterns("only_when", self.only_when, degree=True)

    @property
    def topic_patterns(self) -> Patterns:
        """Compiled multi-word topic phrases (keywords and ``reading.topic``)."""
        phrases = tuple(p for p in (*self.keywords, *self.reading_topic) if " " in p.strip())
        return self._patterns("topic", phrases)

    @property
    def topic_words(self) -> frozenset[str]:
        """Single words that show a reply is about this question's subject."""
        if "words" not in self._compiled:
            single = [p for p in (*self.keywords, *self.reading_topic) if " " not in p.strip()]
            self._compiled["words"] = frozenset(normalize(w) for w in single)
        words: frozenset[str] = self._compiled["words"]
        return words

    @property
    def reading_words(self) -> frozenset[str]:
        """Every word of the question's keywords and ``reading`` phrases (yes, no, topic),
        as replies are normalised: the words a misspelt reply may mean."""
        if "reading_words" not in self._compiled:
            phrases = (*self.keywords, *self.reading_topic, *self.reading_yes, *self.reading_no)
            words = frozenset(w for phrase in phrases for w in normalize(phrase).split())
            self._compiled["reading_words"] = words
        cached: frozenset[str] = self._compiled["reading_words"]
        return cached

    @property
    def text_words(self) -> frozenset[str]:
        """The question's own words of four letters or more, as replies are normalised."""
        if "text_words" not in self._compiled:
            words = frozenset(w for w in normalize(self.text).split() if len(w) > 3)
            self._compiled["text_words"] = words
        cached: frozenset[str] = self._compiled["text_words"]
        return cached

    @property
    def asks_severe(self) -> bool:
        """True when the question asks only about a severe form ("severe personality disorder")."""
        return "severe" in self.text.lower()

    @property
    def asks_untreated(self) -> bool:
        """True when the question asks only about an untreated or uncontrolled condition."""
        text = self.text.lower()
        return "untreated" in text or "not controlled" in text or "not well controlled" in text

    @property
    def is_free_text(self) -> bool:
        """True for questions answered in the visitor's own words (e.g. medications)."""
        return self.kind == KIND_FREE_TEXT

    def is_flagged(self, value: str, *, ambiguous: bool = False) -> bool:
        """Whether an answer should be marked for clinician review."""
        return ambiguous or value == "unclear" or value in self.flag_on

    def starts_crisis(self, value: str) -> bool:
        """Whether this answer starts the crisis-support protocol."""
        return value in self.crisis_on


@dataclass(frozen=True)
class QuestionSet:
    """The ordered questions plus derived facts used by the introduction."""

    questions: tuple[Question, ...]

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self) -> Iterator[Question]:
        return iter(self.questions)

    @property
    def ids(self) -> list[str]:
        """Question ids in asking order."""
        return [q.id for q in self.questions]

    def get(self, question_id: str | None) -> Question | None:
        """The question with ``question_id``, or None."""
        for question in self.questions:
            if question.id == question_id:
                return question
        return None

    def index_of(self, question_id: str) -> int:
        """Zero-based position of ``question_id`` (ValueError when unknown)."""
        return self.ids.index(question_id)

    @property
    def topics(self) -> list[str]:
        """Short topic labels in asking order, each once (for "we'll ask about ...")."""
        labels = [q.topic or q.id.replace("_", " ") for q in self.questions]
        return list(dict.fromkeys(labels))

    def estimated_minutes(self) -> int:
        """Whole minutes the questionnaire takes, rounded up, at least 1."""
        seconds = sum(
            SECONDS_PER_FREE_TEXT if q.is_free_text else SECONDS_PER_YES_NO for q in self.questions
        )
        return max(1, math.ceil(seconds / 60))


def _visitor_text_problems(text: str) -> list[str]:
    return [p.pattern for p in VERDICT_PATTERNS if p.search(text)]


def parse_questions(raw: object) -> QuestionSet:
    """Validate the parsed YAML document ``raw`` and build a :class:`QuestionSet`."""
    if not isinstance(raw, dict) or not isinstance(raw.get("questions"), list):
        raise QuestionFileError("the file must have a top-level `questions:` list")
    questions: list[Question] = []
    seen: set[str] = set()
    for position, item in enumerate(raw["questions"], start=1):
        if not isinstance(item, dict):
            raise QuestionFileError(f"question #{position} must be a mapping")
        qid = str(item.get("id", "")).strip()
        if not _ID_PATTERN.match(qid):
            raise QuestionFileError(
                f"question #{position}: id {qid!r} must be lowercase letters, digits, underscores"
            )
        if qid in seen:
            raise QuestionFileError(f"question id {qid!r} is used twice")
        seen.add(qid)
        kind = str(item.get("kind", KIND_YES_NO)).strip()
        if kind not in KINDS:
            raise QuestionFileError(f"question {qid!r}: kind must be one of {', '.join(KINDS)}")
        text = str(item.get("text") or "").strip()
        help_text = str(item.get("help") or "").strip()
        if not text:
            raise QuestionFileError(f"question {qid!r}: text is empty")
        if not help_text:
            raise QuestionFileError(f"question {qid!r}: help is empty")
        allowed = FREE_TEXT_VALUES if kind == KIND_FREE_TEXT else YES_NO_VALUES
        default_options = ("prefer_not_to_say",) if kind == KIND_FREE_TEXT else YES_NO_VALUES[:4]
        options = word_list(item.get("options"), "options", qid) or default_options
        flag_on = word_list(item.get("flag_on"), "flag_on", qid)
        crisis_on = word_list(item.get("crisis_on"), "crisis_on", qid)
        for field_name, values in (
            ("options", options),
            ("flag_on", flag_on),
            ("crisis_on", crisis_on),
        ):
            unknown = [v for v in values if v not in allowed]
            if unknown:
                raise QuestionFileError(
                    f"question {qid!r}: {field_name} has unknown values {unknown}; "
                    f"allowed: {', '.join(allowed)}"
                )
        for label, shown in (("text", text), ("help", help_text)):
            problems = _visitor_text_problems(shown)
            if problems:
                raise QuestionFileError(
                    f"question {qid!r}: {label} contains verdict wording ({problems[0]}); "
                    "questions ask, the care team decides"
                )
        keywords = word_list(item.get("keywords"), "keywords", qid)
        questions.append(
            Question(
                id=qid,
                text=text,
                help=help_text,
                kind=kind,
                topic=str(item.get("topic") or "").strip(),
                options=options,
                flag_on=flag_on,
                crisis_on=crisis_on,
                keywords=keywords,
                **reading_fields(item.get("reading"), qid),
            )
        )
    if not questions:
        raise QuestionFileError("the `questions:` list is empty")
    return QuestionSet(questions=tuple(questions))


def load_questions(path: Path | str | None = None) -> QuestionSet:
    """Read and validate the questions file (default ``content/screening_questions.yml``)."""
    path = Path(path) if path else QUESTIONS_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise QuestionFileError(f"questions file not found: {path}") from exc
    except yaml.YAMLError as exc:
        raise QuestionFileError(f"questions file is not valid YAML: {exc}") from exc
    return parse_questions(raw)


@lru_cache(maxsize=1)
def default_questions() -> QuestionSet:
    """The clinic's questions, then the items of the instruments in ``SCREENING_INSTRUMENTS``;
    read once per process (restart the action server after edits)."""
    questions = load_questions()
    extra = instrument_questions(get_settings().screening_instruments)
    return QuestionSet(questions=questions.questions + extra) if extra else questions


# Said with every instrument item; the wording of the items themselves is the instrument's.
INSTRUMENT_HELP = (
    "Choose the answer closest to how often this has bothered you over the last two weeks. "
    "There are no right or wrong answers: the care team goes through them with you."
)
INSTRUMENT_TOPICS = {
    "phq9": "mood over the last two weeks",
    "gad7": "worry over the last two weeks",
}


def instrument_questions(names: tuple[str, ...]) -> tuple[Question, ...]:
    """The items of the named instruments as frequency questions, in order.

    Options are the instrument's four answers plus "prefer not to say" (an item left
    unanswered is not scored). Only the crisis item (PHQ-9 item 9) is flagged or starts the
    crisis protocol, from the answers its file names; the other items carry no flags, their
    scores are for staff.
    """
    built = []
    for name in enabled_instruments(",".join(names)):
        instrument = load_instrument(name)
        crisis_codes = tuple(
            option.code
            for option in instrument.options
            if instrument.crisis_on_score_at_least is not None
            and option.score >= instrument.crisis_on_score_at_least
        )
        for item in instrument.items:
            crisis = crisis_codes if item.id == instrument.crisis_item else ()
            built.append(
                Question(
                    id=item.id,
                    text=f"{instrument.stem}\n{item.text}",
                    help=INSTRUMENT_HELP,
                    kind=KIND_FREQUENCY,
                    topic=INSTRUMENT_TOPICS.get(name, instrument.short_name),
                    options=(*(o.code for o in instrument.options), "prefer_not_to_say"),
                    flag_on=(*crisis, "unclear"),
                    crisis_on=crisis,
                    keywords=item.keywords,
                    instrument=name,
                    option_titles=tuple((o.code, o.text) for o in instrument.options),
                )
            )
    return tuple(built)


def main(argv: list[str] | None = None) -> int:
    """Check a questions file and print a one-line summary; exit 1 on problems."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        questions = load_questions(argv[0] if argv else None)
    except QuestionFileError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"ok: {len(questions)} questions, about {questions.estimated_minutes()} minutes")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
