"""Which contact details a visitor wants to change ("my email is wrong", "change my number").

Read from the words, not from NLU: the intent says *that* the visitor wants a change, the
text says *what*. Nothing recognisable ("change my details", the review button) means all.
"""

from __future__ import annotations

import re

from bot.names import (
    CONTACT_BEST_TIME_SLOT,
    CONTACT_EMAIL_SLOT,
    CONTACT_METHOD_SLOT,
    CONTACT_NAME_SLOT,
    CONTACT_PHONE_SLOT,
    CONTACT_SLOTS,
    EMAIL,
    PHONE_METHODS,
)

# Words that name one detail; order decides the order of the read-back.
_FIELD_PATTERNS = (
    (CONTACT_NAME_SLOT, r"\bname\b"),
    (CONTACT_METHOD_SLOT, r"\b(method|way|call me|text me|email me|contact me|reach me)\b"),
    (CONTACT_PHONE_SLOT, r"\b(phone|number|cell|mobile|digits?)\b"),
    (CONTACT_EMAIL_SLOT, r"\b(e-?mail|address)\b"),
    (CONTACT_BEST_TIME_SLOT, r"\b(times?|when|mornings?|afternoons?|evenings?)\b"),
)
# Words that say the visitor wants something changed, at a prompt of the contact form.
_CHANGE_PATTERN = re.compile(
    r"\b(change|wrong|fix|update|correct|edit|mistake|typo|incorrect|not right|redo)\b"
)
# Each address slot with the methods that use it.
_ADDRESS_METHODS = ((CONTACT_EMAIL_SLOT, (EMAIL,)), (CONTACT_PHONE_SLOT, PHONE_METHODS))
PHRASES = {
    CONTACT_NAME_SLOT: "your name",
    CONTACT_METHOD_SLOT: "how the care team contacts you",
    CONTACT_PHONE_SLOT: "your phone number",
    CONTACT_EMAIL_SLOT: "your email address",
    CONTACT_BEST_TIME_SLOT: "the best time to reach you",
}


def mentioned_details(text: str | None) -> list[str]:
    """Contact slots the text names, in read-back order (empty when it names none)."""
    lowered = (text or "").lower()
    if lowered.startswith("/"):  # a button payload names nothing
        return []
    return [slot for slot, pattern in _FIELD_PATTERNS if re.search(pattern, lowered)]


def asks_for_change(text: str | None) -> bool:
    """True when the text asks to change something ("that email is wrong", "fix my name")."""
    return bool(_CHANGE_PATTERN.search((text or "").lower()))


def details_to_clear(text: str | None, method: str | None) -> list[str]:
    """The slots to empty so the contact form asks for them again.

    An address that the current method does not use only makes sense with a new method
    ("change my email" while the team would call): the method is asked again too.
    """
    details = mentioned_details(text)
    if not details:
        return list(CONTACT_SLOTS)
    for address_slot, methods in _ADDRESS_METHODS:
        if address_slot in details and method not in methods and CONTACT_METHOD_SLOT not in details:
            details.insert(details.index(address_slot), CONTACT_METHOD_SLOT)
    return details


def describe(details: list[str]) -> str:
    """``"your phone number"``, ``"your name and your email address"``, or all details.

    The method is only named alone: with an address it is implied ("your email address").
    """
    if set(details) >= set(CONTACT_SLOTS):
        return "your contact details"
    phrases = [
        PHRASES[slot] for slot in details if slot != CONTACT_METHOD_SLOT or len(details) == 1
    ]
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]
