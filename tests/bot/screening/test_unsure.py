"""Unsure words, and where they are the sign asked about (bot/screening/unsure.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.unsure import says_borderline, says_unsure
from bot.text import normalize
from tests.case_tables import cases


@pytest.mark.parametrize(
    ("question_id", "reply", "unsure"),
    cases("bot/screening/unsure", "unsure_unless_the_sign_asked_about"),
)
def test_unsure_words_unless_they_are_the_sign_asked_about(question_id, reply, unsure):
    question = default_questions().get(question_id)
    assert says_unsure(question, reply) is unsure


def test_lost_time_in_the_visitors_words_is_a_yes(read):
    assert (
        read("dissociation", "I lose whole afternoons and can't remember what happened").value
        == "yes"
    )
    assert read("dissociation", "i have whole weeks i don't remember").value == "yes"


@pytest.mark.parametrize(
    ("question_id", "reply", "hedges"), cases("bot/screening/unsure", "borderline")
)
def test_borderline_hedges_unless_it_names_the_condition(question_id, reply, hedges):
    question = default_questions().get(question_id)
    assert says_borderline(normalize(reply), question) is hedges
