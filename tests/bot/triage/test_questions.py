"""The C-SSRS screener's questions as the reply reader sees them (bot/triage/questions.py)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.instruments.cssrs import default_screener
from bot.questionnaire.questions import KIND_YES_NO
from bot.triage.questions import (
    PAST_MONTH_NO,
    PAST_MONTH_YES,
    as_yes_no_question,
    shown_text,
    yes_no_question,
)

SCREENER = default_screener()
FIRST = SCREENER.questions[0]


def test_a_past_month_question_is_shown_with_its_timeframe():
    assert FIRST.timeframe == "past month"
    assert shown_text(FIRST) == f"In the past month: {FIRST.text}"


def test_examples_follow_the_question_and_other_timeframes_have_no_lead():
    question = replace(FIRST, timeframe="lifetime", examples="For example: ...")
    assert shown_text(question) == f"{FIRST.text}\nFor example: ..."


def test_the_reader_question_adds_the_timeframe_phrases_after_its_own():
    question = as_yes_no_question(FIRST)
    assert (question.id, question.kind, question.text) == (FIRST.id, KIND_YES_NO, shown_text(FIRST))
    assert question.options == ("yes", "no", "not_sure", "prefer_not_to_say")
    assert question.reading_yes[-len(PAST_MONTH_YES) :] == PAST_MONTH_YES
    assert question.reading_no[-len(PAST_MONTH_NO) :] == PAST_MONTH_NO
    # Another timeframe adds nothing: only the question's own phrases.
    lifetime = as_yes_no_question(replace(FIRST, timeframe="lifetime"))
    assert lifetime.reading_yes == question.reading_yes[: -len(PAST_MONTH_YES)]
    assert lifetime.reading_no == question.reading_no[: -len(PAST_MONTH_NO)]


def test_questions_are_found_by_id_in_the_default_or_a_given_screener():
    assert yes_no_question(FIRST.id) == as_yes_no_question(FIRST)
    edited = replace(SCREENER, questions=(replace(FIRST, text="Edited?"),))
    assert yes_no_question(FIRST.id, edited).text == "In the past month: Edited?"
    with pytest.raises(KeyError):
        yes_no_question("cssrs_2", edited)
    with pytest.raises(KeyError):
        yes_no_question("no_such_question")
