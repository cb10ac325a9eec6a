"""Questions at the consent step about how the questionnaire works
(bot/understanding/about_the_questionnaire.py)."""

from __future__ import annotations

import pytest

from bot.understanding.about_the_questionnaire import asks_about_the_questionnaire


@pytest.mark.parametrize(
    "text",
    [
        "can I skip some questions?",
        "do I have to answer all of them",
        "what if I don't want to answer one?",
        "is it optional?",
        "who will see my answers?",
        "are my answers confidential?",
        "how long does it take?",
        "how long will this take to fill out",
        "how many questions are there?",
        "what kind of questions will you ask?",
        "can I change my answers later?",
        "¿Puedo saltarme algunas preguntas?",
        "Est-ce confidentiel ?",
        "Kann ich Fragen überspringen?",
    ],
)
def test_a_question_about_how_it_works(text):
    assert asks_about_the_questionnaire(text)


@pytest.mark.parametrize(
    "text",
    [
        # Declining, or agreeing: the consent buttons' words, not questions.
        "skip",
        "I'd rather skip it",
        "no thanks, I would rather not answer",
        "yes I agree",
        "I want to keep my answers private",
        # Questions for the FAQ, about treatment rather than the questionnaire.
        "how long does a session take?",
        "how long does ketamine stay in your system?",
        "what is ketamine?",
        "how long does it take for ketamine to work?",
        "how long does it last?",
    ],
)
def test_not_a_question_about_how_it_works(text):
    assert not asks_about_the_questionnaire(text)
