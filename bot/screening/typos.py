"""A second reading of a screening reply with its slips mended: "nevr", "bladdr infections".

A reply that the reader cannot take as an answer may hold a misspelt word the answer turns
on. Each word of five letters or more (four with two letters swapped, any length with a
letter typed twice) one slip away from exactly one word the question's reading knows is
replaced by it, and the reply is read again. The vocabulary is the question's own: its
subject words, its yes and no phrases and the plain answer words. A word any of these
knows, an English word (the sentence encoder's word list) or a contraction is never
changed, and a slip that could be two words is left as typed; without the word list
nothing is mended. Only a reply read as an answer the second time is taken, and it is
marked for review (``ambiguous``); the care team sees the visitor's own words.
Pure: no Rasa, no database.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from bot.nlu.minilm import ModelNotInstalledError, model_dir
from bot.questionnaire.questions import Question
from bot.screening.reading_result import ANSWER, Reading
from bot.slips import nearest_word

# The plain answer words, whatever the question.
_ANSWER_WORDS = frozenset(
    {"never", "nothing", "none", "sometimes", "always", "often", "currently", "pregnant"}
    | {"diagnosed", "treated", "untreated", "controlled", "medication", "medications"}
    # "im unsre", "dont wanna anwser that one" (typed-button blind 16).
    | {"unsure", "answer"}
)


def vocabulary(question: Question) -> frozenset[str]:
    """The words the reading of ``question`` turns on."""
    return question.reading_words | _ANSWER_WORDS


def mended(norm: str, known: frozenset[str]) -> str:
    """``norm`` with each word one slip away from exactly one ``known`` word replaced; an
    English word stays as typed ("lying" is not a slip of "dying")."""
    english = english_words()
    return " ".join(
        word if word in english or not word.isalpha() else nearest_word(word, known)
        for word in norm.split()
    )


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """The whole words of the sentence encoder's vocabulary (30,522 entries, about 22,500 of
    them whole English words), read once; empty when the model is not installed."""
    try:
        lines = (model_dir() / "vocab.txt").read_text(encoding="utf-8").split()
    except (ModelNotInstalledError, OSError):
        return frozenset()
    return frozenset(w for w in lines if w.isalpha())


def with_slips_mended(
    question: Question, norm: str, reading: Reading, read: Callable[[str], Reading]
) -> Reading:
    """``reading``, or when it is no answer, the answer ``read`` gives ``norm`` with its
    slips mended."""
    if reading.action == ANSWER or not english_words():
        return reading
    fixed = mended(norm, vocabulary(question))
    if fixed == norm:
        return reading
    second = read(fixed)
    if second.action != ANSWER:
        return reading
    return Reading(ANSWER, second.value, True, "with a slip mended: " + second.reason)
