"""The question's own phrases, weighed (bot/screening/question_phrases.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.question_phrases import past_reading, question_phrases
from bot.screening.reading import read_reply
from bot.screening.reading_result import ANSWER, CONFIRM
from bot.text import normalize
from tests.case_tables import cases

QUESTIONS = default_questions()


def phrases(question_id: str, text: str):
    return question_phrases(QUESTIONS.get(question_id), normalize(text))


@pytest.mark.parametrize(
    ("question_id", "text", "action", "value"),
    [
        ("high_blood_pressure", "controlled with lisinopril now", ANSWER, "no"),
        ("pregnant_or_nursing", "I'm 20 weeks along", ANSWER, "yes"),
        # Still high despite the medicine: not well controlled, which the question asks about.
        ("high_blood_pressure", "on lisinopril but it's still running high", ANSWER, "yes"),
        ("high_blood_pressure", "diagnosed, stopped taking my pills months ago", ANSWER, "yes"),
        ("liver_disease", "Hep C but treated and cured in 2018, tests normal since", CONFIRM, "no"),
    ],
)
def test_phrases_weighed_by_treatment_time_and_resolution(question_id, text, action, value):
    reading = phrases(question_id, text)
    assert reading is not None and (reading.action, reading.value) == (action, value)


def test_no_phrase_no_reading():
    assert phrases("heart_disease", "my cat is called Biscuit") is None


def test_the_past_is_no_for_a_question_about_now_and_read_back_when_someone_else_is_named():
    now = QUESTIONS.get("high_blood_pressure")
    assert past_reading(now, "had it", "had it years ago").value == "no"
    assert past_reading(now, "had it", "my dad had it years ago").action == CONFIRM


@pytest.mark.parametrize(
    ("question_id", "text", "value"), cases("bot/screening/question_phrases", "value_for_review")
)
def test_the_questions_phrases_in_a_reply_give_a_value_for_review(question_id, text, value):
    reading = read_reply(QUESTIONS.get(question_id), text)
    assert (reading.value, reading.ambiguous) == (value, True)
