"""Replies naming another subject than the question's (bot/screening/other_subjects.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.other_subjects import (
    another_subject_reading,
    explained_as_another_subject,
    negates_the_subject,
    only_another_subject,
)
from bot.screening.reading_result import ANSWER, OFF_TOPIC
from bot.text import normalize
from tests.case_tables import cases

QUESTIONS = default_questions()


def _reading(question_id: str, text: str):
    return another_subject_reading(QUESTIONS.get(question_id), normalize(text))


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("mania_or_bipolar", "I have ADHD"),
        ("personality_disorder", "i have OCD"),
        ("intracranial_pressure", "I get migraines"),
        ("heart_disease", "i have high cholesterol"),
        ("high_blood_pressure", "my blood sugar is high"),
    ],
)
def test_another_condition_alone_answers_nothing_and_is_asked_again(question_id, text):
    # "I have ADHD" at the bipolar question is no answer: a no would be a guess.
    assert _reading(question_id, text).action == OFF_TOPIC


@pytest.mark.parametrize(
    ("question_id", "text"), cases("bot/screening/other_subjects", "another_question")
)
def test_a_reply_that_says_it_answers_another_question_is_asked_again(question_id, text):
    # At the suicide question above all: never a crisis from a reply about something else.
    assert _reading(question_id, text).action == OFF_TOPIC


@pytest.mark.parametrize(
    ("question_id", "text"), cases("bot/screening/other_subjects", "all_there_is")
)
def test_another_subject_said_to_be_all_there_is_answers_no(question_id, text):
    reading = _reading(question_id, text)
    assert (reading.action, reading.value) == (ANSWER, "no")


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("mania_or_bipolar", "diagnosed bipolar 2 years ago"),
        # Another diagnosis as well, not instead: nothing to decide here.
        ("mania_or_bipolar", "I have bipolar but also ADHD"),
        ("intracranial_pressure", "I have a shunt"),
    ],
)
def test_replies_about_the_question_itself_are_left_to_the_reader(question_id, text):
    assert _reading(question_id, text) is None


def test_only_explained_and_negated_each_need_their_own_words():
    migraines = QUESTIONS.get("intracranial_pressure")
    assert only_another_subject("just migraines", migraines)
    assert not only_another_subject("i get migraines", migraines)
    assert explained_as_another_subject("headaches but it was just migraines", migraines)
    assert not explained_as_another_subject("a shunt but also migraines", migraines)
    assert negates_the_subject("migraines nothing about pressure", migraines)
    assert not negates_the_subject("migraines and pressure", migraines)


def test_all_there_is_must_end_the_reply():
    """ "that's all i can think of, and a concussion once" goes on to another subject."""
    reply = "migraines and that's all i can think of, and a concussion once"
    assert _reading("intracranial_pressure", reply).value != "no"
