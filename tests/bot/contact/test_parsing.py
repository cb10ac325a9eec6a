"""Parsing of contact method, phone, email, name and best time (no Rasa, no database)."""

from __future__ import annotations

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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("call", CALL),
        ("Call", CALL),
        ("phone", CALL),
        ("a phone call please", CALL),
        ("ring me", CALL),
        ("text", TEXT),
        ("txt me", TEXT),
        ("SMS", TEXT),
        ("by text message", TEXT),
        ("email", EMAIL),
        ("e-mail", EMAIL),
        ("E-Mail please", EMAIL),
        ("e mail", EMAIL),
        ("send me an email", EMAIL),
        ("text, don't call", TEXT),
        ("please don't call, email me", EMAIL),
        ("no calls please, just text", TEXT),
        ("email rather than call", EMAIL),
    ],
)
def test_contact_method_free_text(text, expected):
    assert parse_contact_method(text) == expected


@pytest.mark.parametrize("text", ["", None, "whatever", "tomorrow", "Sam", "don't call"])
def test_contact_method_unknown(text):
    assert parse_contact_method(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(212) 555-0123", "+12125550123"),
        ("212.555.0123", "+12125550123"),
        ("2125550123", "+12125550123"),
        ("+1 212 555 0123", "+12125550123"),
        ("call me at 617 555 0199 thanks", "+16175550199"),
        ("+44 20 7946 0958", "+442079460958"),
    ],
)
def test_phone_normalised_to_e164(text, expected):
    result = parse_phone(text, "US")
    assert result.ok and result.value == expected and result.problem is None


def test_phone_default_region_applies_to_national_numbers():
    assert parse_phone("020 7946 0958", "GB").value == "+442079460958"
    # The same digits are not a valid US number.
    assert not parse_phone("020 7946 0958", "US").ok


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("my number is secret", "not_a_number"),
        ("555-1234", "invalid"),
        ("123", "invalid"),
        ("(212) 555-012", "invalid"),
    ],
)
def test_phone_problems(text, problem):
    result = parse_phone(text, "US")
    assert result.value is None and result.problem == problem


def test_phone_display_format():
    assert format_phone_for_display("+12125550123") == "+1 212-555-0123"


def test_default_region_from_settings():
    assert default_phone_region(Settings(phone_region="gb")) == "GB"
    assert default_phone_region(Settings()) == "US"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("jane@example.com", "jane@example.com"),
        ("It is Jane.Doe@Example.COM.", "Jane.Doe@example.com"),
        ("<sam@mail.example.org>", "sam@mail.example.org"),
    ],
)
def test_email_valid(text, expected):
    assert parse_email(text).value == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("jane at example dot com", "missing_at"),
        ("jane@", "invalid"),
        ("jane@localhost", "invalid"),
        ("jane@@example.com", "invalid"),
    ],
)
def test_email_problems(text, problem):
    result = parse_email(text)
    assert result.value is None and result.problem == problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sam", "Sam"),
        ("My name is Sam Lee", "Sam Lee"),
        ("I'm Alex.", "Alex"),
        ("hi, it's José", "José"),
        ("  Dana   Ruiz ", "Dana Ruiz"),
    ],
)
def test_name(text, expected):
    assert parse_name(text).value == expected


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "empty"),
        ("12345", "no_letters"),
        ("x" * 81, "too_long"),
        ("who will see this?", "question"),
    ],
)
def test_name_problems(text, problem):
    assert parse_name(text).problem == problem


def test_best_time():
    assert parse_best_time("  weekday   mornings ").value == "weekday mornings"
    assert parse_best_time("").problem == "empty"
    assert parse_best_time("a" * 201).problem == "too_long"


def test_slot_for_method():
    assert contact_slot_for_method(CALL) == "contact_phone"
    assert contact_slot_for_method(TEXT) == "contact_phone"
    assert contact_slot_for_method(EMAIL) == "contact_email"
    assert contact_slot_for_method(None) is None


@pytest.mark.parametrize(
    "text",
    ["how much does it cost?", "what is kap", "Is it covered by insurance", "where are you?"],
)
def test_questions(text):
    assert looks_like_question(text)


@pytest.mark.parametrize("text", ["Sam", "when I get home from work", "weekday mornings", ""])
def test_not_questions(text):
    assert not looks_like_question(text)


@pytest.mark.parametrize("text", ["no", "No thanks!", "nope", "I'd rather not", "never mind"])
def test_refusals(text):
    assert looks_like_refusal(text)


@pytest.mark.parametrize("text", ["Noa", "Nora Jones", "not after 5 pm", "any time"])
def test_not_refusals(text):
    assert not looks_like_refusal(text)


@pytest.mark.parametrize(
    ("slot", "text", "intent", "expected"),
    [
        # NLU calls plain answers faq / out_of_scope / deny: the text wins.
        ("contact_name", "Sam", "faq", False),
        ("contact_name", "My name is Robin", "out_of_scope", False),
        ("contact_name", "Noa", "deny", False),
        ("contact_phone", "212 555 0123", "faq", False),
        ("contact_email", "sam@example.org", "faq", False),
        ("contact_method", "txt me", "deny", False),
        ("contact_best_time", "after 6pm", "faq", False),
        # Real questions and refusals interrupt.
        ("contact_name", "how much does it cost?", "faq", True),
        ("contact_best_time", "what happens in a session", "faq", True),
        ("contact_phone", "no thanks", "deny", True),
        ("contact_email", "I'd rather not", "deny", True),
        ("contact_name", "/faq", "faq", True),
        # Other intents are never decided here.
        ("contact_name", "how are you?", "greet", False),
        ("contact_name", "no", None, False),
    ],
)
def test_is_interruption(slot, text, intent, expected):
    assert is_interruption(slot, text, intent, "US") is expected
