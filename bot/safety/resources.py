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

# The crisis replies' wording is in domain.yml; these name the variants.
CRISIS_RESPONSE = "utter_crisis"
CRISIS_TEAM_NOT_REACHED_RESPONSE = "utter_crisis_team_not_reached"
CRISIS_ASKED_RESPONSE = "utter_crisis_asked"
CRISIS_ASKED_TEAM_NOT_REACHED_RESPONSE = "utter_crisis_asked_team_not_reached"
REMINDER_RESPONSE = "utter_crisis_reminder"
SAFE_NOW_CONTINUE_RESPONSE = "utter_safe_now_continue"
SAFE_NOW_ASK_RESPONSE = "utter_safe_now_ask"


@dataclass(frozen=True)
class CrisisReply:
    """A crisis reply: the domain response to send and the values it is filled with."""

    response: str
    values: dict[str, str]


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


def render_crisis_lines(resources: CrisisResources) -> str:
    """The lines as bullets, 988 first, then the emergency line and the lines for groups."""
    bullet_lines = "\n".join(f"• {line.render()}" for line in resources.lines)
    more = f"\n• {render_more_lines(resources)}" if resources.more_lines else ""
    return f"{bullet_lines}\n• {resources.emergency}{more}"


def crisis_reply(
    resources: CrisisResources, *, care_team_notified: bool, asked_in_general: bool = False
) -> CrisisReply:
    """The first reply to a crisis statement: warm, lines first, emergency, what happens next.

    ``asked_in_general`` picks the opening that does not assume a disclosure.
    """
    if asked_in_general:
        response = (
            CRISIS_ASKED_RESPONSE if care_team_notified else CRISIS_ASKED_TEAM_NOT_REACHED_RESPONSE
        )
    else:
        response = CRISIS_RESPONSE if care_team_notified else CRISIS_TEAM_NOT_REACHED_RESPONSE
    return CrisisReply(response, {"crisis_lines": render_crisis_lines(resources)})


def reminder_reply(resources: CrisisResources) -> CrisisReply:
    """Repeated while the visitor has not said they are safe."""
    return CrisisReply(REMINDER_RESPONSE, {"crisis_reminder": resources.reminder})


def safe_now_reply(resources: CrisisResources, *, screening_in_progress: bool) -> CrisisReply:
    """Reply to "I'm safe now": thanks, keep 988 visible, offer to continue."""
    response = SAFE_NOW_CONTINUE_RESPONSE if screening_in_progress else SAFE_NOW_ASK_RESPONSE
    return CrisisReply(response, {"crisis_safe_reminder": resources.safe_reminder})


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
