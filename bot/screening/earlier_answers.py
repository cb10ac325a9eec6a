"""A reply that names an earlier question and answers it: "oh sorry, for the pregnancy one
earlier, it's a no" (screening blind 29).

The visitor has moved on; going back to the named question only to have them type the same
answer again wastes their time. When the reply names an answered question and its words give
that question a clear answer, the answer is recorded there and the current question is asked
again. A reply that is unclear for the named question, a free-text question, or an answer
that would start the crisis protocol goes back to the question as before, where it is read
and followed the usual way.

Pure: the caller stores the answer and writes the slots.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.questionnaire.questions import Question, QuestionSet
from bot.screening import messages
from bot.screening.answers import NO, NOT_SURE, PREFER_NOT, YES
from bot.screening.flow import find_mentioned_question, next_question
from bot.screening.reading import ANSWER, read_reply
from bot.screening.replies import Recorded
from bot.text import normalize

# "for the pregnancy one earlier, it's a no", "about the blood pressure question, I meant yes".
THAT_QUESTION = re.compile(
    r"(?<![\w'])(?:for|about|on|to|re|regarding) the (?:\w+ ){1,3}(?:one|question|q)(?![\w'])"
)


# The values a yes/no question's buttons record.
_BUTTON_VALUES = frozenset({YES, NO, NOT_SURE, PREFER_NOT})


def names_an_earlier_question(text: str, questions: QuestionSet, current_id: str) -> bool:
    """The reply points at a question asked before ``current_id``; a question about it ("did
    my answer to the thyroid question save?") or "I already said no" does not."""
    return _earlier_question_named(text, questions, current_id) is not None


def _earlier_question_named(text: str, questions: QuestionSet, current_id: str) -> Question | None:
    norm = normalize(text)
    if not THAT_QUESTION.search(norm) or "?" in text or "already" in norm.split():
        return None
    named = find_mentioned_question(questions, norm)
    if named is None or questions.index_of(named.id) >= questions.index_of(current_id):
        return None
    return named


def answer_for_an_earlier_question(
    questions: QuestionSet, answers: Mapping[str, Any] | None, text: str
) -> Recorded | None:
    """The clear answer ``text`` gives the earlier, answered question it names, or None."""
    answers = answers or {}
    current = next_question(questions, answers)
    named = _earlier_question_named(text, questions, current.id) if current else None
    if named is None or named.id not in answers or named.is_free_text:
        return None
    reference = THAT_QUESTION.search(text.lower())
    rest = text[reference.end() :].strip(" ,.:;-\u2013\u2014") if reference else ""
    reading = read_reply(named, rest or text, questions)
    if reading.action != ANSWER or reading.value not in _BUTTON_VALUES:
        return None  # read back there, as any unclear reply is
    if named.starts_crisis(reading.value):
        return None  # asked there, where the crisis protocol follows the answer as always
    return Recorded(
        named, messages.verbatim(text), reading.value, reading.ambiguous, reading.reason
    )
