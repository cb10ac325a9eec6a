"""Replies to the medications question (bot/screening/free_text_reading.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.free_text_reading import read_free_text
from bot.screening.reading_result import ANSWER, OFF_TOPIC, QUESTION

MEDICATIONS = default_questions().get("current_medications")


@pytest.mark.parametrize(
    ("text", "action", "value"),
    [
        ("sertraline 50mg and vitamin D", ANSWER, "provided"),
        ("none", ANSWER, "none"),
        ("Aucun médicament", ANSWER, "none"),
        ("/prefer_not_say", ANSWER, "prefer_not_to_say"),
        ("nothing prescribed. fish oil + d3", ANSWER, "provided"),
        ("metformin and i think something called jardiance?", ANSWER, "provided"),
        ("huh, what kind of medications?", QUESTION, None),
        ("hang on let me go check the bottles", OFF_TOPIC, None),
        ("my neighbor is mowing the lawn again", OFF_TOPIC, None),
        ("", OFF_TOPIC, None),
    ],
)
def test_replies_to_the_medications_question(text, action, value):
    reading = read_free_text(MEDICATIONS, text)
    assert (reading.action, reading.value) == (action, value)
