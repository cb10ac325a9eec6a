"""Replies to the screener's offer and questions (bot/triage/reading.py).

The replies and what is read from them are in cases/reading.yml.
"""

from __future__ import annotations

import pytest

from bot.triage.questions import yes_no_question
from bot.triage.reading import read_answer, read_offer
from tests.case_tables import load

CASES = load("bot/triage/reading")


@pytest.mark.parametrize(("question", "reply", "expected"), CASES["answers"])
def test_replies_are_read_against_the_question_and_non_answers_are_not_guessed(
    question, reply, expected
):
    assert read_answer(yes_no_question(question), reply) == expected


@pytest.mark.parametrize(("reply", "intent", "expected"), CASES["offer"])
def test_the_offer(reply, intent, expected):
    assert read_offer(reply, intent) == expected
