"""Correction words inside a reply: "no wait, yes", "nope. honestly, sometimes at night".

The part after the last correction word decides, if it answers. A tail that answers only
with a vague "sometimes" does not undo a head that answered the question ("I have low
blood pressure actually, I faint sometimes" is no to high blood pressure), except at the
question where how often is the answer (the suicide question: "nope. honestly, sometimes").

Pure: the caller passes the segment reader.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.questionnaire.questions import Question
from bot.screening.answers import NO, YES
from bot.screening.question_phrases import past_reading
from bot.screening.reading_result import ANSWER, CONFIRM, HEDGED, OFF_TOPIC, Reading
from bot.screening.reading_result import answer as _answer
from bot.screening.reply_shapes import opens_with_question
from bot.screening.reply_subjects import mentions_topic
from bot.screening.reply_words import (
    CORRECTION,
    EXPLICIT_NO,
    EXPLICIT_YES,
    NOW,
    PAST_STRONG,
    RESOLVED,
    TAKES_BACK,
)


def said_of_the_past(text: str) -> bool:
    """ "back then yes", "yes, years ago, not anymore": past words, nothing of now."""
    return bool(PAST_STRONG.search(text)) and not NOW.search(text)


def after_last_correction(
    question: Question, norm: str, read_segment: Callable[[Question, str], Reading]
) -> Reading | None:
    """ "no wait, yes": the part after the last correction word decides, if it answers."""
    marks = list(CORRECTION.finditer(norm))
    for mark in reversed(marks):
        tail = norm[mark.end() :].strip()
        head = norm[: mark.start()].strip()
        if not tail or not head:
            continue
        if _settled_since(question, tail) and read_segment(question, head).value == YES:
            # "diagnosed with bipolar II in 2015 ... honestly I've been stable, no episodes
            # in years" (blind 26): at a question about ever, being well since takes back
            # nothing.
            return None
        explicit = _answer_words(tail, question)
        # "wait, is this the depression question? I have depression yeah" asks first.
        if explicit and not opens_with_question(tail):
            value = YES if explicit[-1] in EXPLICIT_YES else NO
            # The words just before the mark count: "back then yes" ends with "then yes".
            said = " ".join([*head.split()[-2:], mark.group(0), tail])
            if value == YES and question.past == "no" and said_of_the_past(said):
                # "sober 4 years now, but back then yes": a yes about then, at a question
                # about now.
                return past_reading(question, "corrected: yes, in the past", norm)
            return _answer(value, "corrected: " + explicit[-1])
        reading = read_segment(question, tail)
        vague = reading.evidence == HEDGED and not question.frequency_means_yes
        if reading.action == ANSWER and vague and read_segment(question, head).action == ANSWER:
            return None
        if reading.action == ANSWER:
            return Reading(ANSWER, reading.value, reading.ambiguous, "corrected: " + reading.reason)
        taken_back = (
            reading.action == CONFIRM
            or (reading.action == OFF_TOPIC and TAKES_BACK.search(mark.group(0)))
        ) and not _stresses(head, mark, tail)
        if head.split()[0] in EXPLICIT_YES | EXPLICIT_NO and taken_back:
            # "no. oh wait, the eye doctor said my optic nerves were swollen": the first
            # answer is taken back and what replaces it is unclear, so it is read back.
            return Reading(CONFIRM, None, True, "a correction, then something unclear")
    return None


# Words after a "no" that show it answers ("no I don't", "no thanks", "no, never"); before
# any other word "no" is a determiner ("no episodes in years").
_AFTER_AN_ANSWERING_NO = frozenset(
    {"i", "i'm", "im", "i've", "ive", "not", "never", "thanks", "thank", "but", "then", "and"}
    | {"so", "wait", "sorry", "yes", "no", "nope", "really", "actually", "honestly", "it", "that"}
    | {"lol", "haha", "definitely", "just", "sir", "ma'am", "way", "that's", "thats", "it's"}
    | {"its", "my", "me", "she", "he", "they", "we", "she's", "he's", "they're", "because"}
)


# "nope, I actually feel more hopeful" (blind 29): "actually" between its subject and
# feeling well stresses it; the "nope" stands. ("no I actually do", "no, I actually feel
# like that most days" still take it back.)
_SUBJECTS = frozenset({"i", "i'm", "im", "i've", "ive"})
_FEELING_WELL = re.compile(
    r"(?:been )?(?:feel|feeling|felt|doing)(?: \w+){0,2} "
    r"(?:better|hopeful|good|great|fine|ok|okay|well|stable|happier|safe)(?![\w'])"
)


def _stresses(head: str, mark: re.Match[str], tail: str) -> bool:
    return (
        mark.group(0) == "actually"
        and head.split()[-1] in _SUBJECTS
        and bool(_FEELING_WELL.match(tail))
    )


def _answer_words(tail: str, question: Question) -> list[str]:
    """The yes and no words of ``tail`` that answer, in order: a "no" before a word other
    than the question's own or an answering one is a determiner ("no episodes in years")."""
    words = tail.split()

    def answers(index: int) -> bool:
        word = words[index]
        if word in EXPLICIT_YES or (word in EXPLICIT_NO and word != "no"):
            return True
        return (
            word == "no"
            # "I honestly have no clue" (typed-button blind 19) is not sure, not a no.
            and words[index + 1 : index + 2] not in (["clue"], ["idea"])
            and (
                index + 2 >= len(words)  # "... no PD": a closing "no <subject>"
                or words[index + 1] in _AFTER_AN_ANSWERING_NO
                or mentions_topic(" ".join(words[index + 1 : index + 4]), question)
            )
        )

    return [words[index] for index in range(len(words)) if answers(index)]


def _settled_since(question: Question, tail: str) -> bool:
    """The tail says the condition is settled or over, at a question about ever."""
    return question.past == "yes" and bool(_SETTLED.search(tail) or RESOLVED.search(tail))


_SETTLED = re.compile(
    r"(?<![\w'])(?:stable|well controlled|under control|no episodes?|episode free|"
    r"symptom free)(?![\w'])"
)
