"""The triage conversation as a small state machine: offer, questions, finish.

State lives in the ``crisis_triage`` slot as a plain dict (:meth:`TriageState.to_slot`).
Each reply gives a :class:`TriageTurn`: the new state, what to say (message keys, which
:mod:`bot.triage.messages` turns into domain.yml responses), the answer to record (if any)
and whether the screener ended on this turn, so staff are told once. The screener is
offered once per conversation.

Pure: no Rasa, no database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bot.instruments.cssrs import Screener, default_screener, next_question
from bot.screening.answers import NO, YES
from bot.triage.questions import yes_no_question
from bot.triage.reading import DECLINE, START, STOP, UNCLEAR, read_answer, read_offer

OFFERED = "offered"
ASKING = "asking"
FINISHED = "finished"
STEPS = (OFFERED, ASKING, FINISHED)

# Message keys (their responses are named in bot/triage/messages.py).
SAY_OFFER = "offer"
SAY_QUESTION = "question"
SAY_ASK_AGAIN = "ask_again"
SAY_DECLINED = "declined"
SAY_STOPPED = "stopped"
SAY_FINISHED = "finished"


@dataclass(frozen=True)
class TriageState:
    """Where the screener is: not offered (step None), offered, asking, or finished."""

    step: str | None = None
    question: str | None = None
    answers: Mapping[str, str] = field(default_factory=dict)
    asked_again: bool = False

    @property
    def waiting_for_reply(self) -> bool:
        """True while the offer or a question is on screen, unanswered."""
        return self.step in (OFFERED, ASKING)

    def to_slot(self) -> dict[str, Any]:
        """The slot value (JSON)."""
        return {
            "step": self.step,
            "question": self.question,
            "answers": dict(self.answers),
            "asked_again": self.asked_again,
        }

    @classmethod
    def from_slot(cls, value: object, screener: Screener | None = None) -> TriageState:
        """Rebuild from the slot; anything malformed counts as not offered yet."""
        if not isinstance(value, dict) or value.get("step") not in STEPS:
            return cls()
        ids = set((screener or default_screener()).ids)
        stored = value.get("answers")
        answers: dict[str, Any] = stored if isinstance(stored, dict) else {}
        question = value.get("question")
        return cls(
            step=value["step"],
            question=question if question in ids else None,
            answers={k: str(v) for k, v in answers.items() if k in ids},
            asked_again=bool(value.get("asked_again")),
        )


@dataclass(frozen=True)
class TriageTurn:
    """The outcome of one step of the triage conversation."""

    state: TriageState
    say: tuple[str, ...]
    # (question id, the visitor's words, the value) to store, or None.
    record: tuple[str, str, str] | None = None
    # True on the turn the screener ended with answers given (finished or stopped): staff
    # are told then, once. Declining the offer tells them nothing new.
    ended: bool = False


def offer(state: TriageState) -> TriageTurn | None:
    """Offer the screener, unless it was offered before in this conversation."""
    if state.step is not None:
        return None
    return TriageTurn(TriageState(step=OFFERED), (SAY_OFFER,))


def yes_no_answers(answers: Mapping[str, str]) -> dict[str, bool]:
    """The answers the skip logic and triage count: yes and no only."""
    return {qid: value == YES for qid, value in answers.items() if value in (YES, NO)}


def _next(answers: Mapping[str, str], screener: Screener) -> str | None:
    given = yes_no_answers(answers)
    others = [qid for qid in answers if qid not in given]
    return next_question(given, others, screener)


def take_reply(
    state: TriageState, text: str, intent: str | None, screener: Screener | None = None
) -> TriageTurn | None:
    """The next step for a reply, or None when the reply is not for the screener.

    None leaves everything as it was: the caller answers as it would without the screener
    (the crisis reminder).
    """
    screener = screener or default_screener()
    if state.step == OFFERED:
        choice = read_offer(text, intent)
        if choice == START:
            first = _next({}, screener)
            return TriageTurn(TriageState(step=ASKING, question=first), (SAY_QUESTION,))
        if choice == DECLINE:
            return TriageTurn(TriageState(step=FINISHED), (SAY_DECLINED,))
        return None
    if state.step != ASKING or state.question is None:
        return None
    value = read_answer(yes_no_question(state.question, screener), text)
    if value == STOP:
        stopped = replace(state, step=FINISHED, question=None)
        return TriageTurn(stopped, (SAY_STOPPED,), ended=bool(state.answers))
    if value is None and not state.asked_again:
        return TriageTurn(replace(state, asked_again=True), (SAY_ASK_AGAIN,))
    value = value or UNCLEAR
    answers = {**state.answers, state.question: value}
    record = (state.question, text, value)
    following = _next(answers, screener)
    if following is None:
        done = TriageState(step=FINISHED, answers=answers)
        return TriageTurn(done, (SAY_FINISHED,), record=record, ended=True)
    asking = TriageState(step=ASKING, question=following, answers=answers)
    return TriageTurn(asking, (SAY_QUESTION,), record=record)


def stop(state: TriageState) -> TriageTurn | None:
    """End a screener still waiting for a reply (the visitor said they are safe, or left)."""
    if not state.waiting_for_reply:
        return None
    return TriageTurn(replace(state, step=FINISHED, question=None), (), ended=bool(state.answers))
