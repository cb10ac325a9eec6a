"""Replies that name the subject and take it back, put it down to one occasion, or plan it."""

from __future__ import annotations

import pytest

from bot.screening.qualified_replies import one_off_with_a_cause, plan_not_now, taken_back
from bot.text import normalize
from tests.case_tables import cases


@pytest.mark.parametrize(
    ("text", "expected"), cases("bot/screening/qualified_replies", "taken_back")
)
def test_taken_back(text, expected):
    assert taken_back(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"), cases("bot/screening/qualified_replies", "one_off_with_a_cause")
)
def test_one_off_with_a_cause(text, expected):
    assert one_off_with_a_cause(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"), cases("bot/screening/qualified_replies", "plan_not_now")
)
def test_plan_not_now(text, expected):
    assert plan_not_now(normalize(text)) is expected


@pytest.mark.parametrize(
    ("question_id", "text", "value"), cases("bot/screening/qualified_replies", "qualified_reading")
)
def test_a_yes_said_of_rare_episodes_or_of_everyone_is_read_with_its_qualifier(
    question_id, text, value
):
    from bot.questionnaire.questions import default_questions
    from bot.screening.reading import read_reply

    questions = default_questions()
    assert read_reply(questions.get(question_id), text, questions).value == value


def test_a_yes_narrowed_to_a_situation_or_a_milder_degree_is_not_sure():
    from bot.questionnaire.questions import default_questions
    from bot.screening.qualified_replies import narrowed_yes
    from bot.screening.reading_result import NAMED
    from bot.screening.reading_result import answer as make

    questions = default_questions()
    blood_pressure = questions.get("high_blood_pressure")
    spikes = "kinda it spikes when im anxious"
    assert narrowed_yes(blood_pressure, spikes, make("yes", "hedged yes")).value == "not_sure"
    # The condition itself named: the situation does not make it ordinary.
    assert narrowed_yes(blood_pressure, spikes, make("yes", "x", evidence=NAMED)).value == "yes"
    severe = questions.get("personality_disorder")
    assert narrowed_yes(severe, "mild bpd", make("yes", "x")).value == "not_sure"
    assert narrowed_yes(severe, "mild bpd", make("no", "x")).value == "no"
