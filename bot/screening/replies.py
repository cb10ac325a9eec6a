"""What one reply to the current question does: record an answer, or ask again, and why.

:func:`take_reply` is the questionnaire form's decision, free of Rasa: the action reads the
slots, calls it, then writes what it says to the database and the slots. A reply is read
against its question (:mod:`bot.screening.reading`): an answer is recorded; a reply about
something else records nothing and the question comes again; a reply that may be an answer
but is not clear is read back once for the visitor to choose a button, and if the next reply
is still unclear it is recorded as "unclear", flagged for the care team with their words.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.questionnaire.questions import Question, QuestionSet
from bot.screening import flow, messages
from bot.screening.flow import asks_to_go_back
from bot.screening.reading import ANSWER, CONFIRM, OFF_TOPIC, read_reply
from bot.text import QUESTION_STARTS

# Intents that are never an answer, even when the reply also contains yes/no words.
CONTROL_INTENTS = {
    "stop_screening",
    "continue_screening",
    "start_screening",
    "explain_question",
    "change_answer",
    "request_human",
    "crisis",
    "self_harm",
    "manipulation",
}
# Intents a short factual answer is sometimes mistaken for ("I had a heart attack in 2015"
# may look like an FAQ). A reply with clear answer words that is not itself a question
# is taken as the answer; anything else takes the detour (FAQ, out of scope, ...).
SOFT_INTENTS = {
    "faq",
    "out_of_scope",
    "medical_advice",
    "eligibility_question",
    "bot_challenge",
    "help",
    "greet",
    "goodbye",
    "thank",
}


# Why a question is asked again (kept in the ``screening_reask`` slot).
REASK_QUESTION_BACK = "question"


@dataclass(frozen=True)
class Recorded:
    """An answer to store: the visitor's words, the value and whether staff should look."""

    question: Question
    raw: str
    value: str
    ambiguous: bool
    reason: str

    @property
    def flagged(self) -> bool:
        """Marked for clinician review in the staff summary."""
        return self.question.is_flagged(self.value, ambiguous=self.ambiguous)


@dataclass(frozen=True)
class ReplyOutcome:
    """The result of one reply. Exactly one of ``recorded`` and ``reask`` is set."""

    recorded: Recorded | None = None
    reask: dict[str, Any] | None = None
    answers: dict[str, Any] = field(default_factory=dict)  # the answers after this reply
    next_question: Question | None = None
    # The response said after recording, before what comes next (bot/screening/messages.py).
    acknowledgement: str | None = None
    starts_crisis: bool = False  # the crisis protocol takes over at once
    complete: bool = False  # the last question was answered


def take_reply(
    questions: QuestionSet,
    answers: Mapping[str, Any],
    reply: str,
    pending_reask: Mapping[str, Any] | None,
    already_reasked: bool,
) -> ReplyOutcome | None:
    """Read ``reply`` to the first unanswered question; None when nothing is being asked."""
    question = flow.next_question(questions, answers)
    if question is None:
        return None
    raw = messages.verbatim(reply)
    reading = read_reply(question, reply)
    earlier = pending_reask.get("raw") if isinstance(pending_reask, Mapping) else None
    both = f"{earlier} / {raw}" if earlier and earlier != raw else raw
    if reading.action == ANSWER:
        value = reading.value or "unclear"
        recorded = Recorded(question, both, value, reading.ambiguous, reading.reason)
        return _record(questions, answers, recorded)
    if reading.action == OFF_TOPIC:
        return ReplyOutcome(reask={"reason": OFF_TOPIC}, answers=dict(answers))
    if reading.action == CONFIRM and not already_reasked:
        reask = {"reason": CONFIRM, "value": reading.value, "raw": raw}
        if reading.note:
            reask["note"] = reading.note
        return ReplyOutcome(reask=reask, answers=dict(answers))
    if reading.action == CONFIRM:
        return _record(
            questions, answers, Recorded(question, both, "unclear", True, reading.reason)
        )
    # A question back ("what counts as controlled?"): the rules answer it; ask again.
    return ReplyOutcome(reask={"reason": REASK_QUESTION_BACK}, answers=dict(answers))


def _record(questions: QuestionSet, answers: Mapping[str, Any], recorded: Recorded) -> ReplyOutcome:
    question = recorded.question
    updated = flow.with_answer(answers, question.id, value=recorded.value, raw=recorded.raw)
    if question.starts_crisis(recorded.value):
        # The questionnaire stays paused; nothing else is said before the crisis message.
        return ReplyOutcome(recorded=recorded, answers=updated, starts_crisis=True)
    following = flow.next_question(questions, updated)
    return ReplyOutcome(
        recorded=recorded,
        answers=updated,
        next_question=following,
        acknowledgement=_acknowledgement(recorded),
        complete=following is None,
    )


def _acknowledgement(recorded: Recorded) -> str | None:
    if recorded.question.is_free_text:
        return messages.FREE_TEXT_ACK_RESPONSE
    if recorded.value == "unclear":
        return messages.UNCLEAR_RECORDED_RESPONSE
    if recorded.ambiguous:
        return messages.AMBIGUOUS_ACK_RESPONSE
    return None


def answer_despite_intent(
    questions: QuestionSet,
    answers: Mapping[str, Any],
    text: str,
    intent: str | None,
    read_in_context: bool,
) -> bool:
    """Whether a reply the NLU took for something else is the answer to the question asked.

    ``read_in_context`` is true when the contextual reader (bot/understanding/context.py)
    already read the reply against the question: then only a control request ("stop",
    "talk to a person") keeps its intent. Otherwise a reply the NLU mistook for small talk
    or an FAQ ("I had a heart attack in 2015") is the answer when it answers the question
    and is not itself a question.
    """
    if read_in_context and intent not in CONTROL_INTENTS:
        return True
    mistaken = intent in SOFT_INTENTS or (intent == "change_answer" and not asks_to_go_back(text))
    if not mistaken or _looks_like_question(text):
        return False
    question = flow.next_question(questions, answers)
    return question is not None and read_reply(question, text).action == ANSWER


def _looks_like_question(text: str) -> bool:
    lowered = text.strip().lower()
    first = lowered.split(" ", 1)[0] if lowered else ""
    return lowered.endswith("?") or first in QUESTION_STARTS
