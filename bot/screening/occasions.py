"""Another question's subject named as the occasion of this one's: "had it during pregnancy,
went away after" to the blood pressure question.

Such a reply names pregnancy, drinking or a drug, which are other questions' subjects, yet
speaks of this question's: the other subject only says when or why it happened. Read as a
reply about something else, it was asked again; read as the occasion it is, the past and
the resolved are answers as anywhere else. Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question
from bot.screening.answers import YES
from bot.screening.question_phrases import past_reading
from bot.screening.reading_result import Reading
from bot.screening.reading_result import answer as _answer
from bot.screening.reply_subjects import mentions_topic
from bot.screening.reply_words import NOT_OVER, NOW, PAST, RESOLVED

# Words that make what follows a time or a cause: "during", "after having", "when I was".
_OCCASION = frozenset({"during", "while", "when", "after", "before", "on", "from", "with"})
# How many words an occasion word may come before the other subject ("when I was drinking").
_REACH = 4
# Words that say this question's subject happened, without naming it: "had it during
# pregnancy", "they came when I was drinking".
_HAPPENED = re.compile(
    r"(?<![\w'])(?:it|they|them|those|that|this|had|got|happened|came|started|felt|thought|"
    r"thoughts|only|once|since|saw|heard)(?![\w'])"
)
# "only when", "only on a bad trip": it happened, on that occasion alone.
_ONLY_THEN = re.compile(r"(?<![\w'])only (?:\w+ )?(?:during|while|when|after|on|with)(?![\w'])")


def names_other_subject_as_occasion(norm: str, others: frozenset[str]) -> bool:
    """Every word of another question's subject comes just after an occasion word."""
    tokens = norm.split()
    found = [
        i for i, w in enumerate(tokens) if w in others or (w.endswith("s") and w[:-1] in others)
    ]
    return bool(found) and all(
        any(w in _OCCASION for w in tokens[max(0, i - _REACH) : i]) for i in found
    )


def occasion_reading(question: Question, norm: str, others: frozenset[str]) -> Reading | None:
    """The reading of a reply that says on what occasion it happened: another question's
    subject as the occasion, or a reply opening "only when", "only on".

    Over, it is the past (no at a question about now). It happened, at a question about
    ever: yes ("only on a bad mushroom trip in college"). Only on an occasion that goes on,
    at a question about now: yes ("only when I'm drinking" to the suicide question), except
    where the use is the question's subject ("only on weekends" is how often someone
    drinks, not a withdrawal). None when the reply says none of these.
    """
    only_then = _ONLY_THEN.search(norm)
    opens_only_then = bool(only_then and only_then.start() == 0)
    if not (names_other_subject_as_occasion(norm, others) or opens_only_then):
        return None
    said = mentions_topic(norm, question) or question.named_signs(norm) or _HAPPENED.search(norm)
    if not opens_only_then and not said:
        # "I'm in recovery from alcohol, 2 years sober" at the suicide question (blind 26):
        # nothing in it happened on that occasion; it is about the other subject alone.
        return None
    if NOT_OVER.search(norm):
        return None
    over = bool(RESOLVED.search(norm)) or (bool(PAST.search(norm)) and not NOW.search(norm))
    if question.past == "yes" and (over or only_then):
        return _answer(YES, "on one occasion", ambiguous=True)
    if over:
        return past_reading(question, "on an occasion, since over", norm)
    if only_then and question.past == "no" and not question.stopping_is_subject:
        return _answer(YES, "only on an occasion that goes on", ambiguous=True)
    return None
