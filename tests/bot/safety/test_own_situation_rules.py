"""The rules for requests about the visitor's own situation (bot/safety/own_situation_rules.py)."""

from __future__ import annotations

import re

import pytest

from bot.safety.medical_advice_rules import MEDICAL_ADVICE
from bot.safety.own_situation_rules import ALL_MEDICAL_ADVICE, OWN_ELIGIBILITY, OWN_SITUATION_ADVICE
from tests.case_tables import load

CASES = load("bot/safety/request_rules")["own_situation_requests"]
RULES = {"medical_advice": OWN_SITUATION_ADVICE, "eligibility_question": OWN_ELIGIBILITY}


def matched_by(text: str, patterns: tuple[str, ...]) -> bool:
    flat = " ".join(text.replace("’", "'").split())
    return any(re.search(pattern, flat, re.IGNORECASE) for pattern in patterns)


@pytest.mark.parametrize(("text", "intent"), [c for c in CASES if c[1]])
def test_each_request_is_matched_by_the_rules_of_its_intent(text, intent):
    assert matched_by(text, RULES[intent])


@pytest.mark.parametrize("text", [c[0] for c in CASES if c[1] is None])
def test_general_questions_beside_them_are_matched_by_none(text):
    assert not matched_by(text, OWN_SITUATION_ADVICE + OWN_ELIGIBILITY)


def test_every_older_rule_for_advice_is_still_checked_first():
    assert ALL_MEDICAL_ADVICE[: len(MEDICAL_ADVICE)] == MEDICAL_ADVICE
