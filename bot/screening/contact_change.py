"""Which contact details a visitor wants to change ("my email is wrong", "change my number").

Read from the words, not from NLU: the intent says *that* the visitor wants a change, the
text says *what*. Nothing recognisable ("change my details", the review button) means all.
"""

from __future__ import annotations

import re

from bot.screening.contact import CALL, EMAIL, TEXT

NAME, METHOD, PHONE, EMAIL_ADDRESS, BEST_TIME = (
    "contact_name",
    "contact_method",
    "contact_phone",
    "contact_email",
    "contact_best_time",
)
ALL_DETAILS = (NAME, METHOD, PHONE, EMAIL_ADDRESS, BEST_TIME)

# Words that name one detail; order decides the order of the read-back.
_FIELD_PATTERNS = (
    (NAME, r"\bname\b"),
    (METHOD, r"\b(method|way|call me|text me|email me|contact me|reach me)\b"),
    (PHONE, r"\b(phone|number|cell|mobile|digits?)\b"),
    (EMAIL_ADDRESS, r"\b(e-?mail|address)\b"),
    (BEST_TIME, r"\b(time|times|when|morning|mornings|afternoon|afternoons|evening|evenings)\b"),
)
# Words that say the visitor wants something changed, at a prompt of the contact form.
_CHANGE_PATTERN = re.compile(
    r"\b(change|wrong|fix|update|correct|edit|mistake|typo|incorrect|not right|redo)\b"
)
PHRASES = {
    NAME: "your name",
    METHOD: "how the care team contacts you",
    PHONE: "your phone number",
    EMAIL_ADDRESS: "your email address",
    BEST_TIME: "the best time to reach you",
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
        return list(ALL_DETAILS)
    if EMAIL_ADDRESS in details and method != EMAIL and METHOD not in details:
        details.insert(details.index(EMAIL_ADDRESS), METHOD)
    if PHONE in details and method not in (CALL, TEXT) and METHOD not in details:
        details.insert(details.index(PHONE), METHOD)
    return details


def describe(details: list[str]) -> str:
    """``"your phone number"``, ``"your name and your email address"``, ``"your contact details"``.

    The method is only named alone: with an address it is implied ("your email address").
    """
    if set(details) >= set(ALL_DETAILS):
        return "your contact details"
    phrases = [PHRASES[slot] for slot in details if slot != METHOD or len(details) == 1]
    if len(phrases) == 1:
        return phrases[0]
    return ", ".join(phrases[:-1]) + " and " + phrases[-1]
