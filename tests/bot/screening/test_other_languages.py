"""Yes / no in another language, read only as the whole reply."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.other_languages import other_language_polarity, reply_polarity
from bot.screening.reading import read_reply
from bot.text import normalize
from tests.case_tables import cases


@pytest.mark.parametrize(
    ("norm", "polarity"), cases("bot/screening/other_languages", "whole_reply_only")
)
def test_whole_reply_only(norm, polarity):
    assert other_language_polarity(norm) == polarity


@pytest.mark.parametrize(
    ("question_id", "text", "value"),
    cases("bot/screening/other_languages", "the_questions_own_words"),
)
def test_the_questions_own_words_in_other_languages_answer(question_id, text, value):
    question = default_questions().get(question_id)
    assert read_reply(question, text).value == value


@pytest.mark.parametrize(
    ("question_id", "text"),
    [
        ("liver_disease", "I have non-alcoholic fatty liver disease"),
        ("heart_disease", "non-ischemic cardiomyopathy"),
    ],
)
def test_the_english_prefix_non_negates_nothing(question_id, text):
    assert read_reply(default_questions().get(question_id), text).value == "yes"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("Ja, Bluthochdruck, aber mit Tabletten gut eingestellt", "no"),
        ("oui, mais c'est contrôlé avec des médicaments", "no"),
        ("sí, pero no la controlo bien", "yes"),
        ("No, tengo hipotiroidismo", None),
    ],
)
def test_a_yes_then_but_in_another_language_is_read_by_the_questions_words(text, value):
    question_id = "hyperthyroidism" if "hipo" in text else "high_blood_pressure"
    reading = read_reply(default_questions().get(question_id), text)
    if value is None:
        assert reading.value == "no"
    else:
        assert (reading.value, reading.ambiguous) == (value, True)


@pytest.mark.parametrize(
    ("text", "polarity"),
    [
        ("sí, tengo la presión alta", "yes"),
        ("nein, im Moment nicht", "no"),
        # A no before the comma, then a "but": what follows may turn it.
        ("Não estou grávida, mas ainda amamento meu filho de 1 ano", None),
        ("I had it, but it's fine", None),
    ],
)
def test_reply_polarity_reads_the_part_before_a_comma_unless_a_but_follows_a_no(text, polarity):
    assert reply_polarity(text, normalize(text)) == polarity
