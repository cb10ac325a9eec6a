"""The questionnaire form's validation: consent, then each reply read against its question.

One Rasa form, ``screening_form``, walks through the questions in
``content/screening_questions.yml`` with a single answer slot (``screening_answer``, or
``screening_free_text`` for free-text questions) instead of one slot per question, so staff
can change the questions without touching the domain. Every answer is written to the
database the moment it is given (``bot.db.answers.record_answer``) and mirrored in the
``screening_answers`` slot; the tracker store and the database together let a visitor who
comes back with the same conversation id continue where they left off. The decisions live
in bot/screening/replies.py; the wording in domain.yml, its responses named in
bot/screening/messages.py. Asking is in actions/screening_asking.py, the detours in
actions/screening_detours.py.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.events import ActiveLoop, FollowupAction, SlotSet
from rasa_sdk.types import DomainDict

from actions.common import (
    Dispatcher,
    Events,
    Named,
    form_answered_just_now,
    latest_intent,
    latest_text,
    screening_answers,
)
from bot.names import (
    ANSWER_SLOT,
    ANSWERS_SLOT,
    COMPLETE_SLOT,
    CONSENT_SLOT,
    CRISIS_ACTIVE_SLOT,
    CRISIS_RESPONSE_ACTION,
    FREE_TEXT_SLOT,
    IN_PROGRESS_SLOT,
    QUESTION_ID_SLOT,
    REASK_SLOT,
    REASKED_SLOT,
    REQUESTED_SLOT,
    SCREENING_DECLINED_ACTION,
    SCREENING_FORM,
    VALIDATE_SCREENING_FORM_ACTION,
)
from bot.questionnaire.questions import default_questions
from bot.screening import flow, messages, storage
from bot.screening.replies import answer_despite_intent, take_reply


class ValidateScreeningForm(Named, FormValidationAction, name=VALIDATE_SCREENING_FORM_ACTION):
    """Consent first, then one question at a time from the questions file."""

    async def required_slots(
        self, domain_slots: list[str], dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """Consent, then the answer slot for the current question's kind; [] ends the form."""
        return flow.slots_to_ask(
            default_questions(),
            screening_answers(tracker),
            tracker.get_slot(CONSENT_SLOT),
            tracker.get_slot(QUESTION_ID_SLOT),
        )

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Validate as usual; hand over when consent is declined or a crisis answer comes in."""
        events: Events = await super().run(dispatcher, tracker, domain)
        slot_events = {e.get("name"): e.get("value") for e in events if e.get("event") == "slot"}
        if slot_events.get(CONSENT_SLOT) is False and CONSENT_SLOT in slot_events:
            events += [SlotSet(REQUESTED_SLOT, None), FollowupAction(SCREENING_DECLINED_ACTION)]
        elif slot_events.get(QUESTION_ID_SLOT) == flow.CRISIS_MARKER:
            events += [
                SlotSet(QUESTION_ID_SLOT, None),
                SlotSet(REQUESTED_SLOT, None),
                ActiveLoop(None),
                FollowupAction(CRISIS_RESPONSE_ACTION),
            ]
        return events

    @staticmethod
    def _soft_intent_answer(tracker: Tracker, slot: str) -> dict[str, Any]:
        """The reply as the answer although the NLU saw small talk or an FAQ, when it is one
        (``reply_reading`` in the parse data comes from bot/understanding/context.py)."""
        just_answered = form_answered_just_now(tracker, SCREENING_FORM)
        if tracker.get_slot(REQUESTED_SLOT) != slot or not just_answered:
            return {}
        message = tracker.latest_message or {}
        text = latest_text(tracker)
        intent = latest_intent(tracker)
        read_in_context = bool((message.get("reply_reading") or {}).get("question_id"))
        answers = screening_answers(tracker)
        if answer_despite_intent(default_questions(), answers, text, intent, read_in_context):
            return {slot: text}
        return {}

    async def extract_screening_answer(
        self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Take "I had a heart attack in 2015" as an answer even if it looked like an FAQ."""
        return self._soft_intent_answer(tracker, ANSWER_SLOT)

    async def extract_screening_free_text(
        self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Take a medication list as the answer even if it looked like an FAQ."""
        return self._soft_intent_answer(tracker, FREE_TEXT_SLOT)

    def validate_screening_consent(
        self, value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Record consent (or its refusal). Refusal ends the form with no questions asked."""
        if value is True:
            # Re-validated whenever the form restarts; only the first consent is news.
            first_time = not tracker.get_slot(IN_PROGRESS_SLOT) and not tracker.get_slot(
                COMPLETE_SLOT
            )
            if first_time:
                storage.record_consent_in_db(tracker.sender_id)
                storage.set_status(tracker.sender_id, "in_progress")
                dispatcher.utter_message(response=messages.CONSENT_THANKS_RESPONSE)
                return {CONSENT_SLOT: True, IN_PROGRESS_SLOT: True, COMPLETE_SLOT: False}
            return {CONSENT_SLOT: True}
        if value is False:
            return {CONSENT_SLOT: False, IN_PROGRESS_SLOT: False, COMPLETE_SLOT: False}
        return {CONSENT_SLOT: None}

    def _validate_reply(
        self, slot: str, value: Any, dispatcher: Dispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """Read the reply against the current question (bot/screening/replies.py), apply it."""
        if value is None:
            return {slot: None}
        outcome = take_reply(
            default_questions(),
            screening_answers(tracker),
            str(value),
            tracker.get_slot(REASK_SLOT),
            bool(tracker.get_slot(REASKED_SLOT)),
        )
        if outcome is None:
            return {slot: None}
        if outcome.recorded is None:
            return {slot: None, REASKED_SLOT: True, REASK_SLOT: outcome.reask}
        recorded = outcome.recorded
        storage.record_answer_in_db(
            tracker.sender_id, recorded.question.id, recorded.raw, recorded.value, recorded.flagged
        )
        slots: dict[str, Any] = {
            ANSWERS_SLOT: outcome.answers,
            ANSWER_SLOT: None,
            FREE_TEXT_SLOT: None,
            REASKED_SLOT: False,
            REASK_SLOT: None,
        }
        if outcome.starts_crisis:
            # The crisis protocol takes over at once (see run()).
            return {
                **slots,
                CRISIS_ACTIVE_SLOT: True,
                COMPLETE_SLOT: False,
                QUESTION_ID_SLOT: flow.CRISIS_MARKER,
            }
        if outcome.acknowledgement:
            dispatcher.utter_message(response=outcome.acknowledgement)
        slots[QUESTION_ID_SLOT] = outcome.next_question.id if outcome.next_question else None
        if outcome.complete:
            storage.set_status(tracker.sender_id, "complete")
            dispatcher.utter_message(response=messages.COMPLETE_RESPONSE)
            slots |= {IN_PROGRESS_SLOT: False, COMPLETE_SLOT: True}
        return slots

    def validate_screening_answer(
        self, value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Read a reply to a yes/no question against that question (bot/screening/reading.py)."""
        return self._validate_reply(ANSWER_SLOT, value, dispatcher, tracker)

    def validate_screening_free_text(
        self, value: Any, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> dict[str, Any]:
        """Store a free-text reply verbatim (e.g. medications); never comment on it."""
        return self._validate_reply(FREE_TEXT_SLOT, value, dispatcher, tracker)
