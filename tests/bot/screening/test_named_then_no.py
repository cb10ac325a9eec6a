"""Replies that name the question's subject, then say no (bot/screening/named_then_no.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.named_then_no import named_then_no
from bot.screening.reading_result import Reading
from bot.text import normalize
from tests.case_tables import cases


@pytest.mark.parametrize(
    ("question_id", "reply", "action", "value"),
    cases("bot/screening/named_then_no", "subject_then_no"),
)
def test_the_subject_then_no_is_read_as_no_unless_a_yes_follows(
    read, question_id, reply, action, value
):
    reading = read(question_id, reply)
    assert (reading.action, reading.value) == (action, value)


@pytest.mark.parametrize(
    ("question_id", "reply"), cases("bot/screening/named_then_no", "other_shapes")
)
def test_other_shapes_are_left_to_the_rest_of_the_reader(question_id, reply):
    question = default_questions().get(question_id)

    def unexpected(rest: str) -> Reading:
        raise AssertionError(f"the rest {rest!r} should not be read")

    assert named_then_no(question, normalize(reply), unexpected) is None
