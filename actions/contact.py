"""Contact details for the care team: the ``contact_form`` and what follows the screening.

Flow after the last screening question: ``action_start_contact`` -> ``contact_form``
(name, method, phone or email, best time) -> ``action_review_screening`` (every question
with the answer as given, plus contact details) -> ``/affirm`` -> ``action_submit_screening``
(hand-off, then when to expect contact). Parsing lives in :mod:`bot.contact.parsing`.
Contact details are personal data: they are stored through ``save_contact`` and never logged.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, ActiveLoop, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.contact import messages
from bot.contact.details import contact_details_complete, contact_values
from bot.contact.fields import FieldReading, read_email, read_free_field, read_method, read_phone
from bot.contact.parsing import (
    contact_slot_for_method,
    default_phone_region,
    is_interruption,
    parse_best_time,
    parse_name,
)
from bot.names import (
    CALL,
    COMPLETE_SLOT,
    CONTACT_BEST_TIME_SLOT,
    CONTACT_EMAIL_SLOT,
    CONTACT_FORM,
    CONTACT_METHOD_SLOT,
    CONTACT_NAME_SLOT,
    CONTACT_PHONE_SLOT,
    CONTACT_PURPOSE_SLOT,
    CONTACT_SLOTS,
    EMAIL,
    REQUESTED_SLOT,
    REVIEW_PENDING_SLOT,
    START_CONTACT_ACTION,
    STOP_CONTACT_ACTION,
    TEXT,
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
    if message.get("text") == text and payload in (CALL, TEXT, EMAIL):
        return payload
    return None


def _no_action_since_user_message(tracker: Tracker) -> bool:
    """True when only the form itself has run since the visitor's latest message.

    Distinguishes "the visitor just answered the question" from the form being activated
    (after ``action_request_human``) or resumed (after ``action_answer_faq``).
    """
    for event in reversed(tracker.events):
        if event.get("event") == "user":
            return True
        if event.get("event") == "action" and event.get("name") not in (
            CONTACT_FORM,
            "action_listen",
        ):
            return False
    return False


def _apply(reading: FieldReading, dispatcher: CollectingDispatcher) -> dict[str, Any]:
    if reading.say:
        dispatcher.utter_message(response=reading.say, **reading.values)
    return reading.slots


class ValidateContactForm(FormValidationAction):
    """Validates ``contact_form``: asks for a phone number or an email depending on the method."""

    def name(self) -> str:
        """Rasa's name for this validation action."""
        return VALIDATE_CONTACT_FORM_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
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
            and _no_action_since_user_message(tracker)
        )
        if just_answered:
            latest = tracker.latest_message or {}
            intent = (latest.get("intent") or {}).get("name")
            region = default_phone_region(get_settings())
            if is_interruption(requested, latest.get("text"), intent, region):
                return [SlotSet(requested, None), ActionExecutionRejected(self.form_name())]
        return await super().run(dispatcher, tracker, domain)

    async def required_slots(
        self,
        domain_slots: list[str],
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> list[str]:
        """Name, method, then phone (call/text) or email, then best time."""
        slots = [CONTACT_NAME_SLOT, CONTACT_METHOD_SLOT]
        address_slot = contact_slot_for_method(tracker.get_slot(CONTACT_METHOD_SLOT))
        if address_slot:
            slots.append(address_slot)
        slots.append(CONTACT_BEST_TIME_SLOT)
        return slots

    # A slot emptied by a detour (value None) is asked again with nothing said.
    def validate_contact_name(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Keep the name without "my name is"; re-ask when there is no name in it."""
        if slot_value is None:
            return {CONTACT_NAME_SLOT: None}
        parsed = parse_name(_text_of(slot_value))
        reading = read_free_field(CONTACT_NAME_SLOT, parsed, messages.INVALID_NAME_RESPONSE)
        return _apply(reading, dispatcher)

    def validate_contact_method(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Call, text or email from a button or free text ("phone", "txt me", an address)."""
        if slot_value is None:
            return {CONTACT_METHOD_SLOT: None}
        text = _text_of(slot_value)
        # The contextual reading weighs every method word in the reply ("write to me, I'm hard
        # to reach by phone"); the word parser is the fallback for replies it did not read.
        region = default_phone_region(get_settings())
        return _apply(read_method(text, _typed_method(tracker, text), region), dispatcher)

    def validate_contact_phone(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Store the number as E.164; "email" instead of a number switches the method."""
        if slot_value is None:
            return {CONTACT_PHONE_SLOT: None}
        region = default_phone_region(get_settings())
        method = tracker.get_slot(CONTACT_METHOD_SLOT)
        return _apply(read_phone(_text_of(slot_value), method, region), dispatcher)

    def validate_contact_email(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Check the address's syntax (no DNS lookup); "call"/"text" switches the method."""
        if slot_value is None:
            return {CONTACT_EMAIL_SLOT: None}
        return _apply(read_email(_text_of(slot_value)), dispatcher)

    def validate_contact_best_time(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Keep the visitor's words, tidied; re-ask only when empty or very long."""
        if slot_value is None:
            return {CONTACT_BEST_TIME_SLOT: None}
        parsed = parse_best_time(_text_of(slot_value))
        invalid = messages.INVALID_BEST_TIME_RESPONSE
        reading = read_free_field(CONTACT_BEST_TIME_SLOT, parsed, invalid)
        return _apply(reading, dispatcher)


class ActionStartContact(Action):
    """After the last screening question: say what comes next, mark the purpose "screening"."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return START_CONTACT_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
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


class ActionStopContact(Action):
    """The visitor declined to give contact details: stop the form, send nothing."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return STOP_CONTACT_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Deactivate ``contact_form`` and say that nothing was sent."""
        dispatcher.utter_message(response=messages.STOP_CONTACT_RESPONSE)
        return [
            ActiveLoop(None),
            SlotSet(REQUESTED_SLOT, None),
            SlotSet(CONTACT_PURPOSE_SLOT, None),
        ]
