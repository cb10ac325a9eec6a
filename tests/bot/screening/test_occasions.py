"""Another question's subject named as the occasion (bot/screening/occasions.py)."""

from __future__ import annotations

import pytest

from bot.screening.occasions import names_other_subject_as_occasion
from tests.case_tables import cases


@pytest.mark.parametrize(
    ("question_id", "text", "action", "value"),
    cases("bot/screening/occasions", "occasion_readings"),
)
def test_an_occasion_is_read_as_when_it_happened(read, question_id, text, action, value):
    reading = read(question_id, text)
    assert (reading.action, reading.value) == (action, value)


def test_the_other_subject_must_follow_an_occasion_word():
    others = frozenset({"pregnancy", "drinking"})
    assert names_other_subject_as_occasion("had it during pregnancy", others)
    assert names_other_subject_as_occasion("only when i was drinking heavily", others)
    assert not names_other_subject_as_occasion("my pregnancy is going well", others)
    assert not names_other_subject_as_occasion("it went away", others)
