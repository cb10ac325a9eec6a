"""The curated FAQ answers: load and validate ``data/responses/faq.yml``.

The Rasa response file is the single source of FAQ content. Each topic is one response
named ``utter_faq/<id>`` with one variation holding ``text`` and ``metadata`` (source,
reviewed, topic, title, question, claims, and optionally ``clinics_differ``). This module
reads that file for the CLI, the confidence gate's buttons and the tests; Rasa itself reads
the same file for answers.

``metadata.claims`` grounds the answer claim by claim (checked by ``bot.faq.grounding``).
Each claim is one of:

- ``{quote: "...", source: "<seed file>"}``: a short verbatim quote from a cited page;
- ``{profile: <field>}``: the clinic's own practice, filled in from
  ``content/clinic_profile.yml`` where the text says ``{profile_<field>}``
  (``bot.faq.profile``);
- ``{policy: "...", file: "<project file>"}``: the clinic's or the assistant's own policy
  (for example the crisis lines in ``content/crisis_resources.yml``), not a page's fact.

``clinics_differ: true`` marks an answer where clinics or pages disagree; it must say so
("clinics differ; your care team will tell you theirs") instead of picking one.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

PROJECT_ROOT = Path(__file__).resolve().parent.parent.parent
DEFAULT_CONTENT_PATH = PROJECT_ROOT / "data" / "responses" / "faq.yml"
RESPONSE_PREFIX = "utter_faq/"
RETRIEVAL_INTENT = "faq"

# The topics the product promises to cover (issue 3); extra topics are allowed.
REQUIRED_TOPICS: tuple[str, ...] = (
    "what_is_ketamine",
    "how_it_works",
    "what_is_kap",
    "conditions_treated",
    "effectiveness",
    "side_effects",
    "safety_and_risks",
    "fda_status",
    "esketamine",
    "cost_insurance",
    "administration_routes",
    "treatment_course",
    "session_day",
    "experience",
    "integration",
    "preparation",
    "after_session",
    "screening_process",
    "contraindications_general",
    "ketamine_vs_psychedelics",
    "addiction_risk",
    "book_assessment",
)

# Dosing figures must never appear in an answer: a number followed by a unit of amount.
DOSING_PATTERN = re.compile(
    r"\b\d+(?:[.,]\d+)?\s*(?:mg|milligrams?|mcg|micrograms?|g|grams?|ml|millilit(?:er|re)s?|"
    r"mg/kg|lozenges?|troches?|tablets?|doses?|units?)\b",
    re.IGNORECASE,
)
_TOPIC_ID = re.compile(r"^[a-z][a-z0-9_]*$")


CLAIM_KINDS = ("quote", "profile", "policy")


class FaqContentError(ValueError):
    """The FAQ content file is missing, malformed or breaks a content rule."""


@dataclass(frozen=True)
class Claim:
    """One grounded claim of an answer.

    ``kind`` is ``quote`` (``text`` is verbatim from the seed page ``source``), ``profile``
    (``text`` is the clinic profile field) or ``policy`` (``text`` states the clinic's or
    assistant's own policy; ``source`` optionally names the project file that holds it).
    """

    kind: str
    text: str
    source: str = ""

    def label(self) -> str:
        """Short form for listings: ``[001_….txt] "quote"``, ``[profile] driving``."""
        if self.kind == "quote":
            return f'[{self.source}] "{self.text}"'
        if self.kind == "profile":
            return f"[profile] {self.text}"
        where = f" ({self.source})" if self.source else ""
        return f"[policy{where}] {self.text}"


@dataclass(frozen=True)
class FaqEntry:
    """One curated answer and its provenance."""

    id: str
    text: str
    source: str
    reviewed: dt.date
    title: str
    question: str
    claims: tuple[Claim, ...] = ()
    clinics_differ: bool = False

    @property
    def response_name(self) -> str:
        """The Rasa response name that utters this answer."""
        return f"{RESPONSE_PREFIX}{self.id}"

    @property
    def sources(self) -> list[str]:
        """The individual seed file names cited in ``source``."""
        return [part.strip() for part in self.source.split(",") if part.strip()]


def _parse_date(value: object, topic: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise FaqContentError(f"{topic}: reviewed date {value!r} is not YYYY-MM-DD") from exc


def _parse_claim(raw: object, where: str) -> Claim:
    if not isinstance(raw, dict):
        raise FaqContentError(f"{where}: a claim must be a mapping")
    kinds = [kind for kind in CLAIM_KINDS if kind in raw]
    if len(kinds) != 1:
        raise FaqContentError(f"{where}: a claim needs exactly one of {', '.join(CLAIM_KINDS)}")
    kind = kinds[0]
    text = " ".join(str(raw.get(kind) or "").split())
    if not text:
        raise FaqContentError(f"{where}: empty {kind} claim")
    source = str(raw.get("source") or raw.get("file") or "").strip()
    if kind == "quote" and not source:
        raise FaqContentError(f"{where}: quote {text[:40]!r}… has no source")
    return Claim(kind=kind, text=text, source=source)


def _parse_claims(raw: object, name: str) -> tuple[Claim, ...]:
    if raw in (None, ""):
        return ()
    if not isinstance(raw, list):
        raise FaqContentError(f"{name}: metadata.claims must be a list")
    return tuple(_parse_claim(item, f"{name}: claim {index + 1}") for index, item in enumerate(raw))


def _title_from_id(topic: str) -> str:
    return topic.replace("_", " ").capitalize()


def _parse_entry(name: str, variations: object) -> FaqEntry:
    topic = name[len(RESPONSE_PREFIX) :]
    if not _TOPIC_ID.match(topic):
        raise FaqContentError(f"{name}: topic id must be lowercase letters, digits, underscores")
    if not isinstance(variations, list) or len(variations) != 1:
        raise FaqContentError(f"{name}: expected exactly one variation")
    variation = variations[0]
    if not isinstance(variation, dict):
        raise FaqContentError(f"{name}: variation must be a mapping")
    text = str(variation.get("text") or "").strip()
    metadata = variation.get("metadata") or {}
    if not isinstance(metadata, dict):
        raise FaqContentError(f"{name}: metadata must be a mapping")
    source = str(metadata.get("source") or "").strip()
    if not text:
        raise FaqContentError(f"{name}: missing text")
    if not source:
        raise FaqContentError(f"{name}: missing metadata.source")
    if metadata.get("reviewed") in (None, ""):
        raise FaqContentError(f"{name}: missing metadata.reviewed")
    if metadata.get("topic") not in (None, topic):
        raise FaqContentError(f"{name}: metadata.topic {metadata.get('topic')!r} != {topic!r}")
    title = str(metadata.get("title") or "").strip() or _title_from_id(topic)
    question = str(metadata.get("question") or "").strip() or f"{title}?"
    return FaqEntry(
        id=topic,
        text=text,
        source=source,
        reviewed=_parse_date(metadata.get("reviewed"), name),
        title=title,
        question=question,
        claims=_parse_claims(metadata.get("claims"), name),
        clinics_differ=bool(metadata.get("clinics_differ", False)),
    )


def load_faq_content(path: str | Path | None = None) -> dict[str, FaqEntry]:
    """Read and validate the FAQ response file; return entries keyed by topic id.

    Raises :class:`FaqContentError` when the file is missing or any entry lacks text,
    source or a valid review date. Responses not named ``utter_faq/...`` are ignored.
    """
    content_path = Path(path) if path is not None else DEFAULT_CONTENT_PATH
    if not content_path.is_file():
        raise FaqContentError(f"FAQ content file not found: {content_path}")
    try:
        document = yaml.safe_load(content_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise FaqContentError(f"{content_path}: invalid YAML: {exc}") from exc
    responses = document.get("responses") if isinstance(document, dict) else None
    if not isinstance(responses, dict):
        raise FaqContentError(f"{content_path}: no 'responses:' mapping")
    entries: dict[str, FaqEntry] = {}
    for name, variations in responses.items():
        if str(name).startswith(RESPONSE_PREFIX):
            entry = _parse_entry(str(name), variations)
            entries[entry.id] = entry
    if not entries:
        raise FaqContentError(f"{content_path}: no utter_faq/<id> responses")
    return entries


def missing_required_topics(entries: dict[str, FaqEntry]) -> list[str]:
    """Required topic ids that have no entry."""
    return [topic for topic in REQUIRED_TOPICS if topic not in entries]


def find_dosing_figures(text: str) -> list[str]:
    """Substrings of ``text`` that look like dosing amounts (must be empty for answers)."""
    return [match.group(0) for match in DOSING_PATTERN.finditer(text)]


@lru_cache(maxsize=4)
def _cached_content(path: str) -> dict[str, FaqEntry]:
    return load_faq_content(path)


def cached_faq_content(path: str | Path | None = None) -> dict[str, FaqEntry]:
    """Like :func:`load_faq_content`, read once per process (for actions on the hot path)."""
    return _cached_content(str(Path(path) if path is not None else DEFAULT_CONTENT_PATH))


def topic_from_response_key(key: str | None) -> str | None:
    """``"faq/side_effects"`` (or ``"utter_faq/side_effects"``) -> ``"side_effects"``."""
    if not key:
        return None
    for prefix in (RESPONSE_PREFIX, f"{RETRIEVAL_INTENT}/"):
        if key.startswith(prefix):
            topic = key[len(prefix) :]
            return topic or None
    return None
