"""Contact details for the care team: the ``contact_form`` and what follows the screening.

Flow after the last screening question: ``action_start_contact`` -> ``contact_form``
(name, method, phone or email, best time) -> ``action_review_screening`` (every question
with the answer as given, plus contact details) -> ``/affirm`` -> ``action_submit_screening``
(hand-off, then when to expect contact). Parsing lives in :mod:`bot.screening.contact`.

Contact details are personal data: they are stored through ``save_contact`` and never logged.
"""

from __future__ import annotations

import logging
from abc import ABC, abstractmethod
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import ActionExecutionRejected, EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict
from sqlalchemy.orm import Session

from bot.buttons import CHANGE_AN_ANSWER, CHANGE_CONTACT_DETAILS, CONFIRM_AND_SEND, CONTACT_METHODS
from bot.handoffs.expectations import next_contact_window
from bot.handoffs.requests import request_handoff
from bot.names import (
    ANSWERS_SLOT,
    CALL,
    CLINIC_CONTACT_LINE_SLOT,
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
    SUBMITTED_SLOT,
    TEXT,
)
from bot.screening.contact import (
    contact_slot_for_method,
    default_phone_region,
    format_phone_for_display,
    is_interruption,
    parse_best_time,
    parse_contact_method,
    parse_email,
    parse_name,
    parse_phone,
)
from bot.settings import get_settings

log = logging.getLogger(__name__)

# Persistence stores a call as "phone" (bot.db.models.CONTACT_METHODS); the chat says "call".
DB_METHODS = {CALL: "phone", TEXT: "text", EMAIL: "email"}

# --- Visitor-facing texts (module constants so the response lint can check them) ---
ASK_NAME_TEXT = "What name should the care team use for you? A first name is fine."
ASK_METHOD_TEXT = "How would you like the care team to contact you?"
ASK_PHONE_TEXT = "What phone number should they use? Please include the area code."
ASK_EMAIL_TEXT = "What email address should they use?"
ASK_BEST_TIME_TEXT = (
    'When is a good time to reach you? For example "weekday mornings" or "any time".'
)
START_CONTACT_TEXT = "One last step: how can the care team reach you?"
INVALID_NAME_TEXT = "Sorry, I didn't catch a name there."
INVALID_METHOD_TEXT = "Sorry, I didn't catch that. Please choose call, text or email."
NUMBER_BEFORE_METHOD_TEXT = "Thanks, I've noted that number. Should the care team call or text?"
INVALID_PHONE_TEXT = (
    "That doesn't look like a complete phone number. Please type the whole number with the "
    'area code (for example {example}), or type "email" to be contacted by email instead.'
)
INVALID_EMAIL_TEXT = (
    "That doesn't look like a complete email address. Please type it like name@example.com, "
    'or type "call" or "text" to be contacted by phone instead.'
)
INVALID_BEST_TIME_TEXT = (
    'Please keep that short, for example "weekday mornings" or "any time after 5 pm".'
)
STOP_CONTACT_TEXT = (
    "No problem, I won't ask for contact details, and nothing has been sent to the care team. "
    'You can keep asking me questions, or choose "Talk to a person" any time.'
)
REVIEW_INTRO_TEXT = "Before I send this to the care team, please check your answers:"
REVIEW_NO_ANSWERS_TEXT = "I don't have any answers to the questions saved for you."
REVIEW_CONTACT_TITLE = "How the care team will reach you:"
REVIEW_PROMPT_TEXT = 'Is everything right? Nothing is sent until you choose "Confirm and send".'
REVIEW_NOT_CONFIRMED_TEXT = (
    'No problem. Choose "Change an answer" to go back to a question, "Change contact '
    'details" to fix how the care team reaches you, or "Confirm and send" when everything '
    "looks right. Nothing is sent until you confirm."
)
SUBMITTED_TEXT = (
    "Thank you{name_part}. I've sent your answers to the care team. They will go over your "
    "answers with you when they get in touch by {method_label}."
)
SUBMITTED_AGAIN_TEXT = "Your answers have already been sent to the care team."
AFTER_SUBMIT_TEXT = "In the meantime, I'm happy to answer any questions you have."
SUBMIT_FAILED_TEXT = (
    "Sorry, something went wrong and I couldn't send this to the care team. Please choose "
    '"Confirm and send" again in a moment. {clinic_contact_line}'
)
SUBMIT_NOT_READY_TEXT = (
    "I can't send anything yet: I still need your contact details so the care team can reach you."
)

