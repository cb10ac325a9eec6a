"""What a reply means (bot/screening/reading_result.py): the readings the readers build."""

from __future__ import annotations

import pytest

from bot.screening.reading_result import (
    ABOUT_SOMEONE_ELSE,
    ANSWER,
    CONFIRM,
    NAMED,
    Reading,
    about_someone_else,
    answer,
)


def test_an_answer_records_its_value_and_what_it_rests_on():
    reading = answer("yes", "named the condition", evidence=NAMED)
    assert reading == Reading(ANSWER, "yes", False, "named the condition", evidence=NAMED)
    assert reading.note == ""
    assert answer("no", "hedged", ambiguous=True).ambiguous is True


def test_a_reply_about_someone_else_is_read_back_without_a_value():
    reading = about_someone_else()
    assert (reading.action, reading.value, reading.ambiguous) == (CONFIRM, None, True)
    assert reading.note == ABOUT_SOMEONE_ELSE


def test_readings_are_values_that_cannot_change():
    reading = answer("yes", "said yes")
    with pytest.raises(AttributeError):
        reading.value = "no"  # type: ignore[misc]
    assert reading == answer("yes", "said yes")
