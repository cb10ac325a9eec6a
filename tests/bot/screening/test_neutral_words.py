"""The words that carry no topic (bot/screening/neutral_words.py)."""

from __future__ import annotations

from bot.questionnaire.questions import default_questions
from bot.screening.neutral_words import NEUTRAL
from bot.screening.reply_subjects import unknown_words


def test_function_and_answer_words_are_neutral():
    assert {"a", "the", "and", "yes", "no", "sometimes"} <= NEUTRAL


def test_the_topics_of_the_questions_are_not():
    assert not {"blood", "pressure", "heart", "pregnant", "liver", "medication"} & NEUTRAL


def test_a_reply_of_neutral_words_speaks_of_nothing_else():
    question = default_questions().get("high_blood_pressure")
    assert unknown_words("yes and the sometimes", question) == []
    assert unknown_words("yes and my cat sometimes", question) == ["cat"]
