"""Tests for bot.misspellings: the slips spelt right before any reading."""

from __future__ import annotations

import pytest

from bot.misspellings import MISSPELLED, MISSPELLINGS
from bot.text import normalize


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("evrything is corect", "everything is correct"),
        ("im prgnant 2nd trimster", "im pregnant 2nd trimester"),
        ("not to my knowlege", "not to my knowledge"),
        ("hi bp but controled w meds", "hi bp but controlled w meds"),
    ],
)
def test_normalize_spells_the_slips_right(typed: str, read: str) -> None:
    assert normalize(typed) == read


def test_only_whole_words_are_respelt() -> None:
    # "nt" is "not" on its own, never inside a word ("parent", "don't").
    assert normalize("parent ntl") == "parent ntl"
    assert MISSPELLED.search("pregnant") is None


def test_no_misspelling_is_its_own_correction_or_another_entry() -> None:
    for wrong, right in MISSPELLINGS.items():
        assert wrong != right
        assert right not in MISSPELLINGS
