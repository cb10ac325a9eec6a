"""Replies that name another subject than the question's ("I get migraines" at the question
about pressure inside the skull): asked again, unless they also say no to this question.

Each question's ``reading.other_subjects`` (content/screening_questions.yml) lists what such
replies name. Used by :mod:`bot.screening.reading`. Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question
from bot.screening.answers import _NO_STRONG, NO
from bot.screening.neutral_words import NEUTRAL
from bot.screening.question_phrases import question_phrases
from bot.screening.reading_result import OFF_TOPIC, Reading
from bot.screening.reading_result import answer as _answer
from bot.screening.reply_subjects import names_only_another_subject
from bot.screening.reply_words import CONTRAST
from bot.text import find_phrases, is_negated

# The reply says it answers another question: "I skipped a question", "that was for the
# last question", "wrong question".
_ANOTHER_QUESTION = re.compile(
    r"(?<![\w'])(?:(?:skipped|missed|forgot) (?:a|the|one|that|an earlier|the last|the previous) "
    r"question|(?:for|about|meant for|answering) the (?:last|previous|other|next|earlier) "
    r"(?:one|question)|(?:wrong|previous|last|earlier|other) question)(?![\w'])"
)


def another_subject_reading(question: Question, norm: str) -> Reading | None:
    """No, off-topic, or None (read on) for a reply about one of ``other_subjects`` or about
    another question.

    "my blood sugar is high" at the blood pressure question is asked again ("is high" is
    about sugar). It answers no when it says that subject is all there is ("just high
    cholesterol"), says no in this question's words too ("migraines, but my MRI was
    normal"), or puts the other subject in this one's place ("headaches, but they're
    migraines"; "they thought bipolar, but it turned out to be ADHD").
    """
    if _ANOTHER_QUESTION.search(norm) and question_phrases(question, norm) is None:
        # "sorry, I think I skipped a question, I do take zoloft" at the suicide question.
        return Reading(OFF_TOPIC, reason="about another question")
    if names_only_another_subject(norm, question):
        settled = question_phrases(question, norm)
        if settled is not None and settled.value == NO:
            return settled
        if (
            only_another_subject(norm, question)
            or _NO_STRONG.search(norm)
            or negates_the_subject(norm, question)
            or explained_as_another_subject(norm, question)
        ):
            return _answer(NO, "another subject only", ambiguous=True)
        return Reading(OFF_TOPIC, reason="names another subject, not this one")
    if explained_as_another_subject(norm, question):
        return _answer(NO, "explained as another subject", ambiguous=True)
    return None


# Words that say the other subject is all there is: "just high cholesterol", "my only issue
# is migraines" (a word such as "bad" or "my" may come between).
_ONLY_BEFORE = re.compile(
    r"(?<![\w'])(?:just|only|nothing but|(?:(?:my|the) )?only (?:issues?|problems?|things?|"
    r"conditions?|diagnos[ie]s|ones?)(?: i have| i've got| i've had)? (?:is|was|are|i have))"
    r"(?: \w+)?(?: \w+ and)? $"
)


# ... or after it, ending the reply: "i get migraines but that's it", "migraines, nothing
# else" (not "migraines and that's all i can think of, and a concussion once").
_ONLY_AFTER = re.compile(
    r"^(?: \w+){0,3}? (?:(?:but|and) )?(?:(?:that'?s|thats|that is) (?:it|all)|nothing else)"
    r"(?: \w+){0,2}$"
)


def only_another_subject(norm: str, question: Question) -> bool:
    """One of the question's ``other_subjects``, said to be the only one ("just migraines",
    "migraines but that's it")."""
    tokens = norm.split()
    hits = find_phrases(norm, [("other", question.other_subject_patterns)])
    return any(
        _ONLY_BEFORE.search(" ".join(tokens[: h.start]) + " ")
        or _ONLY_AFTER.search(" " + " ".join(tokens[h.end :]))
        for h in hits
    )


# After a contrast, words that put another subject in the question's place: "headaches, but
# they're migraines", "they thought bipolar at first but ended up diagnosing me with ADHD".
_EXPLAINED = re.compile(
    r"^(?:\w+ )?(?:it'?s|its|it was|they'?re|they are|they were|that'?s|turned out(?: to be)?|"
    r"ended up(?: \w+){0,3}|changed it to|changed to|switched it to|it was just|just)(?: \w+)? $"
)


def explained_as_another_subject(norm: str, question: Question) -> bool:
    """A contrast, then words that make the reply's subject one of ``other_subjects``."""
    tokens = norm.split()
    for hit in find_phrases(norm, [("other", question.other_subject_patterns)]):
        before = " ".join(tokens[: hit.start]) + " "
        contrasts = list(CONTRAST.finditer(before))
        if contrasts and _EXPLAINED.search(before[contrasts[-1].end() :].lstrip()):
            return True
    return False


def negates_the_subject(norm: str, question: Question) -> bool:
    """ "migraines, but no pressure stuff": a word of the question or its topic, negated."""
    asked = question.text_words - NEUTRAL
    tokens = norm.split()
    return any(
        (t in question.topic_words or t in asked) and is_negated(tokens, i)
        for i, t in enumerate(tokens)
    )
