"""The question-free readers and answer words (bot/screening/answers.py)."""

from __future__ import annotations

import pytest

from bot.screening.answers import (
    generic_polarity,
    hedged_value,
    hedges_the_answer,
    interpret_free_text,
)
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


@pytest.mark.parametrize(
    ("reply", "qualifies"),
    [
        ("mm maybe", True),  # opens the reply
        ("we're not exactly preventing it, so maybe?", True),  # closes it
        ("i think it's a bit high but nobody's said anything", True),  # points back
        ("doc said its a bit elevated, just watching it", True),  # degree of a state
        ("sorry I think I clicked the wrong thing earlier", False),
        ("I think my main issue is OCD", False),
        ("had chest pains last month, ER said it was probably reflux", False),
    ],
)
def test_a_hedge_qualifies_the_answer_only_where_it_opens_closes_or_points_back(reply, qualifies):
    assert hedges_the_answer(normalize(reply)) is qualifies
