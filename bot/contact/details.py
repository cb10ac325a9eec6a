"""The visitor's contact details as a whole: complete or not, and stored on the conversation.

Contact details are personal data: nothing here logs them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session

from bot.contact.parsing import contact_slot_for_method
from bot.db.conversations import save_contact
from bot.db.models import Conversation
from bot.handoffs.sent import audit_contact_change
from bot.names import (
    CALL,
    CONTACT_BEST_TIME_SLOT,
    CONTACT_EMAIL_SLOT,
    CONTACT_METHOD_SLOT,
    CONTACT_NAME_SLOT,
    CONTACT_PHONE_SLOT,
    CONTACT_SLOTS,
    EMAIL,
    TEXT,
)

# Persistence stores a call as "phone" (bot.db.models.CONTACT_METHODS); the chat says "call".
DB_METHODS = {CALL: "phone", TEXT: "text", EMAIL: "email"}


def contact_values(get_slot: Callable[[str], Any]) -> dict[str, Any]:
    """The contact slots as a plain dict, read with ``get_slot`` (``tracker.get_slot``)."""
    return {slot: get_slot(slot) for slot in CONTACT_SLOTS}


def slots_to_ask(method: str | None) -> list[str]:
    """The contact form's questions in asking order, for the method chosen so far.

    Name, then the method; then the phone number (call or text) or the email address,
    whichever the method needs, and neither before a method is chosen; the best time last.
    A changed method changes the address asked for.
    """
    address_slot = contact_slot_for_method(method)
    address = [address_slot] if address_slot else []
    return [CONTACT_NAME_SLOT, CONTACT_METHOD_SLOT, *address, CONTACT_BEST_TIME_SLOT]


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


def contact_saver(conversation_id: str, slots: dict[str, Any]) -> Callable[[Session], None]:
    """The ``prepare`` step of a hand-off: store the details with it, when they are complete.

    Incomplete details (a person asked for before the form finished) are not stored.
    """

    def save(session: Session) -> None:
        if contact_details_complete(slots):
            save_contact_from_slots(session=session, conversation_id=conversation_id, slots=slots)

    return save


def save_contact_from_slots(
    *, session: Session, conversation_id: str, slots: dict[str, Any]
) -> None:
    """Store the contact slots on the conversation (only the filled ones).

    Only the address that matches the chosen method is stored, so an abandoned phone
    number does not linger when the visitor switched to email.
    """
    before = _stored_contact(session, conversation_id)
    method = slots.get(CONTACT_METHOD_SLOT)
    address_slot = contact_slot_for_method(method)
    conversation = save_contact(
        session=session,
        conversation_id=conversation_id,
        name=slots.get(CONTACT_NAME_SLOT),
        method=DB_METHODS.get(str(method)),
        phone=slots.get(CONTACT_PHONE_SLOT) if address_slot == CONTACT_PHONE_SLOT else None,
        email=slots.get(CONTACT_EMAIL_SLOT) if address_slot == CONTACT_EMAIL_SLOT else None,
        best_time=slots.get(CONTACT_BEST_TIME_SLOT),
    )
    after = _contact_of(conversation)
    changed = [field for field, value in before.items() if value and value != after[field]]
    # Details changed after a hand-off went out: staff keep what was sent, and see this.
    audit_contact_change(session=session, conversation_id=conversation_id, fields=changed)


_CONTACT_COLUMNS = (
    "contact_name",
    "contact_method",
    "contact_phone",
    "contact_email",
    "contact_best_time",
)


def _contact_of(conversation: Conversation) -> dict[str, Any]:
    return {column: getattr(conversation, column) for column in _CONTACT_COLUMNS}


def _stored_contact(session: Session, conversation_id: str) -> dict[str, Any]:
    conversation = session.get(Conversation, conversation_id)
    if conversation is None:
        return dict.fromkeys(_CONTACT_COLUMNS)
    return _contact_of(conversation)
