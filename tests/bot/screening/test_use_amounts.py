"""How much a visitor drinks or uses (bot/screening/use_amounts.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.use_amounts import use_amount
from tests.case_tables import cases


def amount(text, question_id="substance_withdrawal"):
    return use_amount(default_questions().get(question_id), text)


@pytest.mark.parametrize(("text", "value"), cases("bot/screening/use_amounts", "for_review"))
def test_how_much_is_used_answers_for_review(text, value):
    reading = amount(text)
    assert (reading.value, reading.ambiguous) == (value, True)


@pytest.mark.parametrize("text", ["2 beers a day", "I drink sometimes", "xanax when I fly"])
def test_amounts_in_between_are_left_to_the_other_rules(text):
    assert amount(text) is None


def test_only_the_question_that_asks_about_drinking_reads_amounts():
    assert amount("a fifth of vodka a day", question_id="liver_disease") is None
