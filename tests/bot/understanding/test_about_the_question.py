"""Replies that ask about the screening question itself (about_the_question.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import load_questions
from bot.understanding.about_the_question import asks_about_the_question, only_topic_words

QUESTIONS = load_questions()


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        # After typed-button blind 20: not understood, whom the question is about, what a word
        # of it is, why it matters, how one would know; German "what counts as".
        ("current_medications", "I don't get this one"),
        ("current_medications", "Is this about psychiatric meds specifically?"),
        ("current_medications", "Was zählt als Medikament?"),
        ("liver_disease", "why does my liver matter for ketamine?"),
        ("liver_disease", "what does liver disease have to do with anything"),
        ("liver_disease", "how would I know if my liver tests were abnormal?"),
        # After typed-button blind 16: a word's scope with a slip, what a German word means here.
        ("current_medications", "what does supplements incude"),
        ("current_medications", "Was ist mit Nahrungsergänzungsmitteln gemeint?"),
        ("high_blood_pressure", "what does untreated mean in this case"),
        ("high_blood_pressure", "whats considered high"),
        ("current_medications", "does birth control count?"),
        ("current_medications", "do you need the doses too or just the names?"),
        ("current_medications", "do you mean prescription meds only?"),
        ("current_medications", "like prescription only?"),
        ("current_medications", "like prescriptions only or also supplements?"),
        ("current_medications", "do herbal teas or cbd count or just real meds"),
        ("current_medications", "do i need to put the dosage too"),
        # After typed-button blind 11: something like it, however long the example.
        ("current_medications", "does stuff like an allergy spray I only use in spring count?"),
        ("high_blood_pressure", "what number is too high"),
        ("high_blood_pressure", "huh?"),
        ("high_blood_pressure", "??"),
        # After typed-button blind 12: the question's word echoed, which sense is meant,
        # "what about" things one takes, whether something counts in other languages.
        ("pregnant_or_nursing", "nursing?"),
        ("pregnant_or_nursing", "nursing? as in a nurse?"),
        ("current_medications", "what about things I only take sometimes?"),
        ("current_medications", "Zählen Vitamine auch?"),
        ("current_medications", "As vitaminas contam?"),
        # After typed-button blind 14: a longer example, the difference between its words,
        # what one of its phrases means.
        ("heart_disease", "does a panic attack with a racing heart count?"),
        ("heart_disease", "what's the difference between heart disease and heart problems"),
        ("heart_disease", "what's heart failure vs heart attack"),
        # After typed-button blind 18: whether something is one of the question's things;
        # "what does it mean" in Italian.
        ("heart_disease", "Is palpitations the same thing as irregular heartbeat?"),
        ("heart_disease", "does a panic attack count as a heart attack?"),
        ("current_medications", "Cosa significa?"),
        ("heart_disease", "What does 'in the past' mean, like ever?"),
        # After typed-button blind 15: why it is asked, unsure what is wanted, how often one
        # of its words is, "what does this mean" and "does it count" in other languages.
        ("liver_disease", "why do you need to know about my liver"),
        ("heart_disease", "how come you're asking this"),
        ("current_medications", "what's this question for?"),
        ("current_medications", "I don't understand what you want me to put here"),
        ("current_medications", "how long is regularly"),
        ("heart_disease", "¿Qué significa esto?"),
        ("heart_disease", "Qu'est-ce que ça veut dire ?"),
        ("current_medications", "est-ce que le magnésium compte ?"),
    ],
)
def test_questions_about_the_questions_words_or_scope(question_id, text):
    assert asks_about_the_question(text, QUESTIONS.get(question_id))


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        # An answer with the question after it is read as an answer.
        ("heart_disease", "is it for people with heart disease only? because I have none"),
        ("current_medications", "just vitamins, does that count?"),
        ("heart_disease", "no... well, I had a stroke at 34, does that count?"),
        ("current_medications", "zoloft only"),
        # Words of meaning in an answer; a wider question for the FAQ.
        ("high_blood_pressure", "I mean yes"),
        ("high_blood_pressure", "my doctor considered it borderline"),
        ("high_blood_pressure", "does ketamine raise blood pressure?"),
        ("high_blood_pressure", "does that mean I can't do ketamine?"),
        # The echo answered after it.
        ("pregnant_or_nursing", "pregnant?? I'm 68"),
        ("current_medications", "what about the cost?"),
        ("high_blood_pressure", "why does ketamine raise blood pressure?"),
        ("current_medications", "I don't know what you mean but yes"),
        ("current_medications", "how long is the session"),
        # What something else covers is a question for the FAQ (typed-button blind 16's rule).
        ("current_medications", "what does insurance cover?"),
        ("heart_disease", "what does insurance cover?"),
        # Two of the question's things joined by "and" answer it (typed-button blind 19).
        ("heart_disease", "had a TIA and afib"),
    ],
)
def test_answers_and_wider_questions_are_not(question_id, text):
    assert not asks_about_the_question(text, QUESTIONS.get(question_id))


def test_only_the_subject_words_of_the_question():
    blood_pressure = QUESTIONS.get("high_blood_pressure")
    assert only_topic_words("what is hypertension exactly", blood_pressure)
    assert not only_topic_words("what is ketamine", blood_pressure)
    assert not only_topic_words(
        "what's the difference between ketamine and esketamine", blood_pressure
    )
