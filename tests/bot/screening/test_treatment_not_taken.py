"""A condition named with its treatment never started, stopped or out of reach."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.answers import YES
from bot.screening.treatment_not_taken import treatment_not_taken
from bot.text import normalize

QUESTIONS = default_questions()


@pytest.mark.parametrize(
    "reply",
    [
        "diagnosed with hypertension, never started the meds",
        "been out of my bp meds for 2 months",
        "my blood pressure is high, can't afford refills",
        "supposed to start blood pressure meds but haven't picked them up",
        "high bp, I keep forgetting my pills",
    ],
)
def test_a_treatment_not_taken_answers_yes_to_an_untreated_condition(reply):
    reading = treatment_not_taken(QUESTIONS.get("high_blood_pressure"), normalize(reply))
    assert reading is not None and reading.value == YES and reading.ambiguous


@pytest.mark.parametrize(
    ("question_id", "reply"),
    [
        # The condition is not named, or is said to be fine, or the reply opens with a no.
        ("high_blood_pressure", "i'm not on any meds"),
        ("high_blood_pressure", "bp is fine, i'm not on any meds"),
        ("high_blood_pressure", "no, never started blood pressure meds because i don't need them"),
        # A question that does not ask about an untreated condition.
        ("liver_disease", "liver disease, never started the meds"),
    ],
)
def test_otherwise_it_says_nothing(question_id, reply):
    assert treatment_not_taken(QUESTIONS.get(question_id), normalize(reply)) is None
