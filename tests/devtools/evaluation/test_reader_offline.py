"""The screening reader alone over labelled replies (devtools/evaluation/reader_offline.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.safety.crisis_matcher import get_matcher
from devtools.evaluation.reader_offline import judge


@pytest.mark.parametrize(
    ("item", "outcome"),
    [
        ({"question": "liver_disease", "reply": "nope", "expected": "no"}, "ok"),
        ({"question": "liver_disease", "reply": "nope", "expected": "yes"}, "flip"),
        ({"question": "liver_disease", "reply": "nope", "expected": "not_sure"}, "wrong"),
        ({"question": "liver_disease", "reply": "how much is it?", "expected": "no"}, "follow_up"),
        (
            {"question": "liver_disease", "reply": "how much is it?", "expected": "off_topic"},
            "ok",
        ),
        (
            {
                "question": "liver_disease",
                "reply": "no. i want to kill myself",
                "expected": "off_topic",
                "crisis": True,
            },
            "ok",
        ),
    ],
)
def test_outcomes(item, outcome):
    judged = judge(item, default_questions(), get_matcher())
    assert judged is not None and judged.outcome == outcome


def test_free_text_questions_are_left_out():
    item = {"question": "current_medications", "reply": "none", "expected": "none"}
    assert judge(item, default_questions(), get_matcher()) is None
