"""The question-free readers and answer words (bot/screening/answers.py)."""

from __future__ import annotations

import pytest

from bot.screening.answers import generic_polarity, hedged_value, interpret_free_text
from bot.text import normalize
from tests.case_tables import cases


@pytest.mark.parametrize(("reply", "value"), cases("bot/screening/answers", "interpret_free_text"))
def test_interpret_free_text(reply, value):
    assert interpret_free_text(reply).value == value


@pytest.mark.parametrize(
    ("reply", "polarity"),
    [("nein danke", "no"), ("oui", "yes"), ("sí", "yes"), ("non", "no"), ("si tu veux", None)],
)
def test_generic_polarity_reads_a_whole_reply_in_another_language(reply, polarity):
    assert generic_polarity(normalize(reply)) == polarity


@pytest.mark.parametrize(
    ("reply", "value"),
    [("maybe a little", "not_sure"), ("kind of?", "not_sure"), ("probably, a bit", "yes")],
)
def test_a_hedge_of_doubt_is_not_sure_and_one_of_degree_a_yes(reply, value):
    assert hedged_value(normalize(reply)) == value
