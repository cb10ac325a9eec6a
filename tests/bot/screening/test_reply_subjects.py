"""What a reply is about (bot/screening/reply_subjects.py)."""

from __future__ import annotations

from bot.questionnaire.questions import load_questions
from bot.screening.reply_subjects import (
    mentions_other_topic,
    mentions_topic,
    names_only_another_subject,
    other_topics,
    unknown_words,
)

QUESTIONS = load_questions()
BLOOD_PRESSURE = QUESTIONS.get("high_blood_pressure")
BLADDER = QUESTIONS.get("bladder_inflammation")


def test_topic_words_of_this_question_and_of_the_others():
    assert mentions_topic("my bp runs high", BLOOD_PRESSURE)
    assert not mentions_topic("my cat is asleep", BLOOD_PRESSURE)
    others = other_topics(BLOOD_PRESSURE, QUESTIONS)
    assert mentions_other_topic("no bladder issues", others)
    assert "bp" not in others


def test_unknown_words_leave_out_the_topic_and_digits():
    assert unknown_words("my bp is 150 over 95 biscuit", BLOOD_PRESSURE) == ["over", "biscuit"]


def test_another_subject_named_alone_answers_nothing():
    assert names_only_another_subject("my cholesterol is high", BLOOD_PRESSURE)
    assert not names_only_another_subject("my bp and cholesterol are high", BLOOD_PRESSURE)
    assert not names_only_another_subject("no just cholesterol", BLOOD_PRESSURE)
    assert not names_only_another_subject("my cholesterol is high", BLADDER)  # none listed
