"""Parts of a reply that change how its answer is read, whatever the question.

- "no plan or anything, just the thoughts most days": at the suicide question a "no plan" or
  "I'd never act on it" part says nothing about the thoughts themselves; the rest answers.
- "my head is gonna explode from these questions 😂": said laughing, the words may be a
  figure of speech, so a yes read from them is read back rather than recorded.
- "I had a stroke in 2021, does that count? yes then": the visitor answers their own
  question after asking it.

Pure: no Rasa, no database.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.screening.answers import _YES_WORD, NO, PREFER_NOT, YES
from bot.screening.reading_result import ANSWER, CONFIRM, OFF_TOPIC, Reading
from bot.screening.reading_result import answer as _answer
from bot.screening.reply_words import (
    EXPLICIT_NO,
    EXPLICIT_YES,
    FREQUENCY,
    LAUGHTER_WORD,
    LAUGHTER_WORDS,
)
from bot.text import normalize

# "no plan or anything", "I'd never act on it": says nothing about the thoughts themselves.
_NO_PLAN = re.compile(
    r"(?<![\w'])(?:(?:no|not any|don'?t have (?:a|any)|dont have (?:a|any)|without (?:a |any )?|"
    r"never (?:had|made) (?:a|any)|haven'?t (?:got |made )?(?:a|any)|not like a) "
    r"(?:real |actual |specific |concrete )?(?:plans?|intent(?:ions?)?|means)"
    r"(?: (?:or|and) (?:anything|intent(?:ions?)?|whatever|nothing))?(?: like that)?(?: to act)?|"
    r"(?:i )?(?:wouldn'?t|would never|won'?t|will never|not going to|not gonna|never going to) "
    r"(?:ever )?(?:act on (?:it|them|those)|do (?:anything|it))"
    # "... because of my kids": the reason goes with it (it is not about someone else).
    r"(?: (?:because|cause|cuz|for)(?: of)? (?:my|the) \w+)?|"
    # "not like I'd do anything", "not that I'd ever act on it".
    r"not (?:like|that) i'?d (?:ever )?(?:do anything|do it|act on (?:it|them)))(?![\w'])"
)
_LINKING = re.compile(r"^(?:(?:or|and|but|just|only|though|although|anything|however)\s+)+")

# Laughter: the words around it may be a figure of speech ("my liver is probably dead lol").
_LAUGHTER = re.compile(
    rf"(?<![\w'])(?:{LAUGHTER_WORDS})(?![\w'])"
    r"|[\U0001F602\U0001F923\U0001F605\U0001F606]",
    re.IGNORECASE,
)


def without_no_plan(norm: str) -> str | None:
    """The reply without its "no plan" / "wouldn't act on it" parts, if it has any."""
    if not _NO_PLAN.search(norm):
        return None
    rest = " ".join(_NO_PLAN.sub(" ", norm).split())
    return _LINKING.sub("", rest).strip()


def said_laughing(text: str, norm: str) -> bool:
    """Laughter in the reply and no explicit yes word in it."""
    if not _LAUGHTER.search(text):
        return False
    tokens = norm.split()
    explicit = bool(tokens) and (
        bool(_YES_WORD.fullmatch(tokens[0])) or any(t in EXPLICIT_YES for t in tokens)
    )
    return not explicit


# "Only heartbreak lol" at the heart question, "only pressure is from my job lol" (blind 32):
# nothing but something else, said as a joke.
_ONLY = re.compile(r"^(?:only|just|nothing but)(?![\w'])")


def laughing_reading(text: str, norm: str, reading: Reading) -> Reading | None:
    """A yes said laughing is read back (maybe a joke); "only <something else> lol", which
    answers nothing as it stands, is a no for the care team to read. Never at the crisis
    question (the caller's to keep)."""
    if not said_laughing(text, norm):
        return None
    if reading.value == YES:
        return Reading(CONFIRM, YES, True, "said laughing: " + reading.reason)
    if reading.action == OFF_TOPIC and _ONLY.match(norm):
        return _answer(NO, "only something else, said laughing", ambiguous=True)
    return None


_CONCLUDING = frozenset({"then", "so", "i", "guess", "suppose", "think", "ok", "okay", "well"})
# "Pregnant? God no 😂", "bipolar? hell no" (blind 32): words that only make the answer louder.
_EMPHATIC = frozenset(
    {"god", "hell", "heck", "lord", "gosh", "omg", "oh", "absolutely", "definitely"}
)


def answer_after_own_question(text: str) -> Reading | None:
    """ "I had a stroke in 2021, does that count? yes then": the visitor answers it."""
    if "?" not in text:
        return None
    after = normalize(text.rsplit("?", 1)[1]).split()
    # "does that count? then yes", "... does that count? I guess yes".
    while after and (
        after[0] in _CONCLUDING or after[0] in _EMPHATIC or LAUGHTER_WORD.fullmatch(after[0])
    ):
        after = after[1:]
    if not after or len(after) > 3 or after[0] not in EXPLICIT_YES | EXPLICIT_NO:
        return None
    if any(t in EXPLICIT_YES | EXPLICIT_NO for t in after[1:]):
        return None
    if after[0] == "no" and len(after) > 1 and after[1] in ("idea", "clue", "one"):
        return None  # "maybe? no idea": unsure, not a no
    value = YES if after[0] in EXPLICIT_YES else NO
    return _answer(value, "answered its own question: " + after[0], ambiguous=True)


def read_without_no_plan(rest: str, read: Callable[[str], Reading]) -> Reading:
    """At the crisis question, "no plan, just the thoughts most days" is read by its rest
    (``read`` reads it as a reply of its own)."""
    if rest in ("", "no", "nope", "none", "no no"):
        # "no plan" alone does not say whether the thoughts are there: read back.
        return Reading(CONFIRM, None, True, "no plan, nothing about the thoughts")
    reading = read(rest)
    if reading.action == ANSWER and reading.value == YES:
        return _answer(YES, "thoughts, without a plan: " + reading.reason, ambiguous=True)
    if reading.action == ANSWER:
        return reading
    if FREQUENCY.search(rest) or "thought" in rest:
        # "just the thoughts pop up most days": how often the thoughts come is the answer.
        return _answer(YES, "thoughts, without a plan", ambiguous=True)
    return Reading(CONFIRM, None, True, "no plan, then something unclear")


# "i dont really want to talk about it but yes" (blind 30): the answer given after all.
_ANSWER_AFTER = re.compile(
    r"^(?:[\s,.]*[\w']+){0,3}?[\s,.]+(?:but|though|tho|anyway|anyways|ok|okay|so)\s+(?P<answer>yes|yeah|yep|yup|no|nope|nah)"
    r"(?:\s+(?:i do|i am|i'm|i have|i guess|honestly|it is|there is))?[\s.!]*$"
)


def declined_or_answered(norm: str, decline: re.Match[str]) -> Reading:
    """A decline ("prefer not to say"), unless the reply then gives the answer after all."""
    after = _ANSWER_AFTER.match(norm[decline.end() :])
    if after is None:
        return _answer(PREFER_NOT, "prefers not to say")
    value = YES if after.group("answer") in EXPLICIT_YES else NO
    return _answer(value, "declined, then answered", ambiguous=True)
