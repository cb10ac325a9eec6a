"""Typed replies to PHQ-9 / GAD-7 items (bot/screening/frequency.py, through read_reply)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import instrument_questions
from bot.screening.frequency import read_frequency
from bot.screening.reading import ANSWER, CONFIRM, QUESTION, read_reply
from tests.case_tables import cases

ITEMS = {q.id: q for q in instrument_questions(("phq9", "gad7"))}


@pytest.mark.parametrize(
    ("text", "code"), cases("bot/screening/frequency", "everyday_words_and_day_counts")
)
def test_everyday_words_and_day_counts_are_read_as_the_instruments_answers(text, code):
    assert read_frequency(ITEMS["phq9_2"], text)[0] == code
    reading = read_reply(ITEMS["gad7_1"], text)
    assert (reading.action, reading.value) == (ANSWER, code)


@pytest.mark.parametrize(
    "text", ["not every day", "sometimes, most days actually", "hmm", "I sleep badly", "yes"]
)
def test_unclear_replies_are_read_back_never_guessed(text):
    reading = read_reply(ITEMS["phq9_3"], text)
    assert reading.action == CONFIRM and reading.value is None


def test_a_question_back_is_a_question():
    assert read_reply(ITEMS["phq9_3"], "does napping count?").action == QUESTION


def test_prefer_not_to_say_is_an_answer_that_leaves_the_item_unscored():
    for text in ("/prefer_not_say", "I'd rather not say"):
        assert read_reply(ITEMS["phq9_4"], text).value == "prefer_not_to_say"


def test_yes_at_the_crisis_item_is_at_least_several_days():
    """Item 9 asks about thoughts of being better off dead: a plain yes must not be lost."""
    item9 = ITEMS["phq9_9"]
    assert read_reply(item9, "yes").value == "several_days"
    assert item9.starts_crisis("several_days") and not item9.starts_crisis("not_at_all")
    assert read_reply(item9, "no").value == "not_at_all"


@pytest.mark.parametrize(
    "text",
    ["i can never switch off", "my mind never stops racing", "no clue", "24/7 it never ends"],
)
def test_never_inside_a_sentence_describes_the_problem_and_is_read_back(text):
    """Found by the blind set: "never" there is not "not at all"; asking beats a misread."""
    assert read_frequency(ITEMS["gad7_2"], text)[0] is None


@pytest.mark.parametrize("text", ["honestly never", "nope never", "i never feel like that"])
def test_never_as_the_answer_is_not_at_all(text):
    assert read_frequency(ITEMS["gad7_2"], text)[0] == "not_at_all"
