"""Rule-based refusal intents: clear requests are recognised, ordinary questions are not.

The texts are in cases/request_rules.yml.
"""

from __future__ import annotations

import pytest

from bot.safety.request_rules import match_request
from tests.case_tables import load

CASES = load("bot/safety/request_rules")
READINGS = [
    *CASES["clear_requests"],
    *CASES["ordinary_questions"],
    *CASES["faq_headings_asking_for_a_verdict"],
    *CASES["own_symptoms_and_circumstances"],
    *CASES["own_situation_requests"],
]


@pytest.mark.parametrize(("text", "intent"), READINGS)
def test_the_intent_read_from_the_words(text, intent):
    match = match_request(text)
    assert (match.intent if match else None) == intent


@pytest.mark.parametrize("text", CASES["general_questions_with_eligibility_words"])
def test_general_questions_with_eligibility_words_are_left_to_the_answers(text):
    match = match_request(text)
    assert match is None or match.intent != "eligibility_question"
