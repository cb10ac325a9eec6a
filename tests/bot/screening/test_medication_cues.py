"""Whether a reply to the medications question looks like medicines at all
(bot/screening/medication_cues.py)."""

from __future__ import annotations

import pytest

from bot.screening.medication_cues import looks_like_something_else, names_only_what_is_not_taken
from bot.text import normalize
from tests.case_tables import cases


@pytest.mark.parametrize(
    ("text", "something_else"), cases("bot/screening/medication_cues", "something_else")
)
def test_only_a_sentence_about_something_else_is_not_a_medication_list(text, something_else):
    """Anything that may name a medicine is taken as given."""
    assert looks_like_something_else(normalize(text)) is something_else


@pytest.mark.parametrize(
    ("text", "not_taken"), cases("bot/screening/medication_cues", "names_only_what_is_not_taken")
)
def test_allergies_and_drinking_are_no_medicine_list(text, not_taken):
    assert names_only_what_is_not_taken(normalize(text)) is not_taken
