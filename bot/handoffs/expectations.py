"""What to tell a visitor about when the care team will be in touch.

Pure functions of "now" and the clinic's configured opening hours, so the wording can be
tested with fixed datetimes. Nothing here promises a time the clinic has not configured:
outside opening hours the visitor is told the clinic is closed and given the crisis line.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

# Repeated whenever the clinic cannot respond soon, so nobody waits on a closed clinic in a crisis.
CRISIS_REMINDER = (
    "If you are in crisis, call or text 988 (or chat at 988lifeline.org), text HOME to 741741, "
    "or call 911 / go to the nearest emergency room."
)
OPEN_NOW_TEXT = (
    "The care team is in today until {close} and usually replies within one business day."
)
OPENS_LATER_TODAY_TEXT = (
    "The clinic is closed right now; the care team will reach out after it opens today at "
    "{open}. " + CRISIS_REMINDER
)
CLOSED_TEXT = (
    "The clinic is closed right now; the care team will reach out after it reopens {when}. "
    + CRISIS_REMINDER
)
NO_HOURS_TEXT = "The care team will reach out as soon as they can. " + CRISIS_REMINDER


def format_hour(hour: int) -> str:
    """A clock hour as visitors say it: 9 -> "9 am", 12 -> "noon", 17 -> "5 pm"."""
    hour %= 24
    if hour == 0:
        return "midnight"
    if hour == 12:
        return "noon"
    return f"{hour} am" if hour < 12 else f"{hour - 12} pm"


def clinic_zone(clinic) -> ZoneInfo | timezone:
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


def is_open(now: datetime, clinic) -> bool:
    """True when ``now`` falls inside the clinic's configured opening hours."""
    local = _as_aware(now).astimezone(clinic_zone(clinic))
    return (
        local.weekday() in clinic.open_days and clinic.open_hour <= local.hour < clinic.close_hour
    )


def _as_aware(now: datetime) -> datetime:
    # Naive datetimes are taken to be UTC, like every timestamp in the database.
    return now if now.tzinfo is not None else now.replace(tzinfo=UTC)


def next_contact_window(now: datetime, clinic) -> str:
    """One or two sentences on when the care team will reach out, given ``now``.

    ``clinic`` is a ``bot.settings.ClinicSettings`` (open_days with 0 = Monday, open_hour,
    close_hour in the clinic's ``timezone``). Inside hours: "in today until 5 pm"; outside:
    "closed right now ... reopens on Monday at 9 am" plus the crisis line.
    """
    open_days = set(clinic.open_days or ())
    if not open_days or clinic.open_hour >= clinic.close_hour:
        return NO_HOURS_TEXT
    local = _as_aware(now).astimezone(clinic_zone(clinic))
    today = local.date()
    if local.weekday() in open_days:
        if clinic.open_hour <= local.hour < clinic.close_hour:
            return OPEN_NOW_TEXT.format(close=format_hour(clinic.close_hour))
        if local.hour < clinic.open_hour:
            return OPENS_LATER_TODAY_TEXT.format(open=format_hour(clinic.open_hour))
    for days_ahead in range(1, 8):
        candidate = today + timedelta(days=days_ahead)
        if candidate.weekday() in open_days:
            return CLOSED_TEXT.format(when=_reopen_phrase(today, candidate, clinic.open_hour))
    return NO_HOURS_TEXT
