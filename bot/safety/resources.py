"""Crisis resources (content/crisis_resources.yml) and the messages built from them.

The country comes from ``get_settings().crisis_country``. The messages are short and warm:
acknowledge, give the lines (988 first), say what happens next. They never promise a
person will respond immediately: the chat is not monitored in real time.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.settings import CONTENT_DIR, get_settings

logger = logging.getLogger(__name__)

DEFAULT_RESOURCES_PATH = CONTENT_DIR / "crisis_resources.yml"

# --- Message templates (module constants so the response lint test can check them) ---
CRISIS_OPENING = (
    "I'm really glad you told me. You deserve support right now, and you don't have to "
    "face this alone."
)
# A question asked in general ("does ketamine help with suicidal thoughts?") is not a
# disclosure; it gets the same lines and alert with an opening that does not assume one.
QUESTION_OPENING = (
    "Thank you for asking. If you or someone you know is thinking about suicide or "
    "self-harm, support is available right now."
)
CRISIS_LINES_INTRO = "I'm an automated assistant, so please reach out to people who can help now:"
CARE_TEAM_NOTIFIED = (
    "I've also flagged this conversation for the clinic's care team. They may not see it "
    "right away, so please use one of the lines above now."
)
CARE_TEAM_NOT_NOTIFIED = (
    "I couldn't reach the clinic's care team from here just now, so please use one of the "
    "lines above now."
)
REMINDER_OPENING = "I'm still here, and your safety comes first."
SAFE_NOW_TEXT = "Thank you for letting me know. I'm really glad you're safe right now."
SAFE_NOW_CONTINUE = "Whenever you're ready, we can pick up where we left off."
SAFE_NOW_ASK = "Whenever you're ready, I'm here for any questions."


@dataclass(frozen=True)
class CrisisLine:
    """One crisis line: name, how to reach it, when, and when a person last checked it."""

    id: str
    name: str
    how: str
    hours: str = ""
    url: str = ""
    last_reviewed: date | None = None

    def render(self) -> str:
        """'988 Suicide & Crisis Lifeline: call or text 988, ... (24/7, ...)'."""
        hours = f" ({self.hours})" if self.hours else ""
        return f"{self.name}: {self.how}{hours}"


@dataclass(frozen=True)
class CrisisResources:
    """Resources for one country."""

    country: str
    emergency: str
    lines: tuple[CrisisLine, ...]
    reminder: str
    safe_reminder: str
    last_reviewed: date | None
    # Lines for specific groups (veterans, Spanish, TTY, poisoning): one short line together.
    more_lines: tuple[CrisisLine, ...] = ()


def load_resource_file(path: str | Path | None = None) -> dict[str, Any]:
    """Read content/crisis_resources.yml (or ``path``)."""
    data = yaml.safe_load(Path(path or DEFAULT_RESOURCES_PATH).read_text(encoding="utf-8"))
    if not isinstance(data, dict) or not data.get("countries"):
        raise ValueError("crisis resources: no 'countries'")
    return data


def _parse_date(value: Any) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def resources_from_data(data: dict[str, Any], country: str | None) -> CrisisResources:
    """Pick ``country`` (falling back to ``default_country``) from loaded data."""
    countries = data["countries"]
    code = (country or data.get("default_country") or "US").upper()
    if code not in countries:
        fallback = str(data.get("default_country") or "US").upper()
        logger.warning("no crisis resources for country=%s; using %s", code, fallback)
        code = fallback
    entry = countries[code]
    return CrisisResources(
        country=code,
        emergency=str(entry["emergency"]),
        lines=_lines(entry["lines"]),
        reminder=str(entry["reminder"]),
        safe_reminder=str(entry["safe_reminder"]),
        last_reviewed=_parse_date(data.get("last_reviewed")),
        more_lines=_lines(entry.get("more_lines") or ()),
    )


def _lines(raw_lines: Any) -> tuple[CrisisLine, ...]:
    return tuple(
        CrisisLine(
            id=str(line["id"]),
            name=str(line["name"]),
            how=str(line["how"]),
            hours=str(line.get("hours", "")),
            url=str(line.get("url", "")),
            last_reviewed=_parse_date(line.get("last_reviewed")),
        )
        for line in raw_lines
    )


@lru_cache(maxsize=8)
def _cached(path: str, country: str) -> CrisisResources:
    return resources_from_data(load_resource_file(path), country)


def get_resources(country: str | None = None, path: str | Path | None = None) -> CrisisResources:
    """Resources for ``country`` (default: the CRISIS_COUNTRY setting)."""
    return _cached(str(path or DEFAULT_RESOURCES_PATH), country or get_settings().crisis_country)


def render_more_lines(resources: CrisisResources) -> str:
    """The lines for specific groups on one line: 'Veterans: call 988, then press 1 · …'."""
    return " · ".join(line.render() for line in resources.more_lines)


def render_crisis_message(
    resources: CrisisResources, *, care_team_notified: bool, asked_in_general: bool = False
) -> str:
    """The first reply to a crisis statement: warm, lines first, emergency, what happens next.

    The lines for specific groups (``more_lines``) follow the emergency line, all on one line.
    ``asked_in_general`` swaps the opening for one that does not assume a disclosure.
    """
    bullet_lines = "\n".join(f"• {line.render()}" for line in resources.lines)
    more = f"\n• {render_more_lines(resources)}" if resources.more_lines else ""
    follow_up = CARE_TEAM_NOTIFIED if care_team_notified else CARE_TEAM_NOT_NOTIFIED
    opening = QUESTION_OPENING if asked_in_general else CRISIS_OPENING
    return (
        f"{opening}\n\n{CRISIS_LINES_INTRO}\n{bullet_lines}\n"
        f"• {resources.emergency}{more}\n\n{follow_up}"
    )


def render_reminder(resources: CrisisResources) -> str:
    """Repeated while the visitor has not said they are safe."""
    return f"{REMINDER_OPENING} {resources.reminder}"


def render_safe_now(resources: CrisisResources, *, screening_in_progress: bool) -> str:
    """Reply to "I'm safe now": thanks, keep 988 visible, offer to continue."""
    next_step = SAFE_NOW_CONTINUE if screening_in_progress else SAFE_NOW_ASK
    return f"{SAFE_NOW_TEXT} {resources.safe_reminder} {next_step}"


def resources_payload(resources: CrisisResources) -> list[dict[str, str]]:
    """The lines (then the lines for specific groups) as data for the widget."""
    return [
        {"id": line.id, "name": line.name, "how": line.how, "url": line.url}
        for line in (*resources.lines, *resources.more_lines)
    ]


def crisis_payload(resources: CrisisResources) -> dict[str, Any]:
    """Structured data riding along with the crisis reply (the widget styles it by ``kind``).

    The reply itself is a standard message (``text`` and ``buttons``), so every Rasa channel
    shows the resources and the buttons; only this extra data is channel-specific.
    """
    return {
        "kind": "crisis",
        "resources": resources_payload(resources),
        "country": resources.country,
    }
