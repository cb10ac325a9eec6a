"""Tell a general question about suicide from a personal disclosure.

A message such as "does ketamine help with suicidal thoughts?" trips the crisis patterns,
and it must: the crisis protocol (lines, buttons, staff alert) runs on every match,
because a question can be how someone in crisis first speaks. What differs is the
wording. "I'm really glad you told me" answers a disclosure, not a question, so a
question asked in general gets a neutral opening and the curated answer on the topic.

The test is deliberately narrow: question form AND no first-person or third-party
reference ("I", "me", "my friend", "someone I know"). Anything else keeps the
disclosure wording, which is never wrong for someone in crisis.
"""

from __future__ import annotations

import re

from bot.text import FIRST_PERSON

QUESTION_OPENERS = frozenset(
    [
        "what",
        "how",
        "does",
        "do",
        "did",
        "can",
        "could",
        "is",
        "are",
        "was",
        "will",
        "would",
        "should",
        "why",
        "when",
        "who",
        "which",
        "where",
    ]
)
# Words that make the message about the writer or someone close to them.
PERSONAL_WORDS = FIRST_PERSON | frozenset(
    [
        "we",
        "we're",
        "our",
        "us",
        "friend",
        "son",
        "daughter",
        "husband",
        "wife",
        "partner",
        "brother",
        "sister",
        "mom",
        "mum",
        "dad",
        "mother",
        "father",
        "child",
        "kid",
        "boyfriend",
        "girlfriend",
    ]
)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def is_general_question(text: str | None) -> bool:
    """True when ``text`` asks about suicide in general rather than disclosing anything."""
    if not text:
        return False
    normalised = text.lower().replace("’", "'").strip()
    words = _WORD.findall(normalised)
    if not words:
        return False
    is_question = normalised.endswith("?") or words[0] in QUESTION_OPENERS
    if not is_question:
        return False
    return not any(word in PERSONAL_WORDS for word in words)
