"""The medical-advice refusal rules (bot/safety/medical_advice_rules.py)."""

from __future__ import annotations

import re

import pytest

from bot.safety.medical_advice_rules import MEDICAL_ADVICE
from tests.case_tables import load

CASES = load("bot/safety/request_rules")
ADVICE_TEXTS = [
    str(text)
    for table in ("clear_requests", "own_symptoms_and_circumstances")
    for text, intent in CASES[table]
    if intent == "medical_advice"
]


def matches(text: str) -> bool:
    flat = " ".join(text.replace("’", "'").split())
    return any(re.search(pattern, flat, re.IGNORECASE) for pattern in MEDICAL_ADVICE)


@pytest.mark.parametrize("text", ADVICE_TEXTS)
def test_each_written_request_for_advice_is_matched_by_these_rules(text):
    assert matches(text)


@pytest.mark.parametrize(
    "text",
    ["Is ketamine safe?", "What are the side effects?", "Does ketamine interact with SSRIs?"],
)
def test_general_questions_about_ketamine_are_not_requests_for_advice(text):
    assert not matches(text)
