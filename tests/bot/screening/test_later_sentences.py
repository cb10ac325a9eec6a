"""A bare first answer revised by later sentences (bot/screening/later_sentences.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.later_sentences import sentences_of
from bot.screening.reading import ANSWER, CONFIRM, read_reply

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
    [
        ("suicidal_thoughts", "no... ok yes", "yes"),
        ("suicidal_thoughts", "nah. well, sometimes", "yes"),
        ("suicidal_thoughts", "no. I mean, not really. ok maybe a little", "yes"),
        ("pregnant_or_nursing", "no. well, we're trying", "yes"),
    ],
)
def test_a_later_sentence_that_turns_the_answer_around_counts(question_id, text, value):
    reading = read(question_id, text)
    assert (reading.action, reading.value, reading.ambiguous) == (ANSWER, value, True)


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        ("heart_disease", "No. I've never had heart problems.", "no"),
        ("mania_or_bipolar", "No. My mom has bipolar.", "no"),
        ("high_blood_pressure", "No. Thanks for asking!", "no"),
        ("suicidal_thoughts", "nope. never.", "no"),
    ],
)
def test_later_sentences_that_agree_or_answer_nothing_keep_the_answer(question_id, text, value):
    assert (read(question_id, text).action, read(question_id, text).value) == (ANSWER, value)


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("hyperthyroidism", "no. my levels were a bit off last year"),
        ("psychosis", "no. i hear voices sometimes when falling asleep"),
    ],
)
def test_a_later_sentence_that_disagrees_without_saying_so_is_read_back(question_id, text):
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (CONFIRM, "yes")


def test_a_marked_correction_in_a_later_sentence_still_counts():
    assert read("liver_disease", "yes. actually no, that was my dad").value == "no"


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        # A question about ever: a later yes about the past turns "not currently".
        ("psychosis", "not currently. years ago yes", "yes"),
        ("mania_or_bipolar", "not currently. but yes I have the diagnosis", "yes"),
        # A question about now: the past does not.
        ("bladder_inflammation", "not currently. years ago yes", "no"),
        ("pregnant_or_nursing", "not currently. maybe in a few years", "no"),
    ],
)
def test_not_currently_then_a_later_sentence(read, question_id, text, value):
    assert read(question_id, text).value == value
