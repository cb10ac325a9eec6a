"""Words shared by the refusal rules (bot/safety/request_words.py)."""

from __future__ import annotations

import re

from bot.safety.request_words import CHANGE, MY_DRUG, NAMED_DRUG, THE_TREATMENT


def whole(pattern: str, text: str) -> bool:
    return re.fullmatch(pattern, text, re.IGNORECASE) is not None


def test_the_visitors_own_dose_includes_a_count():
    assert whole(MY_DRUG, "two lozenges")
    assert whole(MY_DRUG, "an extra pill") is False  # "pill" alone is not a drug word
    assert whole(MY_DRUG, "an extra pills")
    assert whole(MY_DRUG, "my lexapro")


def test_a_named_medicine_is_not_medication_in_general():
    assert whole(NAMED_DRUG, "lithium")
    assert not whole(NAMED_DRUG, "medication")


def test_the_treatment_and_changing_a_medicine():
    assert whole(THE_TREATMENT, "ketamine")
    assert whole(THE_TREATMENT, "this therapy")
    assert whole(CHANGE, "come off")
    assert whole(CHANGE, "cut down on")
