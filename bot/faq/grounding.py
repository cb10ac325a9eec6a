"""Claim-level grounding of the curated FAQ answers.

Every answer in ``data/responses/faq.yml`` lists its claims (``metadata.claims``, see
``bot.faq.content``). The checks here hold the answers to them:

- every quote is verbatim in the seed page it cites (whitespace and the style of
  apostrophes and quotation marks aside), and the pages in ``metadata.source`` are exactly
  the pages the quotes come from;
- every number in an answer's text appears in one of its claims;
- every ``{profile_<field>}`` placeholder has a ``profile`` claim and the other way round;
- a policy claim naming a project file only uses numbers that file holds;
- an answer marked ``clinics_differ`` says so, and points to the care team, in the wording
  visitors get when the clinic profile is empty.

``intake content list`` runs them (quotes only when the seed pages are on this machine);
``tests/bot/faq/test_grounding.py`` runs them on the real content.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bot.faq.content import Claim, FaqEntry
from bot.faq.profile import EMPTY_PROFILE, FIELDS, profile_fields_in, render
from bot.settings import PROJECT_ROOT

SEEDS_ENV = "FAQ_SEEDS_DIR"
DEFAULT_SEED_DIRS = (PROJECT_ROOT.parent / "shared" / "seeds",)
MIN_QUOTE_WORDS = 3
MAX_QUOTE_CHARS = 320
# How an answer says that clinics differ ("clinics differ", "differs by clinic").
DIFFER_PATTERN = re.compile(r"\bclinics differ\b|\bdiffers? (?:by|between|from) clinics?\b", re.I)

_NUMBER_WORDS = {
    "two": "2",
    "three": "3",
    "four": "4",
    "five": "5",
    "six": "6",
    "seven": "7",
    "eight": "8",
    "nine": "9",
    "ten": "10",
    "eleven": "11",
    "twelve": "12",
    "twenty": "20",
    "thirty": "30",
    "forty": "40",
    "fifty": "50",
    "sixty": "60",
    "seventy": "70",
    "eighty": "80",
    "ninety": "90",
    "hundred": "100",
}
_NUMBER = re.compile(r"\d+|\b(?:" + "|".join(_NUMBER_WORDS) + r")\b", re.IGNORECASE)
_PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
_TYPOGRAPHY = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"', "–": "-", "—": "-"})


def find_seed_dir(explicit: str | Path | None = None) -> Path | None:
    """The directory holding the seed pages: ``explicit``, ``$FAQ_SEEDS_DIR`` or default."""
    candidates = [explicit, os.environ.get(SEEDS_ENV), *DEFAULT_SEED_DIRS]
    for candidate in candidates:
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    return None


def normalise(text: str) -> str:
    """Whitespace collapsed, curly quotes and dashes made plain: how quotes are compared."""
    return " ".join(text.translate(_TYPOGRAPHY).split())


@dataclass
class SeedPages:
    """The seed pages of one directory, read once each."""

    directory: Path
    _texts: dict[str, str | None] = field(default_factory=dict)

    def text(self, name: str) -> str | None:
        """The normalised text of page ``name`` (None when there is no such file)."""
        if name not in self._texts:
            path = self.directory / name
            if Path(name).name != name or not path.is_file():
                self._texts[name] = None
            else:
                self._texts[name] = normalise(path.read_text(encoding="utf-8"))
        return self._texts[name]


def numbers_in(text: str) -> list[str]:
    """The numbers in ``text`` as digit strings ("three" -> "3"), in order, deduplicated."""
    found: list[str] = []
    for match in _NUMBER.finditer(text):
        token = match.group(0).lower()
        number = _NUMBER_WORDS.get(token, token)
        if number not in found:
            found.append(number)
    return found


def answer_numbers(entry: FaqEntry) -> list[str]:
    """Numbers in the answer's own text (placeholders are filled elsewhere, not counted)."""
    return numbers_in(_PLACEHOLDER.sub(" ", entry.text))


def ungrounded_numbers(entry: FaqEntry) -> list[str]:
    """Numbers in the answer's text that none of its quote or policy claims contains."""
    grounded: set[str] = set()
    for claim in entry.claims:
        if claim.kind in ("quote", "policy"):
            grounded.update(numbers_in(claim.text))
    return [number for number in answer_numbers(entry) if number not in grounded]


def _quote_problems(entry: FaqEntry, claim: Claim, seeds: SeedPages | None) -> list[str]:
    problems = []
    short = claim.text if len(claim.text) <= 60 else claim.text[:57] + "..."
    if len(claim.text.split()) < MIN_QUOTE_WORDS:
        problems.append(f"quote {short!r} is shorter than {MIN_QUOTE_WORDS} words")
    if len(claim.text) > MAX_QUOTE_CHARS:
        problems.append(f"quote {short!r} is longer than {MAX_QUOTE_CHARS} characters")
    if claim.source not in entry.sources:
        problems.append(f"quote {short!r} cites {claim.source}, not in metadata.source")
    if seeds is not None:
        page = seeds.text(claim.source)
        if page is None:
            problems.append(f"quote {short!r}: seed page {claim.source} not found")
        elif normalise(claim.text) not in page:
            problems.append(f"quote {short!r} is not verbatim in {claim.source}")
    return problems


def _policy_problems(claim: Claim) -> list[str]:
    if not claim.source:
        return []
    path = PROJECT_ROOT / claim.source
    if not path.is_file():
        return [f"policy claim names {claim.source}, which does not exist"]
    held = set(numbers_in(path.read_text(encoding="utf-8")))
    missing = [number for number in numbers_in(claim.text) if number not in held]
    if missing:
        return [f"policy claim numbers {missing} are not in {claim.source}"]
    return []


def check_entry(entry: FaqEntry, seeds: SeedPages | None = None) -> list[str]:
    """Grounding problems of one answer (empty list: grounded).

    ``seeds`` is where quotes are looked up; None skips only that check.
    """
    problems: list[str] = []
    if not entry.claims:
        return ["no metadata.claims"]
    quoted_pages = {claim.source for claim in entry.claims if claim.kind == "quote"}
    for claim in entry.claims:
        if claim.kind == "quote":
            problems += _quote_problems(entry, claim, seeds)
        elif claim.kind == "policy":
            problems += _policy_problems(claim)
        elif claim.text not in FIELDS:
            problems.append(f"unknown clinic profile field {claim.text!r}")
    for page in entry.sources:
        if page not in quoted_pages:
            problems.append(f"metadata.source cites {page} but no claim quotes it")
    used = set(profile_fields_in(entry.text))
    claimed = {claim.text for claim in entry.claims if claim.kind == "profile"}
    for name in sorted(used - claimed):
        problems.append(f"{{profile_{name}}} is used without a profile claim")
    for name in sorted(claimed - used):
        problems.append(f"profile claim {name!r} but the text has no {{profile_{name}}}")
    for number in ungrounded_numbers(entry):
        problems.append(f"number {number} is in the text but in none of its claims")
    if entry.clinics_differ:
        neutral = render(entry.text, EMPTY_PROFILE)
        if not DIFFER_PATTERN.search(neutral) or "care team" not in neutral.lower():
            problems.append(
                "clinics_differ: the answer must say that clinics differ and point to the care team"
            )
    return problems


def check_content(
    entries: dict[str, FaqEntry] | Iterable[FaqEntry], seeds: SeedPages | None = None
) -> list[str]:
    """``"<topic>: <problem>"`` for every grounding problem in the content."""
    items = entries.values() if isinstance(entries, dict) else entries
    return [f"{entry.id}: {problem}" for entry in items for problem in check_entry(entry, seeds)]
