"""The review before sending and the submit: read everything back, send only on a confirm.

``action_review_screening`` shows every answer and the contact details with "Confirm and
send"; ``action_submit_screening`` creates the ``screening_complete`` hand-off through the
one hand-off path (bot/handoffs/requests.py) and says when to expect contact.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.types import DomainDict

from actions.common import Dispatcher, Events, Named, WhenToExpectContact, clinic_line
from bot.buttons import CHANGE_AN_ANSWER, CHANGE_CONTACT_DETAILS, CONFIRM_AND_SEND
from bot.contact import messages
from bot.contact.details import (
    contact_details_complete,
    contact_saver,
    contact_values,
    save_contact_from_slots,
)
from bot.contact.review import contact_review_lines, question_texts, review_answer_lines
from bot.db.engine import session_scope
from bot.handoffs.expectations import AFTER_SUBMIT_RESPONSES
from bot.handoffs.requests import request_handoff
from bot.names import (
    ANSWERS_SLOT,
    CONTACT_PURPOSE_SLOT,
    REVIEW_NOT_CONFIRMED_ACTION,
    REVIEW_PENDING_SLOT,
    REVIEW_SCREENING_ACTION,
    SUBMIT_SCREENING_ACTION,
    SUBMITTED_SLOT,
)

log = logging.getLogger(__name__)


class ActionReviewScreening(Named, Action, name=REVIEW_SCREENING_ACTION):
    """Read back every answer and the contact details; ask for an explicit confirmation."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Save the contact details, then show the review with Confirm and Change buttons."""
        slots = contact_values(tracker.get_slot)
        try:
            with session_scope() as session:
                save_contact_from_slots(
                    session=session, conversation_id=tracker.sender_id, slots=slots
                )
        except Exception as exc:
            # Nothing is sent before "Confirm and send", not even a spooled hand-off.
            # The review still shows; submitting saves again and reports a failure there.
            # Type only: database errors can quote the parameters, i.e. the contact details.
            log.error(
                "saving contact details failed conversation=%s error=%s",
                tracker.sender_id,
                type(exc).__name__,
            )
        answers = tracker.get_slot(ANSWERS_SLOT) or {}
        # The read-back lines are assembled per answer and per detail; the responses
        # around them hold the wording.
        lines = review_answer_lines(answers, question_texts())
        if lines:
            dispatcher.utter_message(
                response=messages.REVIEW_ANSWERS_RESPONSE,
                answer_lines=messages.fill_value("\n".join(lines)),
            )
        else:
            dispatcher.utter_message(response=messages.REVIEW_NO_ANSWERS_RESPONSE)
        contact = contact_review_lines(slots)
        prompt: dict[str, Any] = {"response": messages.REVIEW_PROMPT_RESPONSE}
        if contact:
            prompt = {
                "response": messages.REVIEW_CONTACT_PROMPT_RESPONSE,
                "contact_lines": messages.fill_value("\n".join(contact)),
            }
        buttons = [
            dict(CONFIRM_AND_SEND),
            dict(CHANGE_AN_ANSWER),
            dict(CHANGE_CONTACT_DETAILS),
        ]
        dispatcher.utter_message(buttons=buttons, **prompt)
        return [SlotSet(REVIEW_PENDING_SLOT, True)]


class ActionReviewNotConfirmed(Named, Action, name=REVIEW_NOT_CONFIRMED_ACTION):
    """A "no" at the review: nothing is sent; offer the two buttons again."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Say nothing was sent and show the change buttons and Confirm again."""
        dispatcher.utter_message(
            response=messages.REVIEW_NOT_CONFIRMED_RESPONSE,
            buttons=[
                dict(CHANGE_AN_ANSWER),
                dict(CHANGE_CONTACT_DETAILS),
                dict(CONFIRM_AND_SEND),
            ],
        )
        return []


class ActionSubmitScreening(Named, WhenToExpectContact, Action, name=SUBMIT_SCREENING_ACTION):
    """On "Confirm and send": create the hand-off and say when the care team will be in touch."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Create the ``screening_complete`` hand-off once; no judgement of the answers."""
        slots = contact_values(tracker.get_slot)
        if not contact_details_complete(slots):
            dispatcher.utter_message(response=messages.SUBMIT_NOT_READY_RESPONSE)
            return []
        already_sent = bool(tracker.get_slot(SUBMITTED_SLOT))
        try:
            # Spooled (database unreachable) counts as sent: the visitor confirmed, and the
            # outbox worker creates the hand-off as soon as the database is back.
            request_handoff(
                conversation_id=tracker.sender_id,
                reason="screening_complete",
                event_key="screening_complete",
                prepare=contact_saver(tracker.sender_id, slots),
            )
        except Exception as exc:  # noqa: BLE001 - the visitor is told and can retry
            # Type only: database errors can quote the parameters, i.e. the contact details.
            log.error(
                "screening hand-off failed conversation=%s error=%s",
                tracker.sender_id,
                type(exc).__name__,
            )
            dispatcher.utter_message(
                response=messages.SUBMIT_FAILED_RESPONSE,
                buttons=[dict(CONFIRM_AND_SEND)],
                clinic_contact_line=clinic_line(tracker),
            )
            return []
        return self._confirmed(dispatcher, slots, already_sent)

    def _confirmed(
        self, dispatcher: Dispatcher, slots: dict[str, Any], already_sent: bool
    ) -> Events:
        if already_sent:
            dispatcher.utter_message(response=messages.SUBMITTED_AGAIN_RESPONSE)
        else:
            dispatcher.utter_message(
                response=messages.SUBMITTED_RESPONSE,
                name_part=messages.name_part(slots),
                method_label=messages.method_phrase(slots),
            )
        self.say_when_to_expect_contact(dispatcher, AFTER_SUBMIT_RESPONSES)
        return [
            SlotSet(REVIEW_PENDING_SLOT, False),
            SlotSet(SUBMITTED_SLOT, True),
            SlotSet(CONTACT_PURPOSE_SLOT, None),
        ]
