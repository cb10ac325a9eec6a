"""Replies that name the subject and take it back, put it down to one occasion, or plan it."""

from __future__ import annotations

import pytest

from bot.screening.qualified_replies import one_off_with_a_cause, plan_not_now, taken_back
from bot.text import normalize
from tests.case_tables import cases

QUALIFIERS = (taken_back, one_off_with_a_cause, plan_not_now)


@pytest.mark.parametrize(
    ("qualifier", "text", "expected"),
    [
        pytest.param(qualifier, *case.values, id=f"{qualifier.__name__}-{case.id}")
        for qualifier in QUALIFIERS
        for case in cases("bot/screening/qualified_replies", qualifier.__name__)
    ],
)
def test_each_qualifier_is_read_from_the_words(qualifier, text, expected):
    """Taken back, a one-off with a cause, a plan for later: each table is its function's."""
    assert qualifier(normalize(text)) is expected


@pytest.mark.parametrize(
    ("question_id", "text", "value"), cases("bot/screening/qualified_replies", "qualified_reading")
)
def test_a_yes_said_of_rare_episodes_or_of_everyone_is_read_with_its_qualifier(
    read, question_id, text, value
):
    assert read(question_id, text).value == value


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


def test_a_named_sign_framed_by_a_situation_or_a_diagnosis_revised_away_is_not_sure():
    from bot.questionnaire.questions import default_questions
    from bot.screening.qualified_replies import narrowed_yes
    from bot.screening.reading_result import NAMED
    from bot.screening.reading_result import answer as make

    questions = default_questions()
    psychosis = questions.get("psychosis")
    bipolar = questions.get("mania_or_bipolar")
    named = make("yes", "named", evidence=NAMED)
    framed = "when i was sleep deprived i saw shadows moving"
    assert narrowed_yes(psychosis, framed, named).value == "not_sure"
    revised = "they said bipolar then later decided it was adhd"
    assert narrowed_yes(bipolar, revised, named).value == "not_sure"
    confirmed = "they said depression then later decided it was bipolar"
    assert narrowed_yes(bipolar, confirmed, named).value == "yes"
