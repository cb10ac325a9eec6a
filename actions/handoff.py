"""Asking for a person at any time: collect contact details if needed, then hand off.

``action_request_human`` (intent ``request_human``) marks the purpose "human", counts the
request and acknowledges it; ``contact_form`` then asks only for details still missing;
``action_handoff_human`` creates the hand-off (``asked_for_human``, or
``unanswered_question`` when the visitor came from the FAQ "not sure" gate) and says when
to expect contact. The conversation stays open for more questions afterwards.
"""

from __future__ import annotations

import logging

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.types import DomainDict

from actions.common import Dispatcher, Events, Named, WhenToExpectContact, clinic_line
from bot.buttons import TALK_TO_PERSON
from bot.contact.details import contact_details_complete, contact_saver, contact_values
from bot.contact.messages import method_phrase, name_part
from bot.contact.parsing import parse_contact_method
from bot.handoffs.expectations import AFTER_HANDOFF_RESPONSES
from bot.handoffs.person_requests import (
    acknowledgement,
    handed_off,
    handoff_reason,
    question_from_faq_gate,
    request_count,
)
from bot.handoffs.requests import HandoffOutcome, request_handoff
from bot.names import (
    CONTACT_FORM,
    CONTACT_METHOD_SLOT,
    CONTACT_PURPOSE_SLOT,
    HANDOFF_HUMAN_ACTION,
    HANDOFF_REASON_SLOT,
    HUMAN_REQUEST_COUNT_SLOT,
    PENDING_UNANSWERED_QUESTION_SLOT,
    REQUEST_HUMAN_ACTION,
    REQUESTED_SLOT,
    REVIEW_PENDING_SLOT,
)

log = logging.getLogger(__name__)

HANDOFF_FAILED_RESPONSE = "utter_handoff_failed"


def _request_count(tracker: Tracker) -> int:
    return request_count(tracker.get_slot(HUMAN_REQUEST_COUNT_SLOT))


class ActionRequestHuman(Named, Action, name=REQUEST_HUMAN_ACTION):
    """Acknowledge "talk to a person" and prepare the contact form for the hand-off."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Count the request (its hand-off key), remember the reason, acknowledge it."""
        reason = handoff_reason(
            tracker.get_slot(PENDING_UNANSWERED_QUESTION_SLOT), tracker.events or []
        )
        events: Events = [
            SlotSet(CONTACT_PURPOSE_SLOT, "human"),
            SlotSet(HANDOFF_REASON_SLOT, reason),
            SlotSet(HUMAN_REQUEST_COUNT_SLOT, float(_request_count(tracker) + 1)),
            # A review waiting for "Confirm and send" is superseded by this request.
            SlotSet(REVIEW_PENDING_SLOT, False),
        ]
        question = question_from_faq_gate(tracker.events or [])
        if question and not tracker.get_slot(PENDING_UNANSWERED_QUESTION_SLOT):
            events.append(SlotSet(PENDING_UNANSWERED_QUESTION_SLOT, question))
        in_form = tracker.active_loop.get("name") == CONTACT_FORM
        complete = contact_details_complete(contact_values(tracker.get_slot))
        ack = acknowledgement(reason, in_contact_form=in_form, details_complete=complete)
        dispatcher.utter_message(response=ack)
        # "Call me" at the method question may be read as a request for a person: take it
        # as the answer the visitor meant.
        if in_form and tracker.get_slot(REQUESTED_SLOT) == CONTACT_METHOD_SLOT:
            method = parse_contact_method(tracker.latest_message.get("text"))
            if method:
                events.append(SlotSet(CONTACT_METHOD_SLOT, method))
        return events


class ActionHandoffHuman(Named, WhenToExpectContact, Action, name=HANDOFF_HUMAN_ACTION):
    """After the contact details: create the hand-off and say when to expect contact."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """One hand-off per request (``event_key`` "human:<n>"), then the contact window."""
        slots = contact_values(tracker.get_slot)
        reason = tracker.get_slot(HANDOFF_REASON_SLOT) or handoff_reason(
            tracker.get_slot(PENDING_UNANSWERED_QUESTION_SLOT), tracker.events or []
        )
        count = max(_request_count(tracker), 1)
        event_key = f"human:{count}"
        try:
            outcome = request_handoff(
                conversation_id=tracker.sender_id,
                reason=reason,
                event_key=event_key,
                prepare=contact_saver(tracker.sender_id, slots),
            )
            failure: str | None = None if outcome is HandoffOutcome.CREATED else "spooled"
        except Exception as exc:  # noqa: BLE001 - the visitor is told and offered the button
            failure = type(exc).__name__
        if failure is not None:
            # Spooled requests still reach the care team once the database is back, but
            # the visitor is told to use the clinic's own line meanwhile, as before.
            # Type only: database errors can quote the parameters, i.e. the contact details.
            log.error("human hand-off failed conversation=%s error=%s", tracker.sender_id, failure)
            dispatcher.utter_message(
                response=HANDOFF_FAILED_RESPONSE,
                buttons=[dict(TALK_TO_PERSON)],
                clinic_contact_line=clinic_line(tracker),
            )
            return [SlotSet(CONTACT_PURPOSE_SLOT, None)]
        dispatcher.utter_message(
            response=handed_off(reason),
            name_part=name_part(slots),
            method_label=method_phrase(slots),
        )
        self.say_when_to_expect_contact(dispatcher, AFTER_HANDOFF_RESPONSES)
        return [
            SlotSet(CONTACT_PURPOSE_SLOT, None),
            SlotSet(HANDOFF_REASON_SLOT, None),
            SlotSet(PENDING_UNANSWERED_QUESTION_SLOT, None),
        ]
