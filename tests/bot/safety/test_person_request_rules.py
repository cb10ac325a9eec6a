"""The rules for asking for a person (bot/safety/person_request_rules.py)."""

from __future__ import annotations

import re

import pytest

from bot.safety.person_request_rules import PERSON_REQUEST, START_SCREENING


def asks_for_a_person(text: str) -> bool:
    flat = " ".join(text.replace("’", "'").split())
    return any(re.search(pattern, flat, re.IGNORECASE) for pattern in PERSON_REQUEST)


@pytest.mark.parametrize(
    "text",
    [
        "i want to speak to a real person",
        "can a staff member email me instead? some of this i dont want to type in a chat",
        "could the receptionist give me a ring tomorrow afternoon?",
        "please have someone call me back",
        "whats the front desk number",
        "¿puedo hablar con alguien del equipo?",
        "kann mich bitte jemand zurückrufen?",
        "je voudrais parler à quelqu'un",
        "connect me to the front desk",
        "put me through to someone please",
        "is a coordinator available",
    ],
)
def test_asking_for_a_person_in_words_is_recognised(text):
    assert asks_for_a_person(text)


@pytest.mark.parametrize(
    "text",
    [
        "can I talk to my doctor about ketamine first?",
        "do you call people with the results?",
        "what number of sessions do people usually need",
        "can you text me the prices",
        "is it available in my area",
    ],
)
def test_other_sentences_with_the_same_words_are_not_a_request_for_a_person(text):
    assert not asks_for_a_person(text)


@pytest.mark.parametrize(
    "text, starts",
    [
        ("can you check if I'd qualify before I pay for anything", True),
        ("could you tell me whether i'm a good candidate", True),
        ("quiero empezar el cuestionario", True),
        # Said of themselves, not asked of the assistant: left to the trained intent.
        ("I'd like to see if I qualify", False),
        ("can you check if my insurance covers it", False),
    ],
)
def test_asking_the_assistant_to_check_starts_the_pre_screening(text, starts):
    flat = " ".join(text.replace("’", "'").split())
    assert any(re.search(p, flat, re.IGNORECASE) for p in START_SCREENING) is starts