# How each method is named back to the visitor ("get in touch by phone").
METHOD_LABELS = {CALL: "phone", TEXT: "text message", EMAIL: "email"}
# Answer values read back when the raw text is a button payload rather than words.
VALUE_LABELS = {
    "yes": "Yes",
    "no": "No",
    "not_sure": "Not sure",
    "prefer_not_to_say": "Prefer not to say",
    "none": "None",
    "unclear": "(unclear)",
}


def utcnow() -> datetime:
    """The current time (aware UTC); actions take a ``clock`` so tests can fix it."""
    return datetime.now(UTC)


def _text_of(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _typed_method(tracker: Tracker, text: str | None) -> str | None:
    """The method button a typed reply was read as ("ring me"), by bot.nlu.context_reader."""
    message = tracker.latest_message or {}
    reading = message.get("reply_reading") or {}
    payload = str(reading.get("payload") or "").lower()
    if message.get("text") == text and payload in (CALL, TEXT, EMAIL):
        return payload
    return None


def contact_details_complete(slots: dict[str, Any]) -> bool:
    """True when name, method, the matching phone/email and best time are all present."""
    method = slots.get(CONTACT_METHOD_SLOT)
    address_slot = contact_slot_for_method(method)
    return bool(
        slots.get(CONTACT_NAME_SLOT)
        and address_slot
        and slots.get(address_slot)
        and slots.get(CONTACT_BEST_TIME_SLOT)
    )


def save_contact_from_slots(*, session, conversation_id: str, slots: dict[str, Any]) -> None:
    """Store the contact slots on the conversation (only the filled ones).

    Only the address that matches the chosen method is stored, so an abandoned phone
    number does not linger when the visitor switched to email.
    """
    from bot.db.conversations import save_contact

    method = slots.get(CONTACT_METHOD_SLOT)
    address_slot = contact_slot_for_method(method)
    save_contact(
        session=session,
        conversation_id=conversation_id,
        name=slots.get(CONTACT_NAME_SLOT),
        method=DB_METHODS.get(method),
        phone=slots.get(CONTACT_PHONE_SLOT) if address_slot == CONTACT_PHONE_SLOT else None,
        email=slots.get(CONTACT_EMAIL_SLOT) if address_slot == CONTACT_EMAIL_SLOT else None,
        best_time=slots.get(CONTACT_BEST_TIME_SLOT),
    )


def contact_slot_values(tracker: Tracker) -> dict[str, Any]:
    """The contact slots of ``tracker`` as a plain dict."""
    return {slot: tracker.get_slot(slot) for slot in CONTACT_SLOTS}


def name_part(slots: dict[str, Any]) -> str:
    """Return ", Sam" when a name is known, else "" (for "Thank you{name_part}.")."""
    name = slots.get(CONTACT_NAME_SLOT)
    return f", {name}" if name else ""


def method_phrase(slots: dict[str, Any]) -> str:
    """How the visitor will be contacted, e.g. "phone" (never the number itself)."""
    return METHOD_LABELS.get(slots.get(CONTACT_METHOD_SLOT), "the contact details you gave")


def contact_review_lines(slots: dict[str, Any]) -> list[str]:
    """Bullet lines reading the contact details back to the visitor."""
    lines = []
    if slots.get(CONTACT_NAME_SLOT):
        lines.append(f"• Name: {slots['contact_name']}")
    method = slots.get(CONTACT_METHOD_SLOT)
    if method in (CALL, TEXT) and slots.get(CONTACT_PHONE_SLOT):
        verb = "Call" if method == CALL else "Text"
        lines.append(f"• {verb}: {format_phone_for_display(slots['contact_phone'])}")
    elif method == EMAIL and slots.get(CONTACT_EMAIL_SLOT):
        lines.append(f"• Email: {slots['contact_email']}")
    if slots.get(CONTACT_BEST_TIME_SLOT):
        lines.append(f"• Best time: {slots['contact_best_time']}")
    return lines


def clinic_contact_sentence(tracker: Tracker | None = None) -> str:
    """The clinic's own contact line (slot set at session start, else built from settings)."""
    line = tracker.get_slot(CLINIC_CONTACT_LINE_SLOT) if tracker is not None else None
    if line:
        return line
    from bot.clinic import contact_line

    return contact_line(get_settings().clinic)


def phone_example(region: str) -> str:
    """An example number in ``region``'s national format for the re-ask."""
    import phonenumbers

    example = phonenumbers.example_number_for_type(
        region, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE
    ) or phonenumbers.example_number(region)
    if example is None:
        return "+1 212 555 0123"
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)


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


