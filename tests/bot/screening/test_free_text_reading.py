"""Replies to the medications question (bot/screening/free_text_reading.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.free_text_reading import read_free_text
from tests.case_tables import cases

MEDICATIONS = default_questions().get("current_medications")


@pytest.mark.parametrize(
    ("text", "action", "value"), cases("bot/screening/free_text_reading", "medications")
)
def test_replies_to_the_medications_question(text, action, value):
    reading = read_free_text(MEDICATIONS, text)
    assert (reading.action, reading.value) == (action, value)
