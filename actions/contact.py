"""Contact details for the care team: the ``contact_form`` and what follows the screening.

Flow after the last screening question: ``action_start_contact`` -> ``contact_form``
(name, method, phone or email, best time) -> ``action_review_screening`` (every question
with the answer as given, plus contact details) -> ``/affirm`` -> ``action_submit_screening``
(hand-off, then when to expect contact). Parsing lives in :mod:`bot.contact.parsing`.
Contact details are personal data: they are stored through ``save_contact`` and never logged.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, SlotSet
from rasa_sdk.types import DomainDict

from actions.common import (
    Dispatcher,
    Events,
    Named,
    form_answered_just_now,
    form_closed,
    latest_intent,
)
from bot.contact import messages
from bot.contact.details import contact_details_complete, contact_values, slots_to_ask
from bot.contact.fields import read_reply
from bot.contact.parsing import default_phone_region, is_interruption
from bot.names import (
    COMPLETE_SLOT,
    CONTACT_BEST_TIME_SLOT,
    CONTACT_EMAIL_SLOT,
    CONTACT_FORM,
    CONTACT_METHOD_SLOT,
    CONTACT_METHODS,
    CONTACT_NAME_SLOT,
    CONTACT_PHONE_SLOT,
    CONTACT_PURPOSE_SLOT,
    CONTACT_SLOTS,
    REQUESTED_SLOT,
    REVIEW_PENDING_SLOT,
    START_CONTACT_ACTION,
    STOP_CONTACT_ACTION,
    VALIDATE_CONTACT_FORM_ACTION,
)
from bot.settings import get_settings


def _text_of(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _typed_method(tracker: Tracker, text: str | None) -> str | None:
    """The method button a typed reply was read as ("ring me"), by the contextual reader."""
    message = tracker.latest_message or {}
    reading = message.get("reply_reading") or {}
    payload = str(reading.get("payload") or "").lower()
    if message.get("text") == text and payload in CONTACT_METHODS:
        return payload
    return None


def _validator(slot: str) -> Callable[..., dict[str, Any]]:
    """rasa_sdk's ``validate_<slot>`` for one contact question: each is read the same way."""

    def validate(
        form: ValidateContactForm,
        slot_value: Any,
        dispatcher: Dispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        return form.read_reply(slot, slot_value, dispatcher, tracker)

    validate.__doc__ = f"Read the reply to the ``{slot}`` question (bot/contact/fields.py)."
    return validate


class ValidateContactForm(Named, FormValidationAction, name=VALIDATE_CONTACT_FORM_ACTION):
    """Validates ``contact_form``: asks for a phone number or an email depending on the method."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Validate, unless the reply was really a question or a refusal.

        NLU puts plain names, numbers and addresses into ``faq`` / ``out_of_scope`` with
        high confidence, so those intents cannot simply be excluded from the slot mappings.
        When the text says it is a question ("how much does it cost?") or a refusal
        ("no thanks"), the form rejects (and empties the slot) so the FAQ, out-of-scope or
        stop rule answers; the question is asked again afterwards.
        """
        requested = tracker.get_slot(REQUESTED_SLOT)
        just_answered = (
            requested in CONTACT_SLOTS
            and requested in tracker.slots_to_validate()
            and form_answered_just_now(tracker, CONTACT_FORM)
        )
        if just_answered:
            text = (tracker.latest_message or {}).get("text")
            region = default_phone_region(get_settings())
            if is_interruption(requested, text, latest_intent(tracker), region):
                return [SlotSet(requested, None), ActionExecutionRejected(self.form_name())]
        events: Events = await super().run(dispatcher, tracker, domain)
        return events

    async def required_slots(
        self, domain_slots: list[str], dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[str]:
        """Name, method, then phone (call/text) or email, then best time."""
        return slots_to_ask(tracker.get_slot(CONTACT_METHOD_SLOT))

    def read_reply(
        self, slot: str, slot_value: Any, dispatcher: Dispatcher, tracker: Tracker
    ) -> dict[str, Any]:
        """The slots a reply fills; a re-ask's reason is said first."""
        if slot_value is None:
            # A slot emptied by a detour is asked again with nothing said.
            return {slot: None}
        text = _text_of(slot_value)
        reading = read_reply(
            slot,
            text,
            current_method=tracker.get_slot(CONTACT_METHOD_SLOT),
            # The contextual reading weighs every method word in the reply ("write to me,
            # I'm hard to reach by phone"); the word parser is the fallback.
            typed_method=_typed_method(tracker, text),
            region=default_phone_region(get_settings()),
        )
        if reading.say:
            dispatcher.utter_message(response=reading.say, **reading.values)
        return reading.slots

    validate_contact_name = _validator(CONTACT_NAME_SLOT)
    validate_contact_method = _validator(CONTACT_METHOD_SLOT)
    validate_contact_phone = _validator(CONTACT_PHONE_SLOT)
    validate_contact_email = _validator(CONTACT_EMAIL_SLOT)
    validate_contact_best_time = _validator(CONTACT_BEST_TIME_SLOT)


class ActionStartContact(Named, Action, name=START_CONTACT_ACTION):
    """After the last screening question: say what comes next, mark the purpose "screening"."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Announce the contact step unless the details are already known.

        Runs whenever screening_form closes by itself; when it closed without being
        completed (consent declined) it sets ``contact_purpose`` to None and says nothing,
        and the rules stop there.
        """
        if not tracker.get_slot(COMPLETE_SLOT):
            return [SlotSet(CONTACT_PURPOSE_SLOT, None)]
        if not contact_details_complete(contact_values(tracker.get_slot)):
            dispatcher.utter_message(response=messages.START_CONTACT_RESPONSE)
        return [
            SlotSet(CONTACT_PURPOSE_SLOT, "screening"),
            SlotSet(REVIEW_PENDING_SLOT, False),
        ]


class ActionStopContact(Named, Action, name=STOP_CONTACT_ACTION):
    """The visitor declined to give contact details: stop the form, send nothing."""

    async def run(self, dispatcher: Dispatcher, tracker: Tracker, domain: DomainDict) -> Events:
        """Deactivate ``contact_form`` and say that nothing was sent."""
        dispatcher.utter_message(response=messages.STOP_CONTACT_RESPONSE)
        return [*form_closed(), SlotSet(CONTACT_PURPOSE_SLOT, None)]
