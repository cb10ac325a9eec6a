"""Unsure words in a reply, unless they are part of the sign the question asks about.

"I don't know", "can't remember", "no idea" say the visitor is unsure. At the dissociation
question, though, "whole weeks I don't remember" and "no idea how I got there" are the very
experiences asked about, written in the questions file as its yes phrases: there the words
answer the question rather than hedge it.

Pure: no Rasa, no database.
"""

from __future__ import annotations

from bot.questionnaire.questions import Question
from bot.screening.answers import _NOT_SURE
from bot.screening.reply_words import BARE_HEDGE


def says_unsure(question: Question, norm: str) -> bool:
    """True when ``norm`` (normalised) says the visitor is unsure of the answer."""
    if BARE_HEDGE.match(norm):
        return True
    return any(
        not _inside_a_named_sign(question, norm, match.start(), match.end())
        for match in _NOT_SURE.finditer(norm)
    )


def _inside_a_named_sign(question: Question, norm: str, start: int, end: int) -> bool:
    first = len(norm[:start].split())
    last = len(norm[:end].split())
    return any(h.start <= first and last <= h.end for h in question.named_signs(norm))
