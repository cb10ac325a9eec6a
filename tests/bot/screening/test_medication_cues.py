"""Whether a reply to the medications question looks like medicines at all
(bot/screening/medication_cues.py)."""

from __future__ import annotations

import pytest

from bot.screening.medication_cues import looks_like_something_else, names_only_what_is_not_taken
from bot.text import normalize


@pytest.mark.parametrize(
    "text",
    [
        "my neighbor is mowing the lawn again",
        "this is taking forever lol",
        "my cat is sitting on my keyboard",
        "i hate this weather",
    ],
)
def test_a_sentence_about_something_else_is_not_a_medication_list(text):
    assert looks_like_something_else(normalize(text))


@pytest.mark.parametrize(
    "text",
    [
        "I have Xanax for when I need it",  # a brand name: rare word pieces
        "Lamictal is the main one and I also have Seroquel at night",
        "i'm on lexapro",
        "my doctor has me on Lexapro",
        "I take a baby aspirin sometimes",
        "been taking vit d and mag",
        "sertraline 50mg and vitamin D",
        "just my inhaler when I need it",
        "Zoloft, Wellbutrin, Adderall",  # a list, no sentence
        "lithium",
    ],
)
def test_anything_that_may_name_a_medicine_is_taken_as_given(text):
    assert not looks_like_something_else(normalize(text))


@pytest.mark.parametrize(
    ("text", "not_taken"),
    [
        ("I'm allergic to penicillin", True),
        ("I drink socially", True),
        ("sertraline, and I'm allergic to penicillin", False),  # a medicine taken, too
        ("wellbutrin, I also drink a lot of wine", False),
        ("just vitamins, allergic to sulfa", False),
        ("lisinopril 10mg", False),
    ],
)
def test_allergies_and_drinking_are_no_medicine_list(text, not_taken):
    assert names_only_what_is_not_taken(normalize(text)) is not_taken
