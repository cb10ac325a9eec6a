"""A reply naming an earlier question with its answer (bot/screening/earlier_answers.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.earlier_answers import (
    answer_for_an_earlier_question,
    names_an_earlier_question,
)

QUESTIONS = default_questions()
FIVE_ANSWERED = {q.id: {"value": "no", "raw": "no"} for q in QUESTIONS.questions[:5]}


@pytest.mark.parametrize(
    ("text", "question_id", "value"),
    [
        ("Oh sorry, for the pregnancy one earlier — it's a no", "pregnant_or_nursing", "no"),
        ("about the blood pressure question, I meant yes", "high_blood_pressure", "yes"),
        ("for the heart one, not sure actually", "heart_disease", "not_sure"),
    ],
)
def test_a_clear_answer_for_a_named_earlier_question_is_recorded_there(text, question_id, value):
    recorded = answer_for_an_earlier_question(QUESTIONS, FIVE_ANSWERED, text)
    assert recorded is not None
    assert (recorded.question.id, recorded.value, recorded.raw) == (question_id, value, text)


@pytest.mark.parametrize(
    "text",
    [
        "for the pregnancy one earlier, hmm",  # no clear answer: asked there
        "about the thyroid one, did it save?",  # a question about it
        "I already said no to the pregnancy one",  # "already"
        "about the liver one, no",  # not asked yet
        "no",  # names nothing
    ],
)
def test_anything_else_is_left_to_going_back(text):
    assert answer_for_an_earlier_question(QUESTIONS, FIVE_ANSWERED, text) is None


def test_only_a_question_before_the_current_one_counts():
    current = QUESTIONS.questions[5].id
    assert names_an_earlier_question("for the pregnancy one, it's a no", QUESTIONS, current)
    assert not names_an_earlier_question("for the liver one, it's a no", QUESTIONS, current)
