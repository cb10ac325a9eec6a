"""Interpreting visitors' replies to yes/no screening questions (bot/screening/answers.py)."""

from __future__ import annotations

import pytest

from bot.screening.answers import VALUES, generic_polarity, interpret_answer, interpret_free_text
from bot.text import normalize
from tests.case_tables import cases

CASES = cases("bot/screening/answers", "interpret_answer")


def test_at_least_sixty_free_text_cases():
    free_text = [c for c in CASES if not c.values[0].startswith("/")]
    assert len(free_text) >= 60


@pytest.mark.parametrize(("reply", "value", "ambiguous"), CASES)
def test_interpret_answer(reply, value, ambiguous):
    result = interpret_answer(reply)
    assert (result.value, result.ambiguous) == (value, ambiguous), result.reason


@pytest.mark.parametrize("reply", [c.values[0] for c in CASES])
def test_values_are_from_the_fixed_set(reply):
    result = interpret_answer(reply)
    assert result.value in VALUES
    assert result.reason


def test_curly_apostrophes_are_read():
    assert interpret_answer("I don\u2019t think so").value == "no"
    assert interpret_answer("I\u2019d rather not say").value == "prefer_not_to_say"


@pytest.mark.parametrize(("reply", "value"), cases("bot/screening/answers", "interpret_free_text"))
def test_interpret_free_text(reply, value):
    assert interpret_free_text(reply).value == value


@pytest.mark.parametrize(
    ("reply", "polarity"),
    [("nein danke", "no"), ("oui", "yes"), ("sí", "yes"), ("non", "no"), ("si tu veux", None)],
)
def test_generic_polarity_reads_a_whole_reply_in_another_language(reply, polarity):
    assert generic_polarity(normalize(reply)) == polarity
