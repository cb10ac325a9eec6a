"""Slips of typing forgiven in known words (bot/slips.py)."""

from __future__ import annotations

import pytest

from bot.slips import nearest_word, one_slip_apart, squeezed, typed_with_a_slip


@pytest.mark.parametrize(
    ("typed", "word", "apart"),
    [
        ("nausia", "nausea", True),  # one letter changed
        ("sessin", "session", True),  # one dropped
        ("costt", "cost", True),  # one added
        ("tetx", "text", True),  # two neighbours swapped
        ("cost", "cost", False),  # the same word is no slip
        ("tetxs", "text", False),
    ],
)
def test_one_slip_apart(typed, word, apart):
    assert one_slip_apart(typed, word) is apart


def test_a_phrase_typed_with_a_slip_in_its_longer_words():
    assert typed_with_a_slip("not srue", "not sure")
    assert typed_with_a_slip("not sure", "not sure")
    # Short words must match, and so must the number of words.
    assert not typed_with_a_slip("nit sure", "not sure")
    assert not typed_with_a_slip("not sure at all", "not sure")


def test_a_letter_typed_twice_is_squeezed():
    assert squeezed("emaill") == "email"
    assert squeezed("texxt") == "text"


@pytest.mark.parametrize(
    ("typed", "nearest"),
    [
        ("texxt", "text"),  # a letter typed twice, at any length
        ("tetx", "text"),  # four letters: only a swap
        ("test", "test"),  # four letters, one changed: another word, left as typed
        ("bladdr", "bladder"),  # five or more: any one slip
        ("nevr", "nevr"),  # four letters, one dropped: left as typed
        ("hert", "hert"),
        ("email", "email"),  # a word the vocabulary knows is never changed
    ],
)
def test_the_nearest_word_of_the_vocabulary(typed, nearest):
    vocabulary = {"text", "bladder", "never", "heart", "email", "emails"}
    assert nearest_word(typed, vocabulary) == nearest


def test_a_slip_that_could_be_two_words_is_left_as_typed():
    assert nearest_word("plane", {"plant", "place"}) == "plane"
