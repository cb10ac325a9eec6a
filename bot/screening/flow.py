"""Where the questionnaire stands: pure functions over the questions and the answers so far.

``answers`` is the ``screening_answers`` slot: ``{question_id: {"value": ..., "raw": ...}}``.
Nothing here talks to Rasa or the database, so the logic is easy to test and reuse.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from bot.names import ANSWER_SLOT, CONSENT_SLOT, FREE_TEXT_SLOT
from bot.questionnaire.questions import Question, QuestionSet

Answers = Mapping[str, Mapping[str, object]]

# Stored in ``screening_question_id`` for one step: a crisis answer came in and the form
# hands over to the crisis protocol.
CRISIS_MARKER = "__crisis__"


def answers_from_slot(value: object) -> dict[str, Any]:
    """The ``screening_answers`` slot as a dict (empty when unset or malformed)."""
    return dict(value) if isinstance(value, dict) else {}


def next_question(questions: QuestionSet, answers: Answers | None) -> Question | None:
    """The first question in order that has no answer yet, or None when all are answered."""
    answers = answers or {}
    for question in questions:
        if question.id not in answers:
            return question
    return None


def slots_to_ask(
    questions: QuestionSet, answers: Answers | None, consent: bool | None, question_id: object
) -> list[str]:
    """The screening form's slots: consent, then the answer slot for the next question's kind.

    An empty list ends the form: all answered, or a crisis answer handed over. A declined
    consent stays listed so the refusal is validated; being filled, it ends the form.
    """
    if consent is False:
        return [CONSENT_SLOT]
    if question_id == CRISIS_MARKER:
        return []
    if consent is None:
        return [CONSENT_SLOT]
    question = next_question(questions, answers)
    if question is None:
        return []
    return [CONSENT_SLOT, FREE_TEXT_SLOT if question.is_free_text else ANSWER_SLOT]


def is_complete(questions: QuestionSet, answers: Answers | None) -> bool:
    """True when every question has an answer (any value, including "unclear")."""
    return next_question(questions, answers) is None


def progress(questions: QuestionSet, question: Question) -> tuple[int, int]:
    """(1-based position, total) of ``question``, for "Question 3 of 14"."""
    return questions.index_of(question.id) + 1, len(questions)


def answered_in_order(questions: QuestionSet, answers: Answers | None) -> list[Question]:
    """Answered questions in asking order."""
    answers = answers or {}
    return [q for q in questions if q.id in answers]


def previous_question(
    questions: QuestionSet, answers: Answers | None, current_id: str | None = None
) -> Question | None:
    """The question answered just before ``current_id`` (or the last answered one)."""
    answered = answered_in_order(questions, answers)
    if not answered:
        return None
    if current_id and current_id in questions.ids:
        position = questions.index_of(current_id)
        earlier = [q for q in answered if questions.index_of(q.id) < position]
        if earlier:
            return earlier[-1]
    return answered[-1]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+", text.lower()))


# Words too common to identify a question ("my answer to the question about ...").
_STOPWORDS = {
    "a",
    "about",
    "an",
    "and",
    "answer",
    "answers",
    "are",
    "back",
    "change",
    "did",
    "do",
    "for",
    "go",
    "have",
    "i",
    "in",
    "is",
    "it",
    "last",
    "my",
    "of",
    "on",
    "one",
    "or",
    "please",
    "previous",
    "question",
    "said",
    "that",
    "the",
    "to",
    "want",
    "was",
    "wrong",
    "you",
    "your",
    "yes",
    "no",
    "not",
    "sure",
    "can",
    "could",
    "edit",
    "fix",
    "update",
    "earlier",
    "before",
    "meant",
    "mean",
    "actually",
    "like",
    "would",
    "with",
    "any",
    "ever",
    "been",
    "has",
    "had",
    "which",
    "what",
    "when",
    "how",
    "this",
    "those",
    "them",
    "currently",
    "current",
    "there",
    "other",
    "some",
    "so",
    "be",
    "me",
    "we",
    "up",
}


def find_mentioned_question(questions: QuestionSet, text: str) -> Question | None:
    """The question a visitor names in ``text`` ("change my blood pressure answer"), if any.

    Keyword phrases from the questions file count most, then the question id, then words
    shared with the question text or topic. Ties and zero scores give None.
    """
    if not text:
        return None
    lowered = " " + re.sub(r"[^a-z0-9]+", " ", text.lower()) + " "
    said = _words(text) - _STOPWORDS
    best: Question | None = None
    best_score = 0.0
    tie = False
    for question in questions:
        score = 0.0
        for keyword in question.keywords:
            if f" {keyword.lower()} " in lowered:
                score += 3 + keyword.count(" ")
        if f" {question.id.replace('_', ' ')} " in lowered:
            score += 3
        topic_words = _words(question.topic) - _STOPWORDS
        text_words = _words(question.text) - _STOPWORDS
        score += 1.0 * len(said & topic_words)
        score += 0.5 * len(said & (text_words - topic_words))
        if score > best_score:
            best, best_score, tie = question, score, False
        elif score == best_score and score > 0:
            tie = True
    if best_score < 1 or tie:
        return None
    return best


def question_to_change(
    questions: QuestionSet, answers: Answers | None, text: str
) -> tuple[Question | None, bool]:
    """Which question "change my answer" goes back to, and whether it is the one being asked.

    The answered question the visitor names; the current question when they name that one;
    otherwise the one answered just before the current one (or the last answered).
    ``(None, False)`` when nothing has been answered yet.
    """
    answers = answers or {}
    target = find_mentioned_question(questions, text)
    if target is not None and target.id in answers:
        return target, False
    current = next_question(questions, answers)
    if target is not None and current is not None and target.id == current.id:
        return target, True
    return previous_question(questions, answers, current.id if current else None), False


def without_answer(answers: Answers | None, question_id: str) -> dict[str, dict[str, object]]:
    """A copy of ``answers`` with ``question_id`` removed (so the form asks it again)."""
    return {qid: dict(a) for qid, a in (answers or {}).items() if qid != question_id}


def with_answer(
    answers: Answers | None, question_id: str, *, value: str, raw: str
) -> dict[str, dict[str, object]]:
    """A copy of ``answers`` with ``question_id`` set to ``value`` / verbatim ``raw``."""
    updated = {qid: dict(a) for qid, a in (answers or {}).items()}
    updated[question_id] = {"value": value, "raw": raw}
    return updated


# Words every request to go back uses ("go back", "change my answer", "I meant yes"). An
# answer the NLU calls change_answer without them ("I changed my medication last month") is
# an answer, not a request to go back.
_GO_BACK_WORDS = re.compile(
    r"\b(answer|answers|answered|question|back|previous|undo|redo|meant|mistake|wrong|oops"
    r"|clicked|button|said|earlier|last one)\b"
)


def asks_to_go_back(text: str) -> bool:
    """Whether the text asks to revisit an answer, rather than being one (see _GO_BACK_WORDS)."""
    return bool(_GO_BACK_WORDS.search(text.lower()))
