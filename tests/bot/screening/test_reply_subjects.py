"""What a reply is about (bot/screening/reply_subjects.py)."""

from __future__ import annotations

from bot.questionnaire.questions import load_questions
from bot.screening.reply_subjects import (
    mentions_other_topic,
    mentions_topic,
    names_only_another_subject,
    other_topics,
    said_only_of_someone_else,
    subject_said_fine,
    topic_only_negated,
    unknown_words,
)

QUESTIONS = load_questions()
BLOOD_PRESSURE = QUESTIONS.get("high_blood_pressure")
BLADDER = QUESTIONS.get("bladder_inflammation")
BIPOLAR = QUESTIONS.get("mania_or_bipolar")
PERSONALITY = QUESTIONS.get("personality_disorder")


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


def test_a_subject_said_only_of_a_relative_before_the_visitors_own_words():
    assert said_only_of_someone_else("my brother has bipolar i need help for depression", BIPOLAR)
    assert said_only_of_someone_else("my aunt is bipolar", BIPOLAR)  # nothing of the visitor
    # The visitor shares it, speaks first, or a contrast follows: not only the relative's.
    assert not said_only_of_someone_else("my mom was bipolar and so am i", BIPOLAR)
    assert not said_only_of_someone_else("my dad has bipolar too i think", BIPOLAR)
    assert not said_only_of_someone_else("i have bipolar like my mom did", BIPOLAR)
    assert not said_only_of_someone_else("my mom has bipolar but i have it mild", BIPOLAR)
    assert not said_only_of_someone_else("my mom says i am bipolar", BIPOLAR)


def test_the_topic_only_negated():
    assert topic_only_negated("i have adhd and autism not personality stuff", PERSONALITY)
    assert not topic_only_negated("i have borderline personality disorder", PERSONALITY)
    assert not topic_only_negated("i have adhd and autism", PERSONALITY)  # topic never named


def test_the_subject_said_to_be_fine_unless_taken_back():
    liver = QUESTIONS.get("liver_disease")
    assert subject_said_fine("my liver was fine at my checkup", liver)
    assert not subject_said_fine("my liver was fine until last year", liver)
    assert not subject_said_fine("my liver is bad", liver)
