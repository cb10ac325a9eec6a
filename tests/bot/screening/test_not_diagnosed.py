"""What "not diagnosed" means with what comes with it (bot/screening/not_diagnosed.py)."""

from __future__ import annotations

import pytest

from bot.screening.not_diagnosed import NOT_DIAGNOSED
from bot.text import normalize
from tests.case_tables import cases


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    cases("bot/screening/not_diagnosed", "with_what_comes_with_it"),
)
def test_not_diagnosed_is_read_with_what_comes_with_it(read, question_id, text, value):
    reading = read(question_id, text)
    assert (reading.value, reading.ambiguous) == (value, True)


def test_a_diagnosis_only_question_does_not_take_an_experience_as_yes(read):
    # "severe personality disorder" asks only about a diagnosis.
    reading = read("personality_disorder", "never diagnosed but I have really unstable moods")
    assert reading.value != "yes"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("never been diagnosed", True),
        ("not diagnosed but i think so", True),
        ("they never mentioned pressure", True),
        ("yes", False),
        ("i was diagnosed in 2019", False),
    ],
)
def test_the_words_that_there_is_no_diagnosis(text, found):
    assert bool(NOT_DIAGNOSED.search(normalize(text))) is found
