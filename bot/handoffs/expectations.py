"""When the care team will be in touch: which "contact window" applies to a visitor now.

Pure functions of "now" and the clinic's configured opening hours, so the choice can be
tested with fixed datetimes. The wording is in domain.yml: one response per window for each
moment it is said (after a hand-off request, after the screening is sent), filled with the
times chosen here. Nothing here promises a time the clinic has not configured: outside
opening hours those responses say the clinic is closed and give the crisis lines of the
clinic's country (one place for them: content/crisis_resources.yml).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.settings import ClinicSettings

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# The windows. Their responses fill {close} (open now), {open} (opens later today) or
# {when} (closed, e.g. "tomorrow at 9 am"); without configured hours there is no time to fill.
OPEN_NOW = "open_now"
OPENS_LATER_TODAY = "opens_later_today"
CLOSED = "closed"
NO_HOURS = "no_hours"
WINDOWS = (OPEN_NOW, OPENS_LATER_TODAY, CLOSED, NO_HOURS)

# The response for each window after a hand-off request (ends "While you wait, ...") and
# after the screening is sent (ends "In the meantime, ..."). Each is one message, as before.
AFTER_HANDOFF_RESPONSES = {window: f"utter_handoff_window_{window}" for window in WINDOWS}
AFTER_SUBMIT_RESPONSES = {window: f"utter_submitted_window_{window}" for window in WINDOWS}


@dataclass(frozen=True)
class ContactWindow:
    """One of :data:`WINDOWS` and the times its responses are filled with."""

    window: str
    values: dict[str, str] = field(default_factory=dict)


def format_hour(hour: int) -> str:
    """A clock hour as visitors say it: 9 -> "9 am", 12 -> "noon", 17 -> "5 pm"."""
    hour %= 24
    if hour == 0:
        return "midnight"
    if hour == 12:
        return "noon"
    return f"{hour} am" if hour < 12 else f"{hour - 12} pm"


def clinic_zone(clinic: ClinicSettings) -> ZoneInfo | timezone:
    """The clinic's time zone; UTC when the configured name is unknown."""
    try:
        return ZoneInfo(clinic.timezone or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return UTC


def _reopen_phrase(today: date, reopen: date, open_hour: int) -> str:
    days_ahead = (reopen - today).days
    at = f"at {format_hour(open_hour)}"
    if days_ahead == 1:
        return f"tomorrow {at}"
    if days_ahead < 7:
        return f"on {WEEKDAY_NAMES[reopen.weekday()]} {at}"
    return f"on {WEEKDAY_NAMES[reopen.weekday()]}, {reopen:%B} {reopen.day}, {at}"


def is_open(now: datetime, clinic: ClinicSettings) -> bool:
    """True when ``now`` falls inside the clinic's configured opening hours."""
    local = _as_aware(now).astimezone(clinic_zone(clinic))
    return (
        local.weekday() in clinic.open_days and clinic.open_hour <= local.hour < clinic.close_hour
    )


def _as_aware(now: datetime) -> datetime:
    # Naive datetimes are taken to be UTC, like every timestamp in the database.
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def next_contact_window(now: datetime, clinic: ClinicSettings) -> ContactWindow:
    """Which contact window applies at ``now``, with the times its wording needs.

    ``clinic`` is a ``bot.settings.ClinicSettings`` (open_days with 0 = Monday, open_hour,
    close_hour in the clinic's ``timezone``). Inside hours: open now until ``close``
    ("5 pm"); before opening on an open day: opens later today at ``open``; otherwise
    closed until ``when`` ("on Monday at 9 am"); no usable hours: no time at all.
    """
    open_days = set(clinic.open_days or ())
    if not open_days or clinic.open_hour >= clinic.close_hour:
        return ContactWindow(NO_HOURS)
    local = _as_aware(now).astimezone(clinic_zone(clinic))
    today = local.date()
    if local.weekday() in open_days:
        if clinic.open_hour <= local.hour < clinic.close_hour:
            return ContactWindow(OPEN_NOW, {"close": format_hour(clinic.close_hour)})
        if local.hour < clinic.open_hour:
            return ContactWindow(OPENS_LATER_TODAY, {"open": format_hour(clinic.open_hour)})
    for days_ahead in range(1, 8):
        candidate = today + timedelta(days=days_ahead)
        if candidate.weekday() in open_days:
            when = _reopen_phrase(today, candidate, clinic.open_hour)
            return ContactWindow(CLOSED, {"when": when})
    return ContactWindow(NO_HOURS)


def window_response(
    window: ContactWindow, responses: Mapping[str, str], crisis_line: str
) -> tuple[str, dict[str, str]]:
    """The response to say for ``window`` and every value it is filled with.

    ``responses`` is :data:`AFTER_HANDOFF_RESPONSES` or :data:`AFTER_SUBMIT_RESPONSES`;
    ``crisis_line`` is the clinic country's reminder (``CrisisResources.reminder``), said
    whenever the care team is not in, so the lines match the crisis reply's.
    """
    values = dict(window.values)
    if window.window != OPEN_NOW:
        values["crisis_line"] = crisis_line
    return responses[window.window], values
