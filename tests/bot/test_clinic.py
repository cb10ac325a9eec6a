"""Visitor sentences about the clinic (bot/clinic.py): built from configuration, never invented."""

from __future__ import annotations

import pytest

from bot.clinic import NO_CONTACT_LINE, contact_line, hours_line
from bot.settings import ClinicSettings


@pytest.mark.parametrize(
    ("configured", "sentence"),
    [
        (
            {"name": "Lakeside", "phone": "555-0100"},
            "You can call Lakeside at 555-0100. You can also ask me to have the care team "
            "contact you.",
        ),
        (
            {"phone": "555-0100", "email": "care@lakeside.example"},
            "You can call the clinic at 555-0100 or email care@lakeside.example. You can also "
            "ask me to have the care team contact you.",
        ),
        (
            {"phone": "555-0100", "email": "a@b.example", "booking_url": "https://b.example"},
            "You can call the clinic at 555-0100, email a@b.example or book online at "
            "https://b.example. You can also ask me to have the care team contact you.",
        ),
        ({"booking_url": "https://b.example"}, "You can book online at https://b.example."),
    ],
)
def test_contact_line_lists_what_is_configured(configured, sentence):
    assert contact_line(ClinicSettings(**configured)).startswith(sentence)


def test_without_contact_details_the_chat_is_the_way_in():
    assert contact_line(ClinicSettings(name="Lakeside", hours="9-5")) == NO_CONTACT_LINE


def test_hours_line_says_the_hours_or_invents_none():
    assert hours_line(ClinicSettings(hours="Mon-Fri 9-5")) == "The clinic's hours are Mon-Fri 9-5."
    unset = hours_line(ClinicSettings())
    assert "business hours" in unset and not any(ch.isdigit() for ch in unset)
