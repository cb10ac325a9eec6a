"""Asides in a screening reply (bot/screening/reply_asides.py): "no plan", laughter, and an
answer given after the visitor's own question."""

from __future__ import annotations

import pytest

from bot.screening.reading_result import ANSWER, CONFIRM, OFF_TOPIC, Reading
from bot.screening.reply_asides import (
    answer_after_own_question,
    laughing_reading,
    said_laughing,
    without_no_plan,
)
from bot.text import normalize


@pytest.mark.parametrize(
    ("text", "rest"),
    [
        ("no plan or anything, just thoughts", "thoughts"),
        ("I have thoughts but I would never act on it", "i have thoughts but"),
        ("yes", None),  # nothing about a plan: nothing taken out
    ],
)
def test_without_no_plan(text, rest):
    assert without_no_plan(normalize(text)) == rest


@pytest.mark.parametrize(
    ("text", "laughing"),
    [("my liver is probably dead lol", True), ("haha no", True), ("yes lol", False), ("no", False)],
)
def test_said_laughing_unless_an_explicit_yes(text, laughing):
    assert said_laughing(text, normalize(text)) is laughing


def test_a_yes_or_no_after_the_visitors_own_question_is_the_answer():
    reading = answer_after_own_question("I had a stroke in 2021, does that count? yes then")
    assert (reading.action, reading.value, reading.ambiguous) == (ANSWER, "yes", True)
    assert answer_after_own_question("is that bad? no").value == "no"
    # Only louder: "Pregnant? God no 😂", "bipolar? lol no" (screening blind 32).
    assert answer_after_own_question("Pregnant? God no 😂").value == "no"
    assert answer_after_own_question("bipolar? lol no").value == "no"


@pytest.mark.parametrize(
    "text",
    [
        "yes",  # no question at all
        "does that count?",  # nothing after it
        "is that bad? no idea really ok",  # more than a short answer
        "what? no yes",  # both
    ],
)
def test_no_answer_is_read_after_the_question_otherwise(text):
    assert answer_after_own_question(text) is None


def test_a_yes_said_laughing_is_read_back():
    reading = laughing_reading("heart attack lol", "heart attack lol", Reading(ANSWER, "yes"))
    assert (reading.action, reading.value) == (CONFIRM, "yes")


def test_only_something_else_said_laughing_is_a_no_for_the_care_team():
    text = "Only heartbreak lol"
    reading = laughing_reading(text, normalize(text), Reading(OFF_TOPIC))
    assert (reading.action, reading.value, reading.ambiguous) == (ANSWER, "no", True)


@pytest.mark.parametrize(
    ("text", "reading"),
    [
        ("Only heartbreak", Reading(OFF_TOPIC)),  # no laughter
        ("my cat sees things lol", Reading(OFF_TOPIC)),  # not "only"
        ("yes lol", Reading(ANSWER, "yes")),  # an explicit yes is no joke
        ("nope lol", Reading(ANSWER, "no")),
    ],
)
def test_otherwise_laughter_changes_nothing(text, reading):
    assert laughing_reading(text, normalize(text), reading) is None
