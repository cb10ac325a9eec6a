"""One contact-form reply read for the field being asked: the slots it fills, what to say.

What to say is a domain.yml response, named in bot/contact/messages.py, and its fill values.

Pure decisions for the form's validators (actions/contact.py): a reply may fill the field,
switch the contact method ("email me instead" at the phone question), or be asked again
with a clear reason. Contact details are personal data: nothing here logs them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from bot.contact import messages
from bot.contact.parsing import (
    ParsedValue,
    parse_best_time,
    parse_contact_method,
    parse_email,
    parse_name,
    parse_phone,
)
from bot.names import (
    CONTACT_BEST_TIME_SLOT,
    CONTACT_EMAIL_SLOT,
    CONTACT_METHOD_SLOT,
    CONTACT_NAME_SLOT,
    CONTACT_PHONE_SLOT,
    EMAIL,
    PHONE_METHODS,
)


@dataclass(frozen=True)
class FieldReading:
    """The slot values a reply sets and, when it is asked again, the response to say first."""

    slots: dict[str, Any] = field(default_factory=dict)
    say: str | None = None
    # Fill values for ``say``'s placeholders.
    values: dict[str, str] = field(default_factory=dict)


def read_method(text: str | None, typed_method: str | None, region: str) -> FieldReading:
    """Call, text or email, from a button, the contextual reading or the words.

    An email address given here sets the method and the address in one go; a bare phone
    number is kept so it is not asked for again, and only call-or-text is asked.
    """
    method = typed_method or parse_contact_method(text)
    if method:
        return FieldReading({CONTACT_METHOD_SLOT: method})
    email = parse_email(text)
    if email.ok:
        return FieldReading({CONTACT_METHOD_SLOT: EMAIL, CONTACT_EMAIL_SLOT: email.value})
    phone = parse_phone(text, region)
    if phone.ok:
        return FieldReading(
            {CONTACT_METHOD_SLOT: None, CONTACT_PHONE_SLOT: phone.value},
            messages.NUMBER_BEFORE_METHOD_RESPONSE,
        )
    return FieldReading({CONTACT_METHOD_SLOT: None}, messages.INVALID_METHOD_RESPONSE)


def read_phone(text: str | None, current_method: str | None, region: str) -> FieldReading:
    """A number stored as E.164; "email" (or the other phone method) switches the method."""
    phone = parse_phone(text, region)
    if phone.ok:
        return FieldReading({CONTACT_PHONE_SLOT: phone.value})
    switched = parse_contact_method(text)
    if switched == EMAIL or (switched in PHONE_METHODS and switched != current_method):
        return FieldReading({CONTACT_PHONE_SLOT: None, CONTACT_METHOD_SLOT: switched})
    example = messages.phone_example(region)
    return FieldReading(
        {CONTACT_PHONE_SLOT: None}, messages.INVALID_PHONE_RESPONSE, {"example": example}
    )


def read_email(text: str | None) -> FieldReading:
    """An address checked for syntax (no DNS lookup); "call" or "text" switches the method."""
    email = parse_email(text)
    if email.ok:
        return FieldReading({CONTACT_EMAIL_SLOT: email.value})
    switched = parse_contact_method(text)
    if switched in PHONE_METHODS:
        return FieldReading({CONTACT_EMAIL_SLOT: None, CONTACT_METHOD_SLOT: switched})
    return FieldReading({CONTACT_EMAIL_SLOT: None}, messages.INVALID_EMAIL_RESPONSE)


def read_free_field(slot: str, parsed: ParsedValue, invalid_response: str) -> FieldReading:
    """Name or best time: the tidied words, or asked again after ``invalid_response``."""
    if parsed.ok:
        return FieldReading({slot: parsed.value})
    return FieldReading({slot: None}, invalid_response)


def read_reply(
    slot: str,
    text: str | None,
    *,
    current_method: str | None,
    typed_method: str | None,
    region: str,
) -> FieldReading:
    """A reply to the contact form's question for ``slot``, read the way that field is read.

    ``current_method`` is the method chosen so far (the phone question lets the other phone
    method switch it); ``typed_method`` is the method the contextual reader heard in this
    very reply ("ring me"), which wins over the word parser at the method question.
    """
    if slot == CONTACT_NAME_SLOT:
        return read_free_field(slot, parse_name(text), messages.INVALID_NAME_RESPONSE)
    if slot == CONTACT_METHOD_SLOT:
        return read_method(text, typed_method, region)
    if slot == CONTACT_PHONE_SLOT:
        return read_phone(text, current_method, region)
    if slot == CONTACT_EMAIL_SLOT:
        return read_email(text)
    if slot == CONTACT_BEST_TIME_SLOT:
        return read_free_field(slot, parse_best_time(text), messages.INVALID_BEST_TIME_RESPONSE)
    raise ValueError(f"not a contact form slot: {slot}")
