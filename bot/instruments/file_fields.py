"""Reading instrument files: YAML, fields, ids, LOINC codes and visitor-text checks, and
the identity (id, names, source) every instrument file starts with.

Shared by ``bot.instruments.content`` (PHQ-9, GAD-7) and ``bot.instruments.cssrs``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml


class InstrumentFileError(ValueError):
    """An instrument file is missing, malformed or breaks a rule (message says which)."""


_ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_LOINC_PATTERN = re.compile(r"^(\d{1,7})-(\d)$")
_LOINC_ANSWER_PATTERN = re.compile(r"^LA\d{1,6}-\d$")

# Scores, bands and risk levels are for staff. Visitors are asked, never told a result.
STAFF_ONLY_WORDS = re.compile(
    r"\b(?:scores?|scored|points?|minimal|mild|moderate(?:ly)?|severe|severity|diagnos\w*|risk)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class InstrumentIdentity:
    """What every instrument file says of itself first: id, full and short name, source.

    The base of :class:`bot.instruments.content.Instrument` and
    :class:`bot.instruments.cssrs.Screener`; its fields come first in both, in this order.
    """

    id: str
    name: str
    short_name: str
    source: str


class InstrumentAnswerError(ValueError):
    """Answers that do not fit the instrument (unknown item, unknown answer code)."""


class UnknownInstrumentError(ValueError):
    """An instrument name that this product does not ship."""


def loinc_check_digit(number: str) -> int:
    """The LOINC mod-10 check digit for the digits before the dash ("44249" -> 1)."""
    total = 0
    for position, char in enumerate(reversed(number), start=1):
        digit = int(char) * (2 if position % 2 else 1)
        total += digit - 9 if digit > 9 else digit
    return (10 - total % 10) % 10


def visitor_text_problems(text: str, extra_words: Iterable[str] = ()) -> list[str]:
    """Staff-only words (scores, severity, risk, ``extra_words``) found in visitor text."""
    found = [match.group(0) for match in STAFF_ONLY_WORDS.finditer(text)]
    return found + [w for w in extra_words if re.search(rf"\b{re.escape(w)}\b", text, re.I)]


def text_field(raw: dict[str, Any], key: str, where: str) -> str:
    """The non-empty string ``raw[key]`` (InstrumentFileError otherwise)."""
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise InstrumentFileError(f"{where}: `{key}` is missing or empty")
    return value.strip()


def whole_number(raw: dict[str, Any], key: str, where: str) -> int:
    """The whole number ``raw[key]``, 0 or more (InstrumentFileError otherwise)."""
    value = raw.get(key)
    # YAML reads `yes`/`true` as booleans, which Python counts as ints; refuse them.
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise InstrumentFileError(f"{where}: `{key}` must be a whole number, 0 or more")
    return value


def loinc_code(value: object, where: str, *, answer: bool = False) -> str:
    """A well-formed LOINC code (check digit verified; LA answer codes by shape only)."""
    code = str(value).strip() if value is not None else ""
    if not code:
        raise InstrumentFileError(f"{where}: LOINC code is missing")
    # A mistyped code would silently export answers under another observation; part codes
    # carry a mod-10 check digit that catches most typos. Answer (LA) codes only by shape.
    match = (_LOINC_ANSWER_PATTERN if answer else _LOINC_PATTERN).match(code)
    if not match or (not answer and loinc_check_digit(match[1]) != int(match[2])):
        raise InstrumentFileError(f"{where}: {code!r} is not a valid LOINC code")
    return code


def mapping_list(raw: dict[str, Any], key: str, where: str) -> list[dict[str, Any]]:
    """The non-empty list of mappings ``raw[key]`` (InstrumentFileError otherwise)."""
    value = raw.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(e, dict) for e in value):
        raise InstrumentFileError(f"{where}: `{key}:` must be a non-empty list of mappings")
    return value


def parse_id(value: object, seen: set[str], where: str) -> str:
    """Check an id (lowercase, digits, underscores) is well formed and not used twice."""
    ident = str(value or "").strip()
    if not _ID_PATTERN.match(ident):
        raise InstrumentFileError(f"{where}: id {ident!r} must be lowercase letters, digits, _")
    if ident in seen:
        raise InstrumentFileError(f"{where}: id {ident!r} is used twice")
    seen.add(ident)
    return ident


def read_yaml(path: Path) -> object:
    """Parse a content file, turning I/O and YAML problems into :class:`InstrumentFileError`."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InstrumentFileError(f"instrument file not found: {path}") from exc
    except yaml.YAMLError as exc:
        raise InstrumentFileError(f"{path.name} is not valid YAML: {exc}") from exc
