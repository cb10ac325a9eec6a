"""Replies that name the subject and take it back, put it down to one occasion, or plan it."""

from __future__ import annotations

import pytest

from bot.screening.qualified_replies import one_off_with_a_cause, plan_not_now, taken_back
from bot.text import normalize


@pytest.mark.parametrize(
    "text",
    [
        "they diagnosed bipolar years ago but later changed it to BPD",
        "told I had borderline at 18, it was dropped later",
        "I was misdiagnosed with bipolar, it turned out to be ADHD",
        "they thought it was a heart murmur but it was ruled out",
        "enzymes were a bit high once but normal on the retest",
        "my liver numbers were off, the repeat test came back normal",
    ],
)
def test_taken_back(text):
    assert taken_back(normalize(text))


@pytest.mark.parametrize(
    "text",
    [
        "yes, bipolar 2, diagnosed in 2015",
        "my liver tests were high and the retest was high too",
        "I changed my meds last year",
        "it turned my life upside down",
    ],
)
def test_not_taken_back(text):
    assert not taken_back(normalize(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("hallucinated once with a 40 degree fever as a kid", True),
        ("saw things once on a bad acid trip in college", True),
        ("only once, when I was little", True),
        ("only hallucinated with a 104 fever as a kid", True),
        ("I only drink on weekends", False),
        ("I hear voices at least once a week", False),
        ("once, in 2019, I was hospitalised for psychosis", False),
    ],
)
def test_one_off_with_a_cause(text, expected):
    assert one_off_with_a_cause(normalize(text)) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We might start trying next year but not yet", True),
        ("planning to, not right now though", True),
        ("trying to conceive right now", False),
        ("not yet diagnosed, waiting for an assessment", False),
        ("planning to get pregnant next year", False),
    ],
)
def test_plan_not_now(text, expected):
    assert plan_not_now(normalize(text)) is expected


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
