"""Which contact details a visitor asks to change, read from the words.

A change request at a contact question interrupts it: see the interruptions in
cases/parsing.yml (test_parsing.py).
"""

from __future__ import annotations

import pytest

from bot.contact.changes import (
    asks_for_change,
    describe,
    details_to_clear,
    mentioned_details,
)
from bot.names import CONTACT_SLOTS


@pytest.mark.parametrize(
    ("text", "method", "expected"),
    [
        ("/change_contact", "text", list(CONTACT_SLOTS)),
        ("change my contact details", "call", list(CONTACT_SLOTS)),
        ("my name is spelled wrong", "call", ["contact_name"]),
        ("wrong phone number", "text", ["contact_phone"]),
        ("I made a typo in my email", "email", ["contact_email"]),
        # An address the current method does not use: the method is asked again too.
        ("change my email", "call", ["contact_method", "contact_email"]),
        ("update my phone number", "email", ["contact_method", "contact_phone"]),
        ("actually evenings are better", "call", ["contact_best_time"]),
        ("change my name and email", "email", ["contact_name", "contact_email"]),
        ("please text me instead", "call", ["contact_method"]),
    ],
)
def test_details_to_clear(text, method, expected):
    assert details_to_clear(text, method) == expected


def test_button_payload_names_nothing():
    assert mentioned_details("/change_contact") == []


@pytest.mark.parametrize(
    ("details", "expected"),
    [
        (list(CONTACT_SLOTS), "your contact details"),
        (["contact_phone"], "your phone number"),
        (["contact_method"], "how the care team contacts you"),
        (["contact_method", "contact_email"], "your email address"),
        (["contact_name", "contact_email"], "your name and your email address"),
        (
            ["contact_name", "contact_phone", "contact_best_time"],
            "your name, your phone number and the best time to reach you",
        ),
    ],
)
def test_describe(details, expected):
    assert describe(details) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("that's wrong", True), ("fix my name", True), ("Robin", False), ("mornings", False)],
)
def test_asks_for_change(text, expected):
    assert asks_for_change(text) is expected
