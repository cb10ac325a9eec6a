"""Unsure words in a reply, unless they are part of the sign the question asks about.

"I don't know", "can't remember", "no idea" say the visitor is unsure. At the dissociation
question, though, "whole weeks I don't remember" and "no idea how I got there" are the very
experiences asked about, written in the questions file as its yes phrases: there the words
answer the question rather than hedge it.

Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question
from bot.screening.answers import NOT_SURE_WORDS
from bot.screening.reply_words import BARE_HEDGE
from bot.text import is_negated, word_index


def says_unsure(question: Question, norm: str) -> bool:
    """True when ``norm`` (normalised) says the visitor is unsure of the answer."""
    if BARE_HEDGE.match(norm):
        return True
    matches = list(NOT_SURE_WORDS.finditer(norm))
    if not matches:
        return False
    # The question's phrases are looked up once, and only when unsure words are there.
    signs = [(h.start, h.end) for h in question.named_signs(norm)]
    for match in matches:
        first = len(norm[: match.start()].split())
        last = len(norm[: match.end()].split())
        if not any(start <= first and last <= end for start, end in signs):
            return True
    return False


# A result a clinician only remarked on: "my doctor said something about my liver numbers
# once but didn't seem worried" (blind 27) is neither a diagnosis nor a clear no.
_REMARKED_ON = re.compile(
    r"(?<![\w'])(?:said|mentioned|noticed|flagged|brought up) (?:something|a thing) (?:about|"
    r"regarding|with|on) (?:my|the) (?:\w+ )?(?:numbers|levels|results|labs|tests?|enzymes|"
    r"bloodwork|blood work|scan|ecg|ekg|readings?)(?![\w'])"
)


def says_borderline(norm: str, question: Question) -> bool:
    """ "borderline" hedges, except where it names the condition asked about (BPD); so does
    a result a clinician only remarked on."""
    if _REMARKED_ON.search(norm):
        return True
    return "borderline" in norm.split() and "borderline" not in question.topic_words


_NOT_SURE = frozenset({("not", "sure"), ("not", "certain")})


def frequency_stated(norm: str, frequency: re.Match[str] | None) -> bool:
    """True when how often (``frequency``, found in ``norm``) is said, not denied: "not
    every day" denies it, but the "not" of "not sure" does not ("I'm not sure. some days
    yes, some days no", blind 28)."""
    if frequency is None:
        return False
    tokens = norm.split()
    unsure_kept = [
        "un" if (word, following) in _NOT_SURE else word
        for word, following in zip(tokens, [*tokens[1:], ""], strict=True)
    ]
    return not is_negated(unsure_kept, word_index(norm, frequency.start()))
