"""The word lists and patterns the screening-reply reader uses (bot/screening/reply_words.py),
checked on the normalised replies the reader gives them."""

from __future__ import annotations

import pytest

from bot.screening import reply_words
from bot.text import normalize

# (pattern name, replies it finds, replies it must not)
PATTERNS = {
    "CORRECTION": (["sorry i meant yes", "actually no"], ["yes"]),
    "PAST": (["i had it years ago", "back in 2010"], ["i have it"]),
    "NOW": (["right now", "currently"], ["never"]),
    "FAMILY": (["my mom has it", "my dad"], ["i have it"]),
    "BP_READING": (["140 over 90"], ["140 90"]),
    "TAKES_BACK": (["wait no", "on second thought yes"], ["yes"]),
}


@pytest.mark.parametrize(("name", "found", "not_found"), [(n, *c) for n, c in PATTERNS.items()])
def test_patterns_find_what_they_are_named_for(name, found, not_found):
    pattern = getattr(reply_words, name)
    assert [text for text in found if not pattern.search(normalize(text))] == []
    assert [text for text in not_found if pattern.search(normalize(text))] == []


def test_explicit_yes_and_no_words_never_overlap():
    assert {"yes", "yeah"} <= reply_words.EXPLICIT_YES
    assert {"no", "nope", "nah"} <= reply_words.EXPLICIT_NO
    assert not reply_words.EXPLICIT_YES & reply_words.EXPLICIT_NO


def test_word_lists_hold_normalised_words():
    # The reader compares normalised tokens: a word in any other form would never match.
    for words in (reply_words.EXPLICIT_YES, reply_words.EXPLICIT_NO, reply_words.QUESTION_OPENERS):
        assert [w for w in words if normalize(w) != w] == []
