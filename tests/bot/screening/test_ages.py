"""An age past pregnancy answers the pregnancy question (bot/screening/ages.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.ages import age_reading


@pytest.mark.parametrize(
    ("reply", "value"),
    [
        ("pregnant?? i'm 71 honey", "no"),
        ("im 62", "no"),
        ("65 years old, so no", "no"),
        ("i'm 60", "no"),
        # Younger ages say nothing; other numbers are not ages.
        ("i'm 59", None),
        ("im 34 and 20 weeks along", None),
        ("i'm 12 weeks", None),
    ],
)
def test_an_age_of_sixty_or_more_is_no(reply, value):
    reading = age_reading(default_questions().get("pregnant_or_nursing"), reply)
    assert (reading.value if reading else None) == value


def test_only_where_the_question_reads_ages():
    assert age_reading(default_questions().get("liver_disease"), "i'm 71") is None
