"""The clinic profile: facts that differ by clinic, filled into the curated FAQ answers.

Clinics differ in how long a medication session lasts, how many sessions a course has,
when integration happens, which form of ketamine they use, how they check on people,
when driving is safe again, and what they charge. Those facts are the deploying clinic's
own, so they live in ``content/clinic_profile.yml`` (edited by clinic staff, no code) and
never in ``data/responses/faq.yml``, which only holds placeholders such as
``{profile_driving}``.

Every field is optional. A field that is set is shown as written (one or two sentences
in the clinic's words). A field left empty falls back to the neutral wording in
:data:`DEFAULTS`, which says that clinics differ and points to the care team: it never
borrows another clinic's number.

This module is the one place where those values are chosen: ``actions/faq.py`` passes
:func:`fill_ins` to Rasa, which puts them into the response text the same way it fills
slots. :func:`render` does the same substitution in Python (for the CLI and the tests).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.safety.lint import lint_text
from bot.settings import CONTENT_DIR

log = logging.getLogger(__name__)

DEFAULT_PROFILE_PATH = CONTENT_DIR / "clinic_profile.yml"
PLACEHOLDER_PREFIX = "profile_"
# A set value is shown inside an answer: keep it to a sentence or two.
MAX_VALUE_CHARS = 400

# Each field with what it holds (the CLI and README describe the fields with these).
FIELDS: dict[str, str] = {
    "driving": "when people may drive again after a medication session",
    "session_length": "how long a medication session lasts",
    "session_count": "how many medication sessions a course usually has",
    "integration_timing": "when integration sessions happen after a medication session",
    "route": "which form of ketamine the clinic uses (lozenge, nasal spray, injection, IV)",
    "monitoring": "how people are checked on during and after a session (vital signs)",
    "prices": "fees",
    "insurance": "whether and how the clinic works with insurance",
}

# Neutral wording used when a field is unset: clinics differ, the care team will say.
# Never a number, never another clinic's practice, and the driving wording never invites
# driving on the day of a session.
DEFAULTS: dict[str, str] = {
    "driving": (
        "Clinics differ on how long to wait before driving, so plan for someone else to "
        "take you home and don't drive until your care team says it is safe."
    ),
    "session_length": (
        "How long a session lasts differs by clinic; your care team will tell you theirs."
    ),
    "session_count": (
        "Clinics differ in how many sessions a course usually has; your care team will "
        "tell you theirs."
    ),
    "integration_timing": (
        "How soon integration follows a medication session differs by clinic; your care "
        "team will tell you theirs."
    ),
    "route": (
        "Clinics differ in which form of ketamine they use; your care team will tell you theirs."
    ),
    "monitoring": (
        "Each clinic has its own way of checking on people during and after a session, such "
        "as blood pressure and heart rate, and the care team can explain theirs."
    ),
    "prices": "The care team can tell you this clinic's fees.",
    "insurance": (
        "Whether this clinic works with insurance is also something the care team can answer."
    ),
}

_PLACEHOLDER = re.compile(r"\{" + PLACEHOLDER_PREFIX + r"([a-z_]+)\}")
_ANY_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]?$")


class ClinicProfileError(ValueError):
    """The clinic profile file is malformed or a value breaks a content rule."""


@dataclass(frozen=True)
class ClinicProfile:
    """The clinic's own values; a field missing here is unset."""

    values: dict[str, str] = field(default_factory=dict)

    def is_set(self, name: str) -> bool:
        """True when the clinic wrote its own wording for ``name``."""
        return bool(self.values.get(name))

    def text(self, name: str) -> str:
        """The clinic's wording for ``name``, or the neutral default."""
        if name not in FIELDS:
            raise KeyError(f"unknown clinic profile field: {name}")
        return self.values.get(name) or DEFAULTS[name]


EMPTY_PROFILE = ClinicProfile()


