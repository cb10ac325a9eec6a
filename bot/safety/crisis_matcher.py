"""Rule-based crisis detection with spaCy: the first and deciding safety net.

Pure Python + spaCy (no Rasa import), so it is testable on its own and reusable by the
evaluation script. The patterns live in ``content/crisis_patterns.yml``; this module only
knows how to apply them:

* the text is normalised (text-speak such as "wanna", "dont", "kill my self") and lower-cased,
  then tokenised and lemmatised by a blank-English pipeline with the lookup lemmatizer
  (blank English has no POS tags, so the rule lemmatizer cannot run);
* spaCy's ``Matcher`` finds candidate spans (LOWER / NORM / LEMMA / REGEX attributes);
* each candidate is then checked for a preceding negation ("I'm not suicidal") and the
  entry's own exclusions ("I can't go on Tuesday", "I have a plan with Aetna").

A message is a crisis when at least one candidate survives. When in doubt a pattern errs
towards triggering: a false alarm shows 988 once, a miss is not acceptable.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from bot.safety.crisis_negation import negated_before
from bot.settings import CONTENT_DIR, PROJECT_ROOT

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Token

logger = logging.getLogger(__name__)

DEFAULT_PATTERNS_PATH = CONTENT_DIR / "crisis_patterns.yml"
# Built by the lead: spacy.blank("en") + lookup lemmatizer, initialised, saved with to_disk.
DEFAULT_SPACY_MODEL_PATH = PROJECT_ROOT / "models" / "spacy_en"
# How far after a match `unless_near` looks.
NEAR_WINDOW = 6


@dataclass(frozen=True)
class CrisisMatch:
    """One surviving crisis match: which pattern fired and where (character offsets)."""

    pattern_id: str
    start_char: int
    end_char: int
    source: str  # "normalised" (own pipeline) or "pipeline" (the Rasa pipeline's Doc)
    # Why the candidate was dropped ("negated", "followed_by", "near", "clause_end"), or None.
    excluded_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """Plain dict for ``message.set("crisis_match", ...)`` and reports (no message text)."""
        data = {
            "pattern_id": self.pattern_id,
            "start_char": self.start_char,
            "end_char": self.end_char,
            "source": self.source,
        }
        if self.excluded_by:
            data["excluded_by"] = self.excluded_by
        return data


@dataclass(frozen=True)
class PatternRule:
    """An entry of ``crisis_patterns.yml`` minus its token patterns."""

    id: str
    negatable: bool
    clause_end: bool
    unless_followed_by: frozenset[str]
    unless_near: frozenset[str]
    examples: tuple[str, ...]
    unless_about_someone_else: bool = False


def build_lookup_nlp() -> Language:
    """Return ``spacy.blank("en")`` with an initialised lookup lemmatizer.

    The lookup tables come from the ``spacy-lookups-data`` package (installed in the venv).
    """
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def load_nlp(path: str | Path | None = None) -> Language:
    """Load the saved blank pipeline at ``path`` (default models/spacy_en) or build one.

    Building is the fallback so tests and fresh checkouts work before the model exists.
    """
    import spacy

    model_path = Path(path) if path else DEFAULT_SPACY_MODEL_PATH
    if model_path.is_dir() and (model_path / "config.cfg").is_file():
        nlp = spacy.load(model_path)
        if "lemmatizer" in nlp.pipe_names:
            return nlp
        logger.warning(
            "spaCy model at %s has no lemmatizer; building a lookup pipeline", model_path
        )
    return build_lookup_nlp()


def load_pattern_file(path: str | Path | None = None) -> dict[str, Any]:
    """Read and minimally validate ``crisis_patterns.yml``."""
    pattern_path = Path(path) if path else DEFAULT_PATTERNS_PATH
    data = yaml.safe_load(pattern_path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data.get("patterns"):
        raise ValueError(f"{pattern_path}: no 'patterns' list")
    seen: set[str] = set()
    for entry in data["patterns"]:
        pid = entry.get("id")
        if not pid or pid in seen:
            raise ValueError(f"{pattern_path}: missing or duplicate pattern id {pid!r}")
        seen.add(pid)
        if not entry.get("tokens"):
            raise ValueError(f"{pattern_path}: pattern {pid!r} has no tokens")
    _reject_yaml_booleans(data, str(pattern_path))
    return data


def _reject_yaml_booleans(node: Any, where: str) -> None:
    """Fail loudly on unquoted no/on/off/yes, which YAML 1.1 silently turns into booleans."""
    if isinstance(node, bool):
        raise ValueError(f"{where}: a boolean where a word was expected; quote no/on/off/yes")
    if isinstance(node, dict):
        for key, value in node.items():
            if key in {"negatable", "clause_end", "unless_about_someone_else"}:
                continue
            _reject_yaml_booleans(value, where)
    elif isinstance(node, list):
        for item in node:
            _reject_yaml_booleans(item, where)


def _compile_normaliser(mapping: dict[str, str]) -> Callable[[str], str]:
    """Return a function applying the whole-word rewrites of the ``normalise`` section."""
    plain = {k: v for k, v in mapping.items() if not re.search(r"\w", k)}
    words = {k.lower(): v for k, v in mapping.items() if re.search(r"\w", k)}
    if words:
        # Longest first so "self harming" wins over "self harm".
        alternation = "|".join(re.escape(k) for k in sorted(words, key=len, reverse=True))
        word_re = re.compile(rf"(?<![\w'])(?:{alternation})(?![\w'])", re.IGNORECASE)
    else:
        word_re = None

    def normalise(text: str) -> str:
        for src, dst in plain.items():
            text = text.replace(src, dst)
        text = text.lower()
        if word_re is not None:
            text = word_re.sub(lambda m: words[m.group(0).lower()], text)
        return text

    return normalise


class CrisisMatcher:
    """Finds crisis statements in text or in a spaCy Doc (see module docstring)."""

    def __init__(self, pattern_data: dict[str, Any], nlp: Language | None = None) -> None:
        from spacy.matcher import Matcher

        self.nlp = nlp if nlp is not None else build_lookup_nlp()
        self._normalise = _compile_normaliser(pattern_data.get("normalise") or {})
        negation = pattern_data.get("negation") or {}
        self._cues = frozenset(str(w).lower() for w in negation.get("cues", []))
        self._fillers = frozenset(str(w).lower() for w in negation.get("fillers", []))
        self._window = int(negation.get("window", 6))
        self._continuations = frozenset(
            str(w).lower() for w in pattern_data.get("clause_continuations", [])
        )
        someone_else = pattern_data.get("someone_else") or {}
        self._subjects = _phrase_pattern(someone_else.get("subjects") or [])
        self._denials = _phrase_pattern(someone_else.get("denials") or [])
        self.rules: dict[str, PatternRule] = {}
        # Match ids are hashes; resolve them here, not via the Doc's vocab (Docs from the
        # Rasa pipeline have another StringStore that does not know our pattern ids).
        self._ids: dict[int, str] = {}
        # The Matcher works on string hashes, so one instance serves Docs of any vocab.
        self._matcher = Matcher(self.nlp.vocab, validate=True)
        for entry in pattern_data["patterns"]:
            rule = PatternRule(
                id=entry["id"],
                negatable=bool(entry.get("negatable", True)),
                clause_end=bool(entry.get("clause_end", False)),
                unless_followed_by=frozenset(
                    str(w).lower() for w in entry.get("unless_followed_by", [])
                ),
                unless_near=frozenset(str(w).lower() for w in entry.get("unless_near", [])),
                examples=tuple(entry.get("examples", [])),
                unless_about_someone_else=bool(entry.get("unless_about_someone_else", False)),
            )
            self.rules[rule.id] = rule
            self._ids[self.nlp.vocab.strings.add(rule.id)] = rule.id
            self._matcher.add(rule.id, entry["tokens"])

    @classmethod
    def from_files(
        cls, patterns_path: str | Path | None = None, spacy_model_path: str | Path | None = None
    ) -> CrisisMatcher:
        """Build from the pattern file and the saved blank pipeline (or a freshly built one)."""
        return cls(load_pattern_file(patterns_path), nlp=load_nlp(spacy_model_path))

    def normalise(self, text: str) -> str:
        """The text as the patterns see it: lower-cased, text-speak rewritten."""
        return self._normalise(text)

    def analyse(self, text: str) -> list[CrisisMatch]:
        """Every candidate in ``text``, surviving or not (see ``CrisisMatch.excluded_by``)."""
        if not text or not text.strip():
            return []
        doc = self.nlp(self._normalise(text))
        return self._about_someone_else(doc.text, self._candidates(doc, source="normalised"))

    def analyse_doc(self, doc: Doc) -> list[CrisisMatch]:
        """Candidates in a Doc from the Rasa pipeline plus those in its normalised text.

        The union means a pipeline Doc with different tokenisation, casing or no lemmas can
        only add detections, never lose the ones the normalised text gives.
        """
        candidates = self._candidates(doc, source="pipeline") if len(doc) else []
        return self._about_someone_else(doc.text, candidates) + self.analyse(doc.text)

    def find(self, text: str) -> list[CrisisMatch]:
        """All surviving matches in ``text`` (own pipeline on the normalised text)."""
        return [m for m in self.analyse(text) if m.excluded_by is None]

    def find_in_doc(self, doc: Doc) -> list[CrisisMatch]:
        """Surviving matches of :meth:`analyse_doc`."""
        return [m for m in self.analyse_doc(doc) if m.excluded_by is None]

    def is_crisis(self, text: str) -> bool:
        """True when ``text`` contains at least one non-negated crisis statement."""
        return bool(self.find(text))

    def first(self, text: str) -> CrisisMatch | None:
        """The first surviving match, or None."""
        matches = self.find(text)
        return matches[0] if matches else None

    # -- checks ---------------------------------------------------------------------------

    def _candidates(self, doc: Doc, *, source: str) -> list[CrisisMatch]:
        found: list[CrisisMatch] = []
        seen: set[tuple[str, int, int]] = set()
        negated_ends: set[int] = set()
        for match_id, start, end in sorted(self._matcher(doc), key=lambda m: (m[1], m[2])):
            pattern_id = self._ids[match_id]
            rule = self.rules[pattern_id]
            if (pattern_id, start, end) in seen:
                continue
            seen.add((pattern_id, start, end))
            span = doc[start:end]
            excluded_by = self._exclusion(doc, start, end, rule)
            if excluded_by is None and rule.negatable and start - 1 in negated_ends:
                # "no thoughts of hurting myself or ending things": denied with the one before.
                excluded_by = "negated"
            if excluded_by == "negated" and end < len(doc) and doc[end].lower_ in ("or", "nor"):
                negated_ends.add(end)
            found.append(
                CrisisMatch(
                    pattern_id=pattern_id,
                    start_char=span.start_char,
                    end_char=span.end_char,
                    source=source,
                    excluded_by=excluded_by,
                )
            )
        return found

    def _exclusion(self, doc: Doc, start: int, end: int, rule: PatternRule) -> str | None:
        following = doc[end] if end < len(doc) else None
        if following is not None and following.lower_ in rule.unless_followed_by:
            return "followed_by"
        if rule.unless_near and any(
            tok.lower_ in rule.unless_near for tok in doc[end : end + NEAR_WINDOW]
        ):
            return "near"
        if rule.clause_end and not self._ends_clause(following):
            return "clause_end"
        if rule.negatable and self.is_negated(doc, start):
            return "negated"
        return None

    def _about_someone_else(self, text: str, candidates: list[CrisisMatch]) -> list[CrisisMatch]:
        """Drop matches about someone else's suicide when the visitor denies their own.

        Only when every surviving match allows it: any other crisis statement in the
        message ("...and I want to die too") keeps the whole message a crisis.
        """
        surviving = [m for m in candidates if m.excluded_by is None]
        if not surviving or self._denials is None or self._subjects is None:
            return candidates
        lowered = text.lower().replace("\u2019", "'")
        if not self._denials.search(lowered):
            return candidates
        for match in surviving:
            rule = self.rules[match.pattern_id]
            before = lowered[: match.start_char]
            if not (rule.unless_about_someone_else and self._subjects.search(before)):
                return candidates
        return [
            replace(m, excluded_by="someone_else") if m.excluded_by is None else m
            for m in candidates
        ]

    def _ends_clause(self, following: Token | None) -> bool:
        if following is None or following.is_punct or following.is_space:
            return True
        return following.lower_ in self._continuations or following.norm_ in self._continuations

    def is_negated(self, doc: Doc, start: int) -> bool:
        """True when a negation cue precedes token ``start`` with only fillers in between
        (see :func:`bot.safety.crisis_negation.negated_before`)."""
        return negated_before(doc, start, self._cues, self._fillers, self._window)


def _phrase_pattern(phrases: list[str]) -> re.Pattern[str] | None:
    """Whole-phrase, case-insensitive alternation of ``phrases`` (None when empty)."""
    if not phrases:
        return None
    body = "|".join(re.escape(str(p).lower()) for p in sorted(phrases, key=len, reverse=True))
    return re.compile(rf"(?<![\w'])(?:{body})(?![\w'])")


def iter_examples(matcher: CrisisMatcher) -> Iterable[tuple[str, str]]:
    """(pattern_id, example) pairs from the pattern file, for tests and the evaluation."""
    for rule in matcher.rules.values():
        for example in rule.examples:
            yield rule.id, example


@lru_cache(maxsize=4)
def get_matcher(
    patterns_path: str | None = None, spacy_model_path: str | None = None
) -> CrisisMatcher:
    """Shared matcher per (patterns, model) pair; building it loads spaCy lookups once."""
    return CrisisMatcher.from_files(patterns_path, spacy_model_path)
