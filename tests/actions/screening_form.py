"""Helpers shared by the screening action tests (the form, its asking and its detours):
one conversation, answers so far, the form's validation and what the database stored."""

from __future__ import annotations

from functools import partial
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.screening import ValidateScreeningForm
from bot.db.answers import current_answers
from bot.db.engine import session_scope
from bot.questionnaire.questions import default_questions
from tests.actions.trackers import make_tracker

CONV = "0b8f5a56-7c8e-4d7e-9d55-3a1f1f3f0c11"
QUESTIONS = default_questions()
YES_NO_IDS = [q.id for q in QUESTIONS if not q.is_free_text]
CONSENTED = {"screening_consent": True, "screening_in_progress": True}

# A plain action run right after a visitor message of this conversation.
plain_tracker = partial(make_tracker, sender_id=CONV, text="", intent="nlu_fallback")


def form_tracker(
    *,
    candidates: dict[str, Any] | None = None,
    requested_slot: str | None = "screening_answer",
    **kwargs,
) -> Tracker:
    """The tracker Rasa sends to validate_screening_form: the latest user message, then
    (optionally) a detour action, then the form execution and the extracted candidates."""
    return make_tracker(
        **{"sender_id": CONV, "text": "", "intent": "nlu_fallback", **kwargs},
        form="screening_form",
        requested_slot=requested_slot,
        new_slots=candidates,
    )


async def run_action(
    action: Action, domain, **tracker_kwargs: Any
) -> tuple[CollectingDispatcher, list[dict[str, Any]]]:
    """Run ``action`` on the :func:`plain_tracker` of ``tracker_kwargs``: dispatcher, events."""
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, plain_tracker(**tracker_kwargs), domain)
    return dispatcher, events


def answered(count: int, value: str = "no") -> dict[str, dict]:
    """The answers slot after the first ``count`` questions were answered ``value``."""
    return {qid: {"value": value, "raw": value} for qid in [q.id for q in QUESTIONS][:count]}


def in_form(count: int) -> dict[str, Any]:
    """Tracker keywords for a visitor inside the form who answered ``count`` questions."""
    slots = {**CONSENTED, "screening_answers": answered(count)}
    return {"slots": slots, "active_loop": "screening_form"}


async def validate(domain, **kwargs) -> tuple[CollectingDispatcher, list[dict[str, Any]]]:
    """The form's validation of the tracker :func:`form_tracker` makes of ``kwargs``."""
    dispatcher = CollectingDispatcher()
    events = await ValidateScreeningForm().run(dispatcher, form_tracker(**kwargs), domain)
    return dispatcher, events


async def answer_consent(domain, agreed: bool) -> tuple[CollectingDispatcher, list[dict[str, Any]]]:
    """The form's validation of the consent buttons: "Yes, I agree" or "No thanks"."""
    intent = "affirm" if agreed else "deny"
    return await validate(
        domain,
        text=f"/{intent}",
        intent=intent,
        candidates={"screening_consent": agreed},
        requested_slot="screening_consent",
    )


def stored(conversation_id: str = CONV) -> dict[str, tuple[str, str, bool]]:
    """``{question id: (raw text, value, flagged)}`` of the answers the database holds."""
    with session_scope() as session:
        return {
            qid: (row.raw_text, row.value, row.flagged)
            for qid, row in current_answers(
                session=session, conversation_id=conversation_id
            ).items()
        }


def stored_answers_slot() -> dict:
    """The answers slot as it would be rebuilt from the stored answers."""
    return {qid: {"value": value, "raw": raw} for qid, (raw, value, _) in stored().items()}
