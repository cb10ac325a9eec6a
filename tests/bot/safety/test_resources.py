"""Crisis resources: the file, the country setting, and the rendered messages."""

from __future__ import annotations

from datetime import date

import pytest
import yaml

from bot.safety.resources import (
    CRISIS_ASKED_RESPONSE,
    CRISIS_RESPONSE,
    CRISIS_TEAM_NOT_REACHED_RESPONSE,
    DEFAULT_RESOURCES_PATH,
    CrisisReply,
    CrisisResources,
    crisis_reply,
    get_resources,
    load_resource_file,
    reminder_reply,
    resources_from_data,
    resources_payload,
    safe_now_reply,
)
from bot.settings import get_settings
from tests.responses import render_response

CARE_TEAM_NOTIFIED = "I've also flagged this conversation for the clinic's care team."
CARE_TEAM_NOT_NOTIFIED = "I couldn't reach the clinic's care team from here just now"


def _shown(reply: CrisisReply) -> str:
    return render_response(reply.response, **reply.values)


def render_crisis_message(resources: CrisisResources, *, care_team_notified: bool) -> str:
    """The crisis reply as the visitor reads it (domain.yml wording, this country's lines)."""
    return _shown(crisis_reply(resources, care_team_notified=care_team_notified))


@pytest.fixture
def country(monkeypatch):
    """Set CRISIS_COUNTRY for one test."""

    def set_country(value: str | None):
        if value is None:
            monkeypatch.delenv("CRISIS_COUNTRY", raising=False)
        else:
            monkeypatch.setenv("CRISIS_COUNTRY", value)
        get_settings.cache_clear()

    yield set_country
    get_settings.cache_clear()


def test_us_resources_have_the_required_lines(country):
    country(None)
    resources = get_resources()
    assert resources.country == "US"
    everything = " ".join(f"{line.name} {line.how}" for line in resources.lines)
    assert "988" in everything and "988lifeline.org" in everything
    assert "text HOME to 741741" in everything
    assert "911" in resources.emergency and "emergency room" in resources.emergency
    assert resources.lines[0].id == "988"  # 988 comes first


def test_file_has_a_recent_review_date():
    data = load_resource_file()
    reviewed = date.fromisoformat(str(data["last_reviewed"]))
    assert reviewed <= date.today()
    assert (date.today() - reviewed).days < 366, "crisis resources not reviewed for a year"


def test_unknown_country_falls_back_to_default(country):
    country("ZZ")
    assert get_resources().country == "US"


def test_other_countries_can_be_added(tmp_path):
    data = yaml.safe_load(DEFAULT_RESOURCES_PATH.read_text(encoding="utf-8"))
    data["countries"]["CA"] = {
        "emergency": "If you are in immediate danger, call 911.",
        "lines": [
            {"id": "988", "name": "9-8-8 Suicide Crisis Helpline", "how": "call or text 988"}
        ],
        "reminder": "Call or text 988 any time.",
        "safe_reminder": "You can call or text 988 any time.",
    }
    resources = resources_from_data(data, "ca")
    assert resources.country == "CA"
    assert "9-8-8 Suicide Crisis Helpline" in render_crisis_message(
        resources, care_team_notified=False
    )


def test_crisis_message_is_warm_complete_and_honest():
    resources = get_resources("US")
    notified = render_crisis_message(resources, care_team_notified=True)
    for needle in ("glad you told me", "988", "988lifeline.org", "741741", "911"):
        assert needle in notified
    assert CARE_TEAM_NOTIFIED in notified
    assert "may not see it right away" in notified  # not monitored in real time
    not_notified = render_crisis_message(resources, care_team_notified=False)
    assert CARE_TEAM_NOT_NOTIFIED in not_notified and CARE_TEAM_NOTIFIED not in not_notified
    assert notified.index("988") < notified.index("741741") < notified.index("911")


def test_reminder_and_safe_now_keep_988_visible():
    resources = get_resources("US")
    reminder = _shown(reminder_reply(resources))
    assert "988" in reminder and "741741" in reminder
    continuing = _shown(safe_now_reply(resources, screening_in_progress=True))
    assert "988" in continuing and "pick up where we left off" in continuing
    asking = _shown(safe_now_reply(resources, screening_in_progress=False))
    assert "988" in asking and asking != continuing


@pytest.mark.parametrize(
    ("notified", "asked", "response"),
    [
        (True, False, CRISIS_RESPONSE),
        (False, False, CRISIS_TEAM_NOT_REACHED_RESPONSE),
        (True, True, CRISIS_ASKED_RESPONSE),
    ],
)
def test_the_variant_follows_the_alert_and_whether_it_was_a_question(notified, asked, response):
    reply = crisis_reply(get_resources("US"), care_team_notified=notified, asked_in_general=asked)
    assert reply.response == response
    assert "988" in reply.values["crisis_lines"]


def test_every_line_has_its_own_recent_review_date():
    resources = get_resources("US")
    for line in (*resources.lines, *resources.more_lines):
        assert line.last_reviewed is not None, line.id
        assert line.last_reviewed <= date.today(), line.id
        assert (date.today() - line.last_reviewed).days < 366, f"{line.id} not reviewed for a year"


def test_lines_for_specific_groups_are_in_the_crisis_message_on_one_line():
    resources = get_resources("US")
    assert [line.id for line in resources.more_lines] == [
        "veterans",
        "spanish",
        "tty",
        "poison_control",
    ]
    message = render_crisis_message(resources, care_team_notified=True)
    [more] = [row for row in message.splitlines() if "press 1" in row]
    for needle in (
        "Veterans: call 988, then press 1",
        "oprima 2",
        "711, then 988",
        "1-800-222-1222",
    ):
        assert needle in more
    # After the main lines and the emergency line, and the message stays short.
    assert message.index("911") < message.index("press 1")
    assert len(message.splitlines()) <= 10 and len(message) < 800


def test_the_payload_carries_every_line():
    resources = get_resources("US")
    ids = [item["id"] for item in resources_payload(resources)]
    assert ids == ["988", "crisis_text_line", "veterans", "spanish", "tty", "poison_control"]


def test_more_lines_are_optional(tmp_path):
    data = yaml.safe_load(DEFAULT_RESOURCES_PATH.read_text(encoding="utf-8"))
    del data["countries"]["US"]["more_lines"]
    resources = resources_from_data(data, "US")
    assert resources.more_lines == ()
    message = render_crisis_message(resources, care_team_notified=True)
    assert "press 1" not in message and "911" in message
