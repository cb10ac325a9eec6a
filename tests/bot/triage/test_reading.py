"""Replies to the screener's offer and questions (bot/triage/reading.py)."""

from __future__ import annotations

import pytest

from bot.triage.questions import yes_no_question
from bot.triage.reading import DECLINE, DECLINED, START, STOP, read_answer, read_offer


@pytest.mark.parametrize(
    ("question", "reply", "expected"),
    [
        ("cssrs_1", "/affirm", "yes"),
        ("cssrs_1", "/deny", "no"),
        ("cssrs_1", "/prefer_not_say", DECLINED),
        ("cssrs_1", "/stop_screening", STOP),
        ("cssrs_1", "yeah sometimes", "yes"),
        ("cssrs_1", "I wish I could go to sleep and not wake up", "yes"),
        ("cssrs_1", "no, I want to live", "no"),
        ("cssrs_1", "maybe", "not_sure"),
        ("cssrs_1", "I'd rather not say", DECLINED),
        ("cssrs_1", "can we stop", STOP),
        ("cssrs_2", "bye", STOP),
        ("cssrs_2", "last week", "yes"),
        ("cssrs_2", "yes I want to kill myself", "yes"),
        ("cssrs_2", "I don't think so", "no"),
        ("cssrs_5", "I have a plan", "yes"),
        ("cssrs_6", "when I was 16 I tried", "yes"),
        ("cssrs_6", "never tried anything", "no"),
        ("cssrs_6_past_3_months", "years ago", "no"),
        ("cssrs_6_past_3_months", "2 weeks ago", "yes"),
    ],
)
def test_replies_are_read_against_the_question(question, reply, expected):
    assert read_answer(yes_no_question(question), reply) == expected


@pytest.mark.parametrize(
    ("question", "reply"),
    [
        ("cssrs_1", "what do you mean?"),
        ("cssrs_1", "I took pills two years ago"),  # about question 6, not this one
        ("cssrs_2", "my boyfriend left me last night"),  # a time, of something else
        ("cssrs_2", "when is this going to end"),
        ("cssrs_1", "/request_human"),  # another button is not an answer
        ("cssrs_1", ""),
    ],
)
def test_replies_that_do_not_answer_are_not_guessed(question, reply):
    assert read_answer(yes_no_question(question), reply) is None


@pytest.mark.parametrize(
    ("reply", "intent", "expected"),
    [
        ("/affirm", "affirm", START),
        ("ok go ahead", "affirm", START),
        ("/deny", "deny", DECLINE),
        ("no thanks", "deny", DECLINE),
        ("/stop_screening", "stop_screening", DECLINE),
        ("what is ketamine", "faq", None),
        ("/request_human", "affirm", None),
    ],
)
def test_the_offer(reply, intent, expected):
    assert read_offer(reply, intent) == expected
