"""An age past pregnancy answers the pregnancy question (bot/screening/ages.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.ages import age_reading
from tests.case_tables import cases


@pytest.mark.parametrize(("reply", "value"), cases("bot/screening/ages", "sixty_or_more"))
def test_an_age_of_sixty_or_more_is_no(reply, value):
    reading = age_reading(default_questions().get("pregnant_or_nursing"), reply)
    assert (reading.value if reading else None) == value


def test_only_where_the_question_reads_ages():
    assert age_reading(default_questions().get("liver_disease"), "i'm 71") is None
