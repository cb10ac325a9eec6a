"""Correction words inside a reply (bot/screening/corrections.py)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    [
        ("liver_disease", "no wait actually yes", "yes"),
        ("heart_disease", "no. sorry, I had a heart attack in 2019", "yes"),
        # A vague tail does not undo an answer: "I faint sometimes" is not high blood pressure.
        ("high_blood_pressure", "i have low blood pressure actually, i faint sometimes", "no"),
        # Where how often is the answer, it does.
        ("suicidal_thoughts", "nope. honestly, sometimes at night", "yes"),
        # "that's actually why" stresses; it corrects nothing.
        ("suicidal_thoughts", "yes, that's actually why I'm here", "yes"),
    ],
)
def test_the_part_after_the_last_correction_decides_when_it_answers(read, question_id, text, value):
    assert read(question_id, text).value == value
