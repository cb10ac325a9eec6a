"""Which crisis-pattern matches are general questions (neutral opening) or disclosures."""

from __future__ import annotations

import pytest

from bot.safety.asking import is_general_question


@pytest.mark.parametrize(
    "text",
    [
        "does ketamine help with suicidal thoughts?",
        "What happens if someone becomes suicidal during treatment?",
        "how do clinics handle suicidal patients",
        "is it normal to want to die?",
    ],
)
def test_questions_about_suicide_in_general(text):
    assert is_general_question(text)


@pytest.mark.parametrize(
    "text",
    [
        "I want to kill myself",
        "i want to die?",
        "can ketamine help me stop wanting to die?",
        "what if I'm suicidal during a session?",
        "My friend wants to kill himself, what should we do?",
        "kms",
        "suicidal thoughts every day",
        "",
        None,
    ],
)
def test_disclosures_and_statements_keep_the_disclosure_wording(text):
    assert not is_general_question(text)