def _parsed_or_reask(
    slot: str, slot_value: Any, parser, invalid_text: str, dispatcher: CollectingDispatcher
) -> dict[str, Any]:
    """Shared shape of the free-text validators: keep the parsed value, or re-ask."""
    if slot_value is None:
        return {slot: None}  # emptied by a detour: nothing to say
    parsed = parser(_text_of(slot_value))
    if parsed.ok:
        return {slot: parsed.value}
    dispatcher.utter_message(text=invalid_text)
    return {slot: None}


class ValidateContactForm(FormValidationAction):
    """Validates ``contact_form``: asks for a phone number or an email depending on the method."""

    def name(self) -> str:
        """Rasa's name for this validation action."""
        return "validate_contact_form"

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

    def validate_contact_name(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Keep the name without "my name is"; re-ask when there is no name in it."""
        return _parsed_or_reask(
            CONTACT_NAME_SLOT, slot_value, parse_name, INVALID_NAME_TEXT, dispatcher
        )

    def validate_contact_method(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Read "call" / "text" / "email" from free text ("phone", "txt me", "e-mail").

        A visitor who answers with an email address directly gets method "email" and the
        address in one go; a bare phone number is kept so it is not asked for again.
        """
        if slot_value is None:
            return {CONTACT_METHOD_SLOT: None}  # emptied by a detour: nothing to say
        text = _text_of(slot_value)
        # The contextual reading weighs every method word in the reply ("write to me, I'm hard
        # to reach by phone"); the word parser is the fallback for replies it did not read.
        method = _typed_method(tracker, text) or parse_contact_method(text)
        if method:
            return {CONTACT_METHOD_SLOT: method}
        email = parse_email(text)
        if email.ok:
            return {CONTACT_METHOD_SLOT: EMAIL, CONTACT_EMAIL_SLOT: email.value}
        phone = parse_phone(text, default_phone_region(get_settings()))
        if phone.ok:
            dispatcher.utter_message(text=NUMBER_BEFORE_METHOD_TEXT)
            return {CONTACT_METHOD_SLOT: None, CONTACT_PHONE_SLOT: phone.value}
        dispatcher.utter_message(text=INVALID_METHOD_TEXT)
        return {CONTACT_METHOD_SLOT: None}

    def validate_contact_phone(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Store the number as E.164; re-ask clearly when it is not a valid number.

        "email" instead of a number switches the method (and so the next question).
        """
        if slot_value is None:
            return {CONTACT_PHONE_SLOT: None}  # emptied by a detour: nothing to say
        text = _text_of(slot_value)
        region = default_phone_region(get_settings())
        phone = parse_phone(text, region)
        if phone.ok:
            return {CONTACT_PHONE_SLOT: phone.value}
        switched = parse_contact_method(text)
        if switched == EMAIL:
            return {CONTACT_PHONE_SLOT: None, CONTACT_METHOD_SLOT: EMAIL}
        if switched in (CALL, TEXT) and switched != tracker.get_slot(CONTACT_METHOD_SLOT):
            return {CONTACT_PHONE_SLOT: None, CONTACT_METHOD_SLOT: switched}
        dispatcher.utter_message(text=INVALID_PHONE_TEXT.format(example=phone_example(region)))
        return {CONTACT_PHONE_SLOT: None}

    def validate_contact_email(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Check the address's syntax (no DNS lookup); "call"/"text" switches the method."""
        if slot_value is None:
            return {CONTACT_EMAIL_SLOT: None}  # emptied by a detour: nothing to say
        text = _text_of(slot_value)
        email = parse_email(text)
        if email.ok:
            return {CONTACT_EMAIL_SLOT: email.value}
        switched = parse_contact_method(text)
        if switched in (CALL, TEXT):
            return {CONTACT_EMAIL_SLOT: None, CONTACT_METHOD_SLOT: switched}
        dispatcher.utter_message(text=INVALID_EMAIL_TEXT)
        return {CONTACT_EMAIL_SLOT: None}

    def validate_contact_best_time(
        self,
        slot_value: Any,
        dispatcher: CollectingDispatcher,
        tracker: Tracker,
        domain: DomainDict,
    ) -> dict[str, Any]:
        """Keep the visitor's words, tidied; re-ask only when empty or very long."""
        return _parsed_or_reask(
            CONTACT_BEST_TIME_SLOT, slot_value, parse_best_time, INVALID_BEST_TIME_TEXT, dispatcher
        )


class _AskContactSlot(Action, ABC):
    """Asks one contact_form question (custom ask actions keep the texts in this module).

    Abstract, so the action server does not register this base class itself.
    """

    text = ""
    buttons: tuple[dict[str, str], ...] = ()

    @property
    @abstractmethod
    def slot(self) -> str:
        """The slot this action asks for."""

    def name(self) -> str:
        """Rasa's name: ``action_ask_<slot>``."""
        return f"action_ask_{self.slot}"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Send the question (with buttons for the method)."""
        dispatcher.utter_message(text=self.text, buttons=[dict(b) for b in self.buttons])
        return []


class ActionAskContactName(_AskContactSlot):
    """Asks for the name the care team should use."""

    slot = CONTACT_NAME_SLOT  # type: ignore[assignment]
    text = ASK_NAME_TEXT


class ActionAskContactMethod(_AskContactSlot):
    """Asks call, text or email (buttons; free text is understood too)."""

    slot = CONTACT_METHOD_SLOT  # type: ignore[assignment]
    text = ASK_METHOD_TEXT
    buttons = CONTACT_METHODS


class ActionAskContactPhone(_AskContactSlot):
    """Asks for the phone number."""

    slot = CONTACT_PHONE_SLOT  # type: ignore[assignment]
    text = ASK_PHONE_TEXT


class ActionAskContactEmail(_AskContactSlot):
    """Asks for the email address."""

    slot = CONTACT_EMAIL_SLOT  # type: ignore[assignment]
    text = ASK_EMAIL_TEXT


class ActionAskContactBestTime(_AskContactSlot):
    """Asks when the visitor is easiest to reach."""

    slot = CONTACT_BEST_TIME_SLOT  # type: ignore[assignment]
    text = ASK_BEST_TIME_TEXT


class ActionStartContact(Action):
    """After the last screening question: say what comes next, mark the purpose "screening"."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_start_contact"

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
        if not contact_details_complete(contact_slot_values(tracker)):
            dispatcher.utter_message(text=START_CONTACT_TEXT)
        return [
            SlotSet(CONTACT_PURPOSE_SLOT, "screening"),
            SlotSet(REVIEW_PENDING_SLOT, False),
        ]


class ActionStopContact(Action):
    """The visitor declined to give contact details: stop the form, send nothing."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_stop_contact"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Deactivate ``contact_form`` and say that nothing was sent."""
        from rasa_sdk.events import ActiveLoop

        dispatcher.utter_message(text=STOP_CONTACT_TEXT)
        return [
            ActiveLoop(None),
            SlotSet(REQUESTED_SLOT, None),
            SlotSet(CONTACT_PURPOSE_SLOT, None),
        ]


def _question_texts() -> list[tuple[str, str]]:
    """(id, text) of the screening questions in asking order; empty if the file is broken."""
    from bot.screening.questions import QuestionFileError, default_questions

    try:
        return [(q.id, q.text) for q in default_questions()]
    except QuestionFileError:
        log.exception("screening questions unavailable for the review")
        return []


def answer_as_given(answer: Any) -> str:
    """The visitor's answer in their own words; button payloads read back as labels."""
    if not isinstance(answer, dict):
        return str(answer) if answer is not None else ""
    raw = answer.get("raw")
    value = answer.get("value")
    if isinstance(raw, str) and raw.strip() and not raw.startswith("/"):
        return raw.strip()
    if isinstance(value, str):
        return VALUE_LABELS.get(value, value)
    return str(raw or value or "")


def review_answer_lines(answers: dict[str, Any], questions: list[tuple[str, str]]) -> list[str]:
    """One entry per answered question, in asking order; unknown ids come last."""
    lines = []
    known = {question_id for question_id, _ in questions}
    for question_id, text in questions:
        if question_id in answers:
            lines.append(f"• {text}\n  Your answer: {answer_as_given(answers[question_id])}")
    for question_id, answer in answers.items():
        if question_id not in known:
            lines.append(f"• {question_id}\n  Your answer: {answer_as_given(answer)}")
    return lines


class ActionReviewScreening(Action):
    """Read back every answer and the contact details; ask for an explicit confirmation."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_review_screening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Save the contact details, then show the review with Confirm and Change buttons."""
        slots = contact_slot_values(tracker)
        try:
            from bot.db.engine import session_scope

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
        lines = review_answer_lines(answers, _question_texts())
        body = "\n".join(lines) if lines else REVIEW_NO_ANSWERS_TEXT
        dispatcher.utter_message(text=f"{REVIEW_INTRO_TEXT}\n\n{body}")
        contact = contact_review_lines(slots)
        text = REVIEW_PROMPT_TEXT
        if contact:
            text = REVIEW_CONTACT_TITLE + "\n" + "\n".join(contact) + "\n\n" + REVIEW_PROMPT_TEXT
        buttons = [
            dict(CONFIRM_AND_SEND),
            dict(CHANGE_AN_ANSWER),
            dict(CHANGE_CONTACT_DETAILS),
        ]
        dispatcher.utter_message(text=text, buttons=buttons)
        return [SlotSet(REVIEW_PENDING_SLOT, True)]


class ActionReviewNotConfirmed(Action):
    """A "no" at the review: nothing is sent; offer the two buttons again."""

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_review_not_confirmed"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Say nothing was sent and show the change buttons and Confirm again."""
        dispatcher.utter_message(
            text=REVIEW_NOT_CONFIRMED_TEXT,
            buttons=[
                dict(CHANGE_AN_ANSWER),
                dict(CHANGE_CONTACT_DETAILS),
                dict(CONFIRM_AND_SEND),
            ],
        )
        return []


class ActionSubmitScreening(Action):
    """On "Confirm and send": create the hand-off and say when the care team will be in touch."""

    def __init__(self, clock: Callable[[], datetime] | None = None) -> None:
        self.clock = clock or utcnow

    def name(self) -> str:
        """Rasa's name for this action."""
        return "action_submit_screening"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: DomainDict
    ) -> list[EventType]:
        """Create the ``screening_complete`` hand-off once; no judgement of the answers."""
        slots = contact_slot_values(tracker)
        if not contact_details_complete(slots):
            dispatcher.utter_message(text=SUBMIT_NOT_READY_TEXT)
            return []
        already_sent = bool(tracker.get_slot(SUBMITTED_SLOT))

        def save_contact(session: Session) -> None:
            save_contact_from_slots(session=session, conversation_id=tracker.sender_id, slots=slots)

        try:
            # Spooled (database unreachable) counts as sent: the visitor confirmed, and the
            # outbox worker creates the hand-off as soon as the database is back.
            request_handoff(
                conversation_id=tracker.sender_id,
                reason="screening_complete",
                event_key="screening_complete",
                prepare=save_contact,
            )
        except Exception as exc:  # noqa: BLE001 - the visitor is told and can retry
            # Type only: database errors can quote the parameters, i.e. the contact details.
            log.error(
                "screening hand-off failed conversation=%s error=%s",
                tracker.sender_id,
                type(exc).__name__,
            )
            dispatcher.utter_message(
                text=SUBMIT_FAILED_TEXT.format(
                    clinic_contact_line=clinic_contact_sentence(tracker)
                ).strip(),
                buttons=[dict(CONFIRM_AND_SEND)],
            )
            return []
        return self._confirmed(dispatcher, slots, already_sent)

    def _confirmed(
        self, dispatcher: CollectingDispatcher, slots: dict[str, Any], already_sent: bool
    ) -> list[EventType]:
        if already_sent:
            dispatcher.utter_message(text=SUBMITTED_AGAIN_TEXT)
        else:
            dispatcher.utter_message(
                text=SUBMITTED_TEXT.format(
                    name_part=name_part(slots), method_label=method_phrase(slots)
                )
            )
        dispatcher.utter_message(
            text=next_contact_window(self.clock(), get_settings().clinic) + " " + AFTER_SUBMIT_TEXT
        )
        return [
            SlotSet(REVIEW_PENDING_SLOT, False),
            SlotSet(SUBMITTED_SLOT, True),
            SlotSet(CONTACT_PURPOSE_SLOT, None),
        ]
