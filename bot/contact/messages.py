"""What the contact step says: its texts, labels and the fill-ins built from the details.

Visitor-facing texts are module-level constants (``*_TEXT``) so the safety response lint
(tests/safety/test_response_lint.py) checks them; the actions only pick and fill them.
"""

from __future__ import annotations

from typing import Any

import phonenumbers

from bot.clinic import contact_line
from bot.names import CALL, CONTACT_METHOD_SLOT, CONTACT_NAME_SLOT, EMAIL, TEXT
from bot.settings import get_settings

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


def name_part(slots: dict[str, Any]) -> str:
    """Return ", Sam" when a name is known, else "" (for "Thank you{name_part}.")."""
    name = slots.get(CONTACT_NAME_SLOT)
    return f", {name}" if name else ""


def method_phrase(slots: dict[str, Any]) -> str:
    """How the visitor will be contacted, e.g. "phone" (never the number itself)."""
    return METHOD_LABELS.get(str(slots.get(CONTACT_METHOD_SLOT)), "the contact details you gave")


def clinic_contact_sentence(contact_line_slot: str | None = None) -> str:
    """The clinic's own contact line (slot set at session start, else built from settings)."""
    if contact_line_slot:
        return contact_line_slot
    return contact_line(get_settings().clinic)


def phone_example(region: str) -> str:
    """An example number in ``region``'s national format for the re-ask."""
    example = phonenumbers.example_number_for_type(
        region, phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE
    ) or phonenumbers.example_number(region)
    if example is None:
        return "+1 212 555 0123"
    return phonenumbers.format_number(example, phonenumbers.PhoneNumberFormat.NATIONAL)
