"""The clinic profile: the file, its validation, the neutral defaults and the fill-ins."""

from __future__ import annotations

import os
import re

import pytest
import yaml

from bot.faq.content import load_faq_content
from bot.faq.grounding import DIFFER_PATTERN
from bot.faq.profile import (
    DEFAULT_PROFILE_PATH,
    DEFAULTS,
    EMPTY_PROFILE,
    FIELDS,
    ClinicProfile,
    ClinicProfileError,
    current_profile,
    fill_ins,
    load_profile,
    profile_fields_in,
    profile_from_data,
    render,
)
from bot.safety.lint import lint_text

# A complete profile as a clinic might write it (made-up values, for rendering tests only).
EXAMPLE = {
    "driving": "At our clinic you may not drive until the next day, after a night's sleep.",
    "session_length": "Our medication sessions take about two hours.",
    "session_count": "We usually plan six medication sessions, each with an integration session.",
    "integration_timing": "Integration sessions are booked within two days of each session.",
    "route": "We use lozenges that you take at our office.",
    "monitoring": "Our nurse checks your blood pressure and heart rate before and after.",
    "prices": "A medication session costs $400; the first assessment is $250.",
    "insurance": "We are out of network but can give you a receipt for your insurer.",
}


@pytest.fixture(scope="module")
def entries():
    return load_faq_content()


def test_the_shipped_profile_is_valid_and_empty():
    """A fresh install shows the neutral wording everywhere until the clinic fills it in."""
    data = yaml.safe_load(DEFAULT_PROFILE_PATH.read_text(encoding="utf-8"))
    assert set(data) == set(FIELDS)
    assert load_profile() == EMPTY_PROFILE


def test_every_field_has_a_default_and_a_description():
    assert set(DEFAULTS) == set(FIELDS)
    assert all(FIELDS[name] for name in FIELDS)


def test_defaults_point_to_the_care_team_and_never_borrow_a_number():
    for name, text in DEFAULTS.items():
        assert "care team" in text, name
        assert not re.search(r"\d", text), name
        words = r"\b(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|hours?)\b"
        assert not re.search(words, text, re.I), name
        assert lint_text(text) == [], name


def test_default_driving_wording_does_not_invite_same_day_driving():
    text = DEFAULTS["driving"].lower()
    assert "don't drive until your care team says it is safe" in text
    assert "someone else to take you home" in text
    assert not re.search(r"\d|hour|later that day|same day", text)


def test_defaults_say_that_clinics_differ_where_practice_differs():
    for name in ("driving", "session_length", "session_count", "integration_timing", "route"):
        assert DIFFER_PATTERN.search(DEFAULTS[name]), name


def test_load_profile_reads_set_values(tmp_path):
    path = tmp_path / "clinic_profile.yml"
    path.write_text(yaml.safe_dump({**{n: "" for n in FIELDS}, **EXAMPLE}), encoding="utf-8")
    profile = load_profile(path)
    assert profile.values == EXAMPLE
    assert all(profile.is_set(name) for name in FIELDS)
    assert profile.text("driving") == EXAMPLE["driving"]


def test_missing_or_empty_file_is_the_empty_profile(tmp_path):
    assert load_profile(tmp_path / "missing.yml") == EMPTY_PROFILE
    empty = tmp_path / "empty.yml"
    empty.write_text("", encoding="utf-8")
    assert load_profile(empty) == EMPTY_PROFILE


def test_unset_fields_fall_back_to_the_defaults():
    profile = ClinicProfile({"driving": EXAMPLE["driving"]})
    assert profile.text("driving") == EXAMPLE["driving"]
    assert profile.text("route") == DEFAULTS["route"]
    assert not profile.is_set("route")
    with pytest.raises(KeyError):
        profile.text("parking")


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (["driving"], "mapping"),
        ({"parking": "Free parking."}, "unknown field"),
        ({"driving": 12}, "must be text"),
        ({"driving": "No driving for a while"}, "whole sentences"),
        ({"driving": "Use {clinic_name}."}, "braces"),
        ({"prices": "x" * 500 + "."}, "longer than"),
        ({"session_count": "Most people take 200 mg per session."}, "dose figure"),
        ({"route": "If you answer no, you are eligible for lozenges."}, "verdict"),
    ],
)
def test_invalid_values_are_refused(data, message):
    with pytest.raises(ClinicProfileError, match=message):
        profile_from_data(data)


def test_invalid_yaml_is_refused(tmp_path):
    path = tmp_path / "clinic_profile.yml"
    path.write_text("driving: [unclosed", encoding="utf-8")
    with pytest.raises(ClinicProfileError, match="invalid YAML"):
        load_profile(path)


def test_current_profile_rereads_a_changed_file_and_never_raises(tmp_path, caplog):
    path = tmp_path / "clinic_profile.yml"
    assert current_profile(path) == EMPTY_PROFILE  # no file yet
    path.write_text(yaml.safe_dump({"route": EXAMPLE["route"]}), encoding="utf-8")
    assert current_profile(path).text("route") == EXAMPLE["route"]
    path.write_text(yaml.safe_dump({"route": "You are eligible."}), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert current_profile(path) == EMPTY_PROFILE  # invalid: neutral wording, logged
    assert "clinic profile is invalid" in caplog.text


def test_fill_ins_cover_exactly_the_placeholders_of_a_text():
    text = "Intro. {profile_driving} More. {profile_monitoring} {clinic_contact_line}"
    assert profile_fields_in(text) == ["driving", "monitoring"]
    assert fill_ins(text, EMPTY_PROFILE) == {
        "profile_driving": DEFAULTS["driving"],
        "profile_monitoring": DEFAULTS["monitoring"],
    }
    assert fill_ins(text, ClinicProfile(EXAMPLE))["profile_driving"] == EXAMPLE["driving"]
    assert fill_ins("No placeholders here.", EMPTY_PROFILE) == {}


def test_render_fills_profile_values_and_leaves_other_placeholders():
    text = "Intro. {profile_route} {clinic_contact_line}"
    assert render(text, EMPTY_PROFILE) == f"Intro. {DEFAULTS['route']} {{clinic_contact_line}}"
    assert render(text, ClinicProfile(EXAMPLE), clinic_contact_line="Call us.") == (
        f"Intro. {EXAMPLE['route']} Call us."
    )


@pytest.mark.parametrize("profile", [EMPTY_PROFILE, ClinicProfile(EXAMPLE)], ids=["empty", "set"])
def test_every_rendered_answer_passes_the_lint(entries, profile):
    for topic, entry in entries.items():
        text = render(entry.text, profile, clinic_contact_line="You can call us.")
        assert "{" not in text, topic
        assert lint_text(text) == [], topic


def test_answers_use_the_clinics_values_when_set(entries):
    profile = ClinicProfile(EXAMPLE)
    after = render(entries["after_session"].text, profile)
    assert EXAMPLE["driving"] in after and DEFAULTS["driving"] not in after
    cost = render(entries["cost_insurance"].text, profile)
    assert EXAMPLE["prices"] in cost and EXAMPLE["insurance"] in cost


def test_every_profile_field_is_used_by_some_answer(entries):
    used = {name for entry in entries.values() for name in profile_fields_in(entry.text)}
    assert used == set(FIELDS)