def value_problems(name: str, value: str) -> list[str]:
    """Why ``value`` cannot be shown as the clinic's ``name`` (empty list: it can)."""
    problems = []
    if len(value) > MAX_VALUE_CHARS:
        problems.append(f"{name}: longer than {MAX_VALUE_CHARS} characters")
    if "{" in value or "}" in value:
        problems.append(f"{name}: braces are not allowed")
    if not _SENTENCE_END.search(value):
        problems.append(f"{name}: must be whole sentences ending with . ! or ?")
    problems += [f"{name}: {problem}" for problem in lint_text(value)]
    return problems


def profile_from_data(data: Any, where: str = "clinic profile") -> ClinicProfile:
    """Validate loaded YAML (a mapping of field -> text or empty) into a profile."""
    if data is None:
        return EMPTY_PROFILE
    if not isinstance(data, dict):
        raise ClinicProfileError(f"{where}: expected a mapping of field: text")
    values: dict[str, str] = {}
    problems: list[str] = []
    for name, raw in data.items():
        if name not in FIELDS:
            problems.append(f"unknown field {name!r} (known: {', '.join(FIELDS)})")
            continue
        if raw is None:
            continue
        if not isinstance(raw, str):
            problems.append(f"{name}: must be text (put it in quotes)")
            continue
        value = " ".join(raw.split())
        if value:
            problems += value_problems(name, value)
            values[name] = value
    if problems:
        raise ClinicProfileError(f"{where}: " + "; ".join(problems))
    return ClinicProfile(values)


def load_profile(path: str | Path | None = None) -> ClinicProfile:
    """Read and validate ``content/clinic_profile.yml`` (or ``path``).

    A missing file is an empty profile (every answer uses the neutral wording). Raises
    :class:`ClinicProfileError` for invalid YAML, unknown fields or a value that breaks
    a content rule (dose figures, eligibility verdicts, not whole sentences).
    """
    profile_path = Path(path) if path is not None else DEFAULT_PROFILE_PATH
    if not profile_path.is_file():
        return EMPTY_PROFILE
    try:
        data = yaml.safe_load(profile_path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ClinicProfileError(f"{profile_path}: invalid YAML: {exc}") from exc
    return profile_from_data(data, str(profile_path))


@lru_cache(maxsize=4)
def _cached(path: str, mtime_ns: int) -> ClinicProfile:
    try:
        return load_profile(path)
    except ClinicProfileError:
        # Visitors still get an answer, with the neutral wording; staff see the problem in
        # the log and in `intake content list`.
        log.exception("clinic profile is invalid; using the neutral wording")
        return EMPTY_PROFILE


def current_profile(path: str | Path | None = None) -> ClinicProfile:
    """The profile for answering visitors: re-read when the file changes, never raises."""
    profile_path = Path(path) if path is not None else DEFAULT_PROFILE_PATH
    try:
        mtime_ns = profile_path.stat().st_mtime_ns
    except OSError:
        return EMPTY_PROFILE
    return _cached(str(profile_path), mtime_ns)


def profile_fields_in(text: str) -> list[str]:
    """The profile fields an answer's text uses, in order of appearance."""
    found: list[str] = []
    for match in _PLACEHOLDER.finditer(text):
        if match.group(1) not in found:
            found.append(match.group(1))
    return found


def fill_ins(text: str, profile: ClinicProfile | None = None) -> dict[str, str]:
    """``{"profile_<field>": wording}`` for every profile placeholder in ``text``.

    ``profile`` defaults to :func:`current_profile`. These are the template values the
    FAQ action hands to Rasa with the response name.
    """
    chosen = profile if profile is not None else current_profile()
    return {
        f"{PLACEHOLDER_PREFIX}{name}": chosen.text(name)
        for name in profile_fields_in(text)
        if name in FIELDS
    }


def render(text: str, profile: ClinicProfile | None = None, **values: str) -> str:
    """``text`` with its profile placeholders (and any ``values``) filled in.

    Placeholders with no value (such as ``{clinic_contact_line}`` when not given) are
    left as they are. Used by the CLI and the tests; the running assistant lets Rasa
    do the same substitution with :func:`fill_ins`.
    """
    known = {**fill_ins(text, profile), **values}

    def replace(match: re.Match[str]) -> str:
        return known.get(match.group(1), match.group(0))

    rendered = _ANY_PLACEHOLDER.sub(replace, text)
    return " ".join(rendered.split())
