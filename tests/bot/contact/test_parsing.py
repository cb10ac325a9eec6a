"""Parsing of contact method, phone, email, name and best time (no Rasa, no database).

The replies and what is read from them are in cases/parsing.yml.
"""

from __future__ import annotations

from functools import partial

import pytest

from bot.contact.parsing import (
    contact_slot_for_method,
    default_phone_region,
    format_phone_for_display,
    is_interruption,
    looks_like_question,
    looks_like_refusal,
    parse_best_time,
    parse_contact_method,
    parse_email,
    parse_name,
    parse_phone,
)
from bot.names import CALL, EMAIL, TEXT
from bot.settings import Settings
from tests.case_tables import load

CASES = load("bot/contact/parsing")
# The parser of each field named in the case file; phone numbers are read as in the US.
PARSERS = {"phone": partial(parse_phone, region="US"), "email": parse_email, "name": parse_name}


@pytest.mark.parametrize(("text", "expected"), CASES["contact_methods"])
def test_contact_method_free_text(text, expected):
    assert parse_contact_method(text) == expected


@pytest.mark.parametrize(("field", "text", "expected"), CASES["valid_answers"])
def test_valid_answers_are_normalised(field, text, expected):
    result = PARSERS[field](text)
    assert result.ok and result.value == expected and result.problem is None


@pytest.mark.parametrize(("field", "text", "problem"), CASES["problems"])
def test_invalid_answers_name_their_problem(field, text, problem):
    result = PARSERS[field](text)
    assert result.value is None and result.problem == problem


def test_phone_default_region_applies_to_national_numbers():
    assert parse_phone("020 7946 0958", "GB").value == "+442079460958"
    # The same digits are not a valid US number.
    assert not parse_phone("020 7946 0958", "US").ok


def test_phone_display_format():
    assert format_phone_for_display("+12125550123") == "+1 212-555-0123"


def test_default_region_from_settings():
    assert default_phone_region(Settings(phone_region="gb")) == "GB"
    assert default_phone_region(Settings()) == "US"


def test_best_time():
    assert parse_best_time("  weekday   mornings ").value == "weekday mornings"
    assert parse_best_time("").problem == "empty"
    assert parse_best_time("a" * 201).problem == "too_long"


def test_slot_for_method():
    assert contact_slot_for_method(CALL) == "contact_phone"
    assert contact_slot_for_method(TEXT) == "contact_phone"
    assert contact_slot_for_method(EMAIL) == "contact_email"
    assert contact_slot_for_method(None) is None


@pytest.mark.parametrize(("text", "question"), CASES["questions"])
def test_questions(text, question):
    assert looks_like_question(text) is question


@pytest.mark.parametrize(("text", "refusal"), CASES["refusals"])
def test_refusals(text, refusal):
    assert looks_like_refusal(text) is refusal


@pytest.mark.parametrize(("slot", "text", "intent", "expected"), CASES["interruptions"])
def test_is_interruption(slot, text, intent, expected):
    assert is_interruption(slot, text, intent, "US") is expected
