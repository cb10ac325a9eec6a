"""One contact-form reply read for the field asked (bot/contact/fields.py)."""

from __future__ import annotations

import pytest

from bot.contact import messages
from bot.contact.fields import FieldReading, read_email, read_free_field, read_method, read_phone
from bot.contact.parsing import ParsedValue


@pytest.mark.parametrize(
    ("text", "typed", "expected"),
    [
        ("text me", None, FieldReading({"contact_method": "text"})),
        # The contextual reading (a button, the NLU) wins over the words.
        ("whatever", "call", FieldReading({"contact_method": "call"})),
        (
            "robin@example.org",
            None,
            FieldReading({"contact_method": "email", "contact_email": "robin@example.org"}),
        ),
        (
            "212-555-0123",
            None,
            FieldReading(
                {"contact_method": None, "contact_phone": "+12125550123"},
                messages.NUMBER_BEFORE_METHOD_RESPONSE,
            ),
        ),
        (
            "whenever",
            None,
            FieldReading({"contact_method": None}, messages.INVALID_METHOD_RESPONSE),
        ),
    ],
)
def test_read_method(text, typed, expected):
    assert read_method(text, typed, "US") == expected


@pytest.mark.parametrize(
    ("text", "current", "slots"),
    [
        ("(212) 555-0123", "call", {"contact_phone": "+12125550123"}),
        ("email me instead", "call", {"contact_phone": None, "contact_method": "email"}),
        ("text me instead", "call", {"contact_phone": None, "contact_method": "text"}),
    ],
)
def test_read_phone_takes_a_number_or_switches_the_method(text, current, slots):
    assert read_phone(text, current, "US") == FieldReading(slots)


def test_read_phone_asks_again_with_an_example_of_the_region():
    # "text" while texting is already the method: nothing to switch, so asked again.
    reading = read_phone("text", "text", "GB")
    assert reading.slots == {"contact_phone": None}
    assert reading.say == messages.INVALID_PHONE_RESPONSE
    assert reading.values == {"example": messages.phone_example("GB")}
    assert reading.values["example"] != messages.phone_example("US")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (" robin@Example.ORG ", FieldReading({"contact_email": "robin@example.org"})),
        ("just call me", FieldReading({"contact_email": None, "contact_method": "call"})),
        (
            "robin at example",
            FieldReading({"contact_email": None}, messages.INVALID_EMAIL_RESPONSE),
        ),
    ],
)
def test_read_email(text, expected):
    assert read_email(text) == expected


def test_read_free_field_keeps_the_tidied_words_or_asks_again():
    good = read_free_field("contact_name", ParsedValue("Robin"), "utter_invalid")
    assert good == FieldReading({"contact_name": "Robin"})
    bad = read_free_field("contact_name", ParsedValue(None, "empty"), "utter_invalid")
    assert bad == FieldReading({"contact_name": None}, "utter_invalid")
