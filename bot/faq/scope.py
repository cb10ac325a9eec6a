"""Questions about another treatment: declined, never answered with a ketamine topic.

The FAQ selector always picks the nearest ketamine topic, so "does insurance cover TMS"
would get the ketamine cost answer. ``content/faq_scope.yml`` lists other treatments and
the words that keep a question about ketamine (naming it; comparing one other treatment with
it; pointing back at it before the other is named); a question naming another treatment and
none of those, or comparing two others with each other, gets the out-of-scope reply instead.
So does a question
that only asks what a listed condition is ("what is OCD?"); a question about the clinic's own
details ("where are you located?") gets a reply with the clinic's contact line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.settings import CONTENT_DIR
from bot.text import normalize

SCOPE_FILE = CONTENT_DIR / "faq_scope.yml"


class ScopeFileError(ValueError):
    """``content/faq_scope.yml`` is missing or malformed (the message says how)."""


@dataclass(frozen=True)
class FaqScope:
    """Phrases naming other treatments, and phrases that keep a question about ketamine."""

    other_treatments: tuple[str, ...]
    other_substances: tuple[str, ...]
    own_use: tuple[str, ...]
    keeps_it_about_ketamine: tuple[str, ...]
    conditions: tuple[str, ...] = ()
    clinic_details: tuple[str, ...] = ()
    points_back: tuple[str, ...] = ()
    ketamine_names: tuple[str, ...] = ()

    def outside_the_answers(self, text: str) -> bool:
        """True when no curated answer is about what ``text`` asks: another treatment, what
        a condition is, or a detail of the clinic itself."""
        norm = normalize(text or "")
        return bool(norm) and (
            self._another_treatment(norm)
            or self._condition_definition(norm)
            or self._clinic_detail(norm)
        )

    def asks_for_a_clinic_detail(self, text: str) -> bool:
        """True for "where are you located?", "what are your opening hours?" and the like."""
        return self._clinic_detail(normalize(text or ""))

    def asks_what_a_condition_is(self, text: str) -> bool:
        """True for "what is OCD?", "what are the types of bipolar disorder?" and the like."""
        return self._condition_definition(normalize(text or ""))

    def names_only_another_treatment(self, text: str) -> bool:
        """True when ``text`` is about another treatment and nothing ties it to ketamine."""
        return self._another_treatment(normalize(text or ""))

    # The checks below take normalised text, so a question is normalised once.
    def _clinic_detail(self, norm: str) -> bool:
        return bool(norm and self.clinic_details and _any(norm, self.clinic_details))

    def _condition_definition(self, norm: str) -> bool:
        # The pattern takes the whole question, so only naming ketamine can keep it here.
        if not norm or not self.conditions or _any(norm, self.ketamine_names):
            return False
        return bool(_definition_question(self.conditions).match(norm))

    def _another_treatment(self, norm: str) -> bool:
        if not norm or _any(norm, self.ketamine_names):
            return False
        others = self.other_treatments
        if not _any(norm, self.own_use):
            others += self.other_substances
        named = _starts(norm, others)
        if not named:
            return False
        # "is it like LSD?" points back at ketamine; in "what is psilocybin, and what is it
        # studied for?" the "it" is psilocybin.
        pointer = _first(norm, self.points_back)
        if pointer is not None and pointer < min(named):
            return False
        # Two others named: compared with each other, not with ketamine.
        return len(named) > 1 or not _any(norm, self.keeps_it_about_ketamine)


def _any(norm: str, phrases: tuple[str, ...]) -> bool:
    return any(pattern.search(norm) for pattern in _compiled(phrases))


def _starts(norm: str, phrases: tuple[str, ...]) -> list[int]:
    """Where each thing ``phrases`` name in ``norm`` starts, once per thing: phrases that
    overlap ("hospice", "hospice care") are one thing named."""
    spans = sorted(match.span() for p in _compiled(phrases) if (match := p.search(norm)))
    starts: list[int] = []
    reach = -1
    for start, end in spans:
        if start >= reach:
            starts.append(start)
        reach = max(reach, end)
    return starts


def _first(norm: str, phrases: tuple[str, ...]) -> int | None:
    """Where the earliest of ``phrases`` starts in ``norm``, or None."""
    starts = [match.start() for p in _compiled(phrases) if (match := p.search(norm))]
    return min(starts, default=None)


# One entry per list of the scope file (and treatments with substances): compiled once.
@lru_cache(maxsize=32)
def _compiled(phrases: tuple[str, ...]) -> list[re.Pattern[str]]:
    # Whole words only, no plural "s": "i" must not match "is", nor "k" "ks".
    words = [r"\s+".join(re.escape(w) for w in normalize(p).split()) for p in phrases]
    return [re.compile(rf"(?<![\w']){body}(?![\w'])") for body in words if body]


@lru_cache(maxsize=8)
def _definition_question(conditions: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(r"\s+".join(re.escape(w) for w in normalize(c).split()) for c in conditions)
    # The condition may be followed by its abbreviation ("obsessive compulsive disorder
    # (OCD)"), and asked about in parts ("the 4 types of", "the symptoms of").
    return re.compile(
        r"^(?:(?:what\s+is|what\s+are|what's|whats)\s+(?:(?:a|an|the)\s+)?"
        r"(?:(?:\w+\s+){0,2}?(?:types?|kinds?|forms?|symptoms?|signs?|causes?|stages?)\s+of\s+"
        r"(?:a\s+|an\s+)?)?"
        # "what causes OCD?", "how do you get PTSD?", "is OCD genetic?"
        r"|what\s+causes\s+|how\s+(?:do|does|can)\s+(?:you|people|someone|one)\s+get\s+|is\s+)"
        rf"(?:{names})(?:\s+(?:{names}))?"
        r"(?:\s+(?:a\s+)?(?:genetic|hereditary|inherited|contagious)(?:\s+(?:disorder|condition|"
        r"disease|illness))?)?$"
    )


def _phrases(raw: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(v, str) for v in value):
        raise ScopeFileError(f"{path.name}: `{key}:` must be a non-empty list of phrases")
    return tuple(v.strip() for v in value if v.strip())


def _optional_phrases(raw: dict[str, Any], key: str, path: Path) -> tuple[str, ...]:
    # Lists added later may be missing from an older clinic's file.
    return _phrases(raw, key, path) if key in raw else ()


def load_scope(path: Path | str | None = None) -> FaqScope:
    """Read and check the scope file (default ``content/faq_scope.yml``)."""
    path = Path(path) if path else SCOPE_FILE
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ScopeFileError(f"cannot read {path}: {exc}") from exc
    if not isinstance(raw, dict):
        raise ScopeFileError(f"{path.name}: expected a mapping")
    return FaqScope(
        other_treatments=_phrases(raw, "other_treatments", path),
        other_substances=_phrases(raw, "other_substances", path),
        own_use=_phrases(raw, "own_use", path),
        keeps_it_about_ketamine=_phrases(raw, "keeps_it_about_ketamine", path),
        conditions=_optional_phrases(raw, "conditions", path),
        clinic_details=_optional_phrases(raw, "clinic_details", path),
        points_back=_optional_phrases(raw, "points_back", path),
        ketamine_names=_optional_phrases(raw, "ketamine_names", path),
    )


@lru_cache(maxsize=1)
def faq_scope() -> FaqScope:
    """The clinic's scope file, read once per process."""
    return load_scope()
