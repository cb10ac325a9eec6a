"""Unsure words, and where they are the sign asked about (bot/screening/unsure.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.unsure import says_unsure


@pytest.mark.parametrize(
    ("question_id", "reply", "unsure"),
    [
        ("liver_disease", "i don't know", True),
        ("liver_disease", "maybe", True),
        ("liver_disease", "can't remember what happened at the checkup", True),
        # The very experiences the dissociation question asks about.
        ("dissociation", "i have whole weeks i don't remember", False),
        ("dissociation", "found myself in another town with no idea how i got there", False),
        ("dissociation", "i lose whole afternoons and can't remember what happened", False),
        # Unsure words outside the named sign still hedge.
        ("dissociation", "no idea, maybe", True),
    ],
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
