"""Slips of typing: one letter wrong, dropped, added or swapped, a letter typed twice.

Shared by the readers that forgive a slip in a word they know (typed buttons, screening
replies, a question named then answered no).
"""

from __future__ import annotations

import re
from collections.abc import Collection


def one_slip_apart(a: str, b: str) -> bool:
    """One substituted, inserted, dropped or swapped-neighbour letter apart."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diffs = [i for i in range(len(a)) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        i, j = diffs[0], diffs[-1]
        return len(diffs) == 2 and j == i + 1 and a[i] == b[j] and a[j] == b[i]
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


def typed_with_a_slip(norm: str, phrase: str) -> bool:
    """``norm`` is ``phrase`` (both normalised) with at most a slip in some of its words of
    four letters or more ("not srue" for "not sure"); a shorter word must match exactly."""
    typed, words = norm.split(), phrase.split()
    return len(typed) == len(words) and all(
        a == b or (len(b) >= 4 and one_slip_apart(a, b)) for a, b in zip(typed, words, strict=True)
    )


def squeezed(word: str) -> str:
    """``word`` with each run of one letter made one letter ("emaill" -> "emal")."""
    return re.sub(r"(.)\1+", r"\1", word)


def nearest_word(word: str, vocabulary: Collection[str]) -> str:
    """The one ``vocabulary`` word ``word`` is a slip of, or ``word`` as typed.

    A letter typed twice is a slip at any length ("texxt", "emaill"); four-letter words only
    with two letters swapped ("tetx", "noen"), since any other slip in a word that short
    makes another word; longer ones with any one slip from a word of five letters or more.
    A slip that could be two words is left as typed.
    """
    if len(word) < 4 or word in vocabulary:
        return word
    doubled = [v for v in vocabulary if squeezed(v) == squeezed(word)]
    if len(doubled) == 1:
        return doubled[0]
    if len(word) == 4:
        close = [v for v in vocabulary if sorted(v) == sorted(word) and one_slip_apart(word, v)]
    else:
        close = [v for v in vocabulary if len(v) >= 5 and one_slip_apart(word, v)]
    return close[0] if len(close) == 1 else word
