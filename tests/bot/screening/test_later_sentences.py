"""A bare first answer revised by later sentences (bot/screening/later_sentences.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.later_sentences import sentences_of
from bot.screening.reading import ANSWER, read_reply
from tests.case_tables import cases

QUESTIONS = default_questions()


def read(question_id: str, text: str):
    return read_reply(QUESTIONS.get(question_id), text, QUESTIONS)


def test_sentences_are_split_on_the_replys_own_punctuation():
    assert sentences_of("no... ok yes") == ["no", "ok yes"]
    assert sentences_of("nah. well, sometimes") == ["nah", "well sometimes"]
    assert sentences_of("no, my partner has one") == ["no my partner has one"]
    assert sentences_of("150/95 last week") == ["150 over 95 last week"]


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    cases("bot/screening/later_sentences", "turns_the_answer_around"),
)
def test_a_later_sentence_that_turns_the_answer_around_counts(question_id, text, value):
    reading = read(question_id, text)
    assert (reading.action, reading.value, reading.ambiguous) == (ANSWER, value, True)


@pytest.mark.parametrize(
    ("question_id", "text", "action", "value"),
    cases("bot/screening/later_sentences", "action_and_value"),
)
def test_later_sentences_that_do_not_say_they_turn_the_answer_leave_it_or_read_it_back(
    question_id, text, action, value
):
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (action, value)


def test_a_marked_correction_in_a_later_sentence_still_counts():
    assert read("liver_disease", "yes. actually no, that was my dad").value == "no"


@pytest.mark.parametrize(
    ("question_id", "text", "value"), cases("bot/screening/later_sentences", "not_currently")
)
def test_not_currently_then_a_later_sentence(read, question_id, text, value):
    assert read(question_id, text).value == value
