"""``next_contact_window``: fixed datetimes inside and outside the clinic's hours.

The window decides which domain.yml response is said; ``said`` renders it as Rasa does.
"""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from bot.handoffs.expectations import (
    AFTER_HANDOFF_RESPONSES,
    AFTER_SUBMIT_RESPONSES,
    CLOSED,
    NO_HOURS,
    OPEN_NOW,
    OPENS_LATER_TODAY,
    WINDOWS,
    ContactWindow,
    format_hour,
    is_open,
    next_contact_window,
    window_response,
)
from bot.safety.resources import get_resources, resources_from_data
from bot.settings import ClinicSettings
from tests.responses import render_response

NEW_YORK = ZoneInfo("America/New_York")
# Mon-Fri 9 am - 5 pm New York (the defaults), spelled out so the tests do not depend on them.
CLINIC = ClinicSettings(
    timezone="America/New_York", open_days=(0, 1, 2, 3, 4), open_hour=9, close_hour=17
)


# The US reminder from content/crisis_resources.yml, as the actions pass it.
CRISIS_LINE = get_resources("US").reminder
AFTER_HANDOFF = "While you wait, you can keep asking me questions here."


def at(year, month, day, hour, minute=0, tz=NEW_YORK) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=tz)


def said(now: datetime, clinic=CLINIC) -> str:
    """What the visitor reads after a hand-off request at ``now``."""
    window = next_contact_window(now, clinic)
    response, values = window_response(window, AFTER_HANDOFF_RESPONSES, CRISIS_LINE)
    return render_response(response, **values)


def test_inside_hours_says_in_today_until_close():
    # Wednesday 2026-11-18, 10:30 in New York.
    window = next_contact_window(at(2026, 11, 18, 10, 30), CLINIC)
    assert (window.window, window.values) == (OPEN_NOW, {"close": "5 pm"})
    text = said(at(2026, 11, 18, 10, 30))
    assert text == (
        "The care team is in today until 5 pm and usually replies within one business day. "
        + AFTER_HANDOFF
    )
    assert "988" not in text


# The window at a New York time, its values and words the visitor reads then, by what is shown.
# 2026-11-18 is a Wednesday, 2026-11-20 to 22 Friday to Sunday.
WINDOWS_AT = {
    "the last minute before close is still open": (
        at(2026, 11, 18, 16, 59), OPEN_NOW, {"close": "5 pm"}, ["in today until 5 pm"],
    ),
    "at the close hour it is closed and reopens tomorrow": (
        at(2026, 11, 18, 17, 0), CLOSED, {"when": "tomorrow at 9 am"},
        ["The clinic is closed right now", "reopens tomorrow at 9 am", "call or text 988"],
    ),
    "early morning on an open day it opens later today": (
        at(2026, 11, 18, 6, 15), OPENS_LATER_TODAY, {"open": "9 am"},
        ["after it opens today at 9 am", "988"],
    ),
    "friday evening it reopens on monday": (
        at(2026, 11, 20, 19, 0), CLOSED, {"when": "on Monday at 9 am"},
        ["reopens on Monday at 9 am", "call or text 988", "741741", "911"],
    ),
    "saturday is closed until monday": (
        at(2026, 11, 21, 12, 0), CLOSED, {"when": "on Monday at 9 am"},
        ["The clinic is closed right now", "on Monday at 9 am"],
    ),
    "sunday is closed until tomorrow": (
        at(2026, 11, 22, 12, 0), CLOSED, {"when": "tomorrow at 9 am"},
        ["The clinic is closed right now", "tomorrow at 9 am"],
    ),
}  # fmt: skip


@pytest.mark.parametrize(
    ("now", "window", "values", "phrases"), WINDOWS_AT.values(), ids=WINDOWS_AT.keys()
)
def test_the_window_at_a_time_and_what_the_visitor_reads(now, window, values, phrases):
    found = next_contact_window(now, CLINIC)
    assert (found.window, found.values) == (window, values)
    text = said(now)
    assert [phrase for phrase in phrases if phrase not in text] == []


