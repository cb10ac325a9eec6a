"""A reply read again with its slips mended (bot/screening/typos.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.questions import load_questions
from bot.screening.reading import read_reply
from bot.screening.reading_result import ANSWER, OFF_TOPIC, Reading
from bot.screening.typos import english_words, mended, vocabulary, with_slips_mended

QUESTIONS = load_questions()


@pytest.mark.parametrize(
    ("question_id", "reply", "value"),
    [
        ("bladder_inflammation", "bladdr infections alot", "yes"),
        ("heart_disease", "irreguler hartbeat, on metoprolol", "yes"),
        ("psychosis", "nevr halucinated", "no"),
        ("liver_disease", "livr tests normall", "no"),
    ],
)
def test_a_slip_in_a_word_the_question_knows_is_mended(question_id, reply, value):
    reading = read_reply(QUESTIONS.get(question_id), reply)
    assert (reading.action, reading.value) == (ANSWER, value)


def test_english_words_and_contractions_are_never_mended():
    suicide = vocabulary(QUESTIONS.get("suicidal_thoughts"))
    # "lying" is one slip from "dying", "won't" from "don't": both are words as typed.
    assert mended("i'd be lying if i said no", suicide) == "i'd be lying if i said no"
    assert mended("i go to bed hoping i won't wake up", suicide).endswith("won't wake up")
    assert "lying" in english_words()


def test_only_a_reply_read_as_no_answer_is_read_again():
    question = QUESTIONS.get("bladder_inflammation")
    answered = Reading(ANSWER, "no", False, "no")
    assert with_slips_mended(question, "bladdr no", answered, lambda _: answered) is answered
    off = Reading(OFF_TOPIC, reason="other subject")
    still_off = with_slips_mended(question, "bladdr trouble", off, lambda _: off)
    assert still_off is off


def test_the_second_reading_is_marked_for_review():
    question = QUESTIONS.get("bladder_inflammation")
    off = Reading(OFF_TOPIC, reason="other subject")
    second = with_slips_mended(
        question, "bladdr infection", off, lambda text: Reading(ANSWER, "yes", False, text)
    )
    assert second.action == ANSWER and second.value == "yes" and second.ambiguous
    assert second.reason == "with a slip mended: bladder infection"


def test_without_the_english_word_list_nothing_is_mended(monkeypatch):
    import bot.screening.typos as typos

    monkeypatch.setattr(typos, "english_words", frozenset)
    question = QUESTIONS.get("bladder_inflammation")
    off = Reading(OFF_TOPIC, reason="other subject")
    answer = Reading(ANSWER, "yes", False, "read")
    assert with_slips_mended(question, "bladdr infection", off, lambda _: answer) is off
