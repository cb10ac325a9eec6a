"""What the contact step says: the names of its responses, labels and the fill-ins built
from the details.

The wording is in domain.yml (where the safety response lint checks it); the actions and
bot/contact/fields.py pick a response by name here and give the values it is filled with.
"""

from __future__ import annotations

from typing import Any

import phonenumbers

from bot.clinic import contact_line
from bot.names import CALL, CONTACT_METHOD_SLOT, CONTACT_NAME_SLOT, EMAIL, TEXT
from bot.settings import get_settings

# contact_form's questions (actions/contact_asking.py).
ASK_NAME_RESPONSE = "utter_contact_ask_name"
ASK_METHOD_RESPONSE = "utter_contact_ask_method"
ASK_PHONE_RESPONSE = "utter_contact_ask_phone"
ASK_EMAIL_RESPONSE = "utter_contact_ask_email"
ASK_BEST_TIME_RESPONSE = "utter_contact_ask_best_time"
START_CONTACT_RESPONSE = "utter_contact_start"
STOP_CONTACT_RESPONSE = "utter_contact_stopped"
# Said before a question is asked again; the phone one is filled with {example}.
INVALID_NAME_RESPONSE = "utter_contact_invalid_name"
INVALID_METHOD_RESPONSE = "utter_contact_invalid_method"
NUMBER_BEFORE_METHOD_RESPONSE = "utter_contact_number_before_method"
INVALID_PHONE_RESPONSE = "utter_contact_invalid_phone"
INVALID_EMAIL_RESPONSE = "utter_contact_invalid_email"
INVALID_BEST_TIME_RESPONSE = "utter_contact_invalid_best_time"
# The review: answers ({answer_lines}), then contact details ({contact_lines}) and the prompt.
REVIEW_ANSWERS_RESPONSE = "utter_review_answers"
REVIEW_NO_ANSWERS_RESPONSE = "utter_review_no_answers"
REVIEW_CONTACT_PROMPT_RESPONSE = "utter_review_contact_prompt"
REVIEW_PROMPT_RESPONSE = "utter_review_prompt"
REVIEW_NOT_CONFIRMED_RESPONSE = "utter_review_not_confirmed"
# The submit: {name_part} and {method_label}, or {clinic_contact_line} when it failed.
SUBMITTED_RESPONSE = "utter_screening_submitted"
SUBMITTED_AGAIN_RESPONSE = "utter_screening_submitted_again"
SUBMIT_FAILED_RESPONSE = "utter_screening_submit_failed"
SUBMIT_NOT_READY_RESPONSE = "utter_screening_submit_not_ready"

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


def fill_value(text: str) -> str:
    """A visitor's words made safe to fill into a ``domain.yml`` response.

    Rasa 3.6's interpolator rewrites ``{name}`` to ``{0[name]}`` and, when "0[" is still
    in the filled text, assumes a placeholder failed and sends the raw template instead:
    a medication typed as "lexapro 10[mg]" would blank the whole review. A space keeps
    the words readable and the reply intact.
    """
    return text.replace("0[", "0 [")


def name_part(slots: dict[str, Any]) -> str:
    """Return ", Sam" when a name is known, else "" (for "Thank you{name_part}.")."""
    name = slots.get(CONTACT_NAME_SLOT)
    return fill_value(f", {name}") if name else ""


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