def test_utc_input_is_converted_to_clinic_time():
    # 15:00 UTC on a Wednesday is 10:00 in New York (EST, UTC-5): open.
    assert is_open(datetime(2026, 11, 18, 15, 0, tzinfo=UTC), CLINIC)
    # 13:00 UTC is 08:00 in New York: closed, although 13:00 would be open in UTC.
    assert not is_open(datetime(2026, 11, 18, 13, 0, tzinfo=UTC), CLINIC)
    naive = datetime(2026, 11, 18, 13, 0)
    assert next_contact_window(naive, CLINIC).values == {"open": "9 am"}


def test_custom_days_and_hours_in_another_zone():
    clinic = ClinicSettings(
        timezone="America/Los_Angeles", open_days=(1, 3), open_hour=10, close_hour=13
    )
    la = ZoneInfo("America/Los_Angeles")
    # Tuesday 12:00 LA: open until 1 pm.
    assert next_contact_window(at(2026, 11, 17, 12, tz=la), clinic).values == {"close": "1 pm"}
    # Tuesday 14:00 LA: next open day is Thursday.
    text = said(at(2026, 11, 17, 14, tz=la), clinic)
    assert "reopens on Thursday at 10 am" in text


def test_no_open_days_configured_promises_no_time():
    clinic = ClinicSettings(open_days=())
    assert next_contact_window(at(2026, 11, 18, 10), clinic).window == NO_HOURS
    text = said(at(2026, 11, 18, 10), clinic)
    assert "as soon as they can" in text and "988" in text
    assert "today" not in text


def test_unknown_timezone_falls_back_to_utc():
    clinic = ClinicSettings(timezone="Not/AZone")
    # Wednesday 10:00 UTC.
    text = said(datetime(2026, 11, 18, 10, tzinfo=UTC), clinic)
    assert "in today until 5 pm" in text


@pytest.mark.parametrize(
    ("hour", "expected"), [(0, "midnight"), (9, "9 am"), (12, "noon"), (17, "5 pm"), (23, "11 pm")]
)
def test_format_hour(hour, expected):
    assert format_hour(hour) == expected


def test_texts_never_judge_or_promise_eligibility():
    samples = [said(at(2026, 11, 18, h)) for h in (3, 8, 10, 18, 23)] + [said(at(2026, 11, 21, 12))]
    for text in samples:
        lowered = text.lower()
        for word in ("eligible", "candidate", "qualify", "diagnos"):
            assert word not in lowered


@pytest.mark.parametrize("window", WINDOWS)
def test_both_moments_say_the_same_window_then_their_own_closing(window):
    """The two responses of a window differ only in their last sentence."""
    values = {"close": "5 pm", "open": "9 am", "when": "tomorrow at 9 am"}
    times = ContactWindow(window, values)
    after_handoff = _rendered(times, AFTER_HANDOFF_RESPONSES)
    after_submit = _rendered(times, AFTER_SUBMIT_RESPONSES)
    assert after_handoff.endswith(" " + AFTER_HANDOFF)
    closing = "In the meantime, I'm happy to answer any questions you have."
    assert after_submit.endswith(" " + closing)
    assert after_handoff.removesuffix(AFTER_HANDOFF) == after_submit.removesuffix(closing)
    # Whenever the clinic cannot respond soon, the whole crisis line is repeated.
    assert (CRISIS_LINE in after_handoff) == (window != OPEN_NOW)


def _rendered(window, responses):
    response, values = window_response(window, responses, CRISIS_LINE)
    return render_response(response, **values)


def test_outside_hours_the_crisis_lines_are_the_clinic_countrys():
    """A clinic outside the US repeats its own country's lines, never 988."""
    data = {
        "default_country": "GB",
        "countries": {
            "GB": {
                "emergency": "If you are in immediate danger, call 999.",
                "lines": [{"id": "samaritans", "name": "Samaritans", "how": "call 116 123"}],
                "reminder": "You can call Samaritans on 116 123 any time, or 999 in an emergency.",
                "safe_reminder": "If that changes, call 116 123 any time.",
            }
        },
    }
    reminder = resources_from_data(data, "GB").reminder
    window = next_contact_window(at(2026, 11, 18, 20, 0), CLINIC)
    response, values = window_response(window, AFTER_SUBMIT_RESPONSES, reminder)
    text = render_response(response, **values)
    assert "116 123" in text and "988" not in text
