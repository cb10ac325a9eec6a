"""Correction words inside a reply (bot/screening/corrections.py)."""

from __future__ import annotations

import pytest

from tests.case_tables import cases


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    cases("bot/screening/corrections", "after_the_last_correction"),
)
def test_the_part_after_the_last_correction_decides_when_it_answers(read, question_id, text, value):
    assert read(question_id, text).value == value
