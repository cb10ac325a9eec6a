"""A negated state of being well is not a no (bot/screening/unwell_states.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.reading_result import ANSWER, CONFIRM
from bot.screening.unwell_states import unwell_reading


@pytest.mark.parametrize(
    "text",
    [
        "I don't feel like myself for weeks at a time",
        "i dont feel real a lot of the time",
        "honestly I don't really feel like I'm in my body",
    ],
)
def test_not_feeling_like_oneself_is_a_yes_for_review_at_the_dissociation_question(read, text):
    reading = read("dissociation", text)
    assert (reading.action, reading.value, reading.ambiguous) == (ANSWER, "yes", True)


@pytest.mark.parametrize(
    "text", ["I don't feel ok", "not really ok tbh", "i'm not doing well", "don't feel safe"]
)
def test_not_being_ok_is_asked_again_at_the_suicide_question_not_recorded_no(read, text):
    reading = read("suicidal_thoughts", text)
    assert (reading.action, reading.value) == (CONFIRM, None)


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("suicidal_thoughts", "not right now, I had a rough patch in college"),
        ("suicidal_thoughts", "nope, doing fine"),
        ("dissociation", "No I dont. Well my therapist never mentioned it"),
        ("liver_disease", "no, I'm not good at remembering my results but nothing wrong"),
    ],
)
def test_a_plain_no_stays_a_no(read, question_id, text):
    assert read(question_id, text).value == "no"


def test_a_preference_is_not_a_state():
    question = default_questions().get("suicidal_thoughts")
    assert unwell_reading(question, "i'm not ok with sharing that") is None
    assert unwell_reading(question, "i'm not ok") is not None
