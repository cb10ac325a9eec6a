"""Pure parsing and validation of the visitor's contact details.

Nothing here touches the database, Rasa or the network: the contact form's validation
action calls these functions and turns a ``None`` / problem into a re-ask. Contact details
are personal data, so nothing in this module logs what it is given.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.settings import Settings

import re
from dataclasses import dataclass

import phonenumbers
from email_validator import EmailNotValidError, validate_email

from bot.contact.changes import asks_for_change, mentioned_details
from bot.faq.scope import faq_scope
from bot.names import (
    CALL,
    CONTACT_EMAIL_SLOT,
    CONTACT_METHOD_SLOT,
    CONTACT_METHODS,
    CONTACT_PHONE_SLOT,
    EMAIL,
    PHONE_METHODS,
    TEXT,
)

MAX_NAME_CHARS = 80
MAX_BEST_TIME_CHARS = 200

# Words (after lower-casing and stripping punctuation) that point at one method.
# Multi-word phrases are matched before single words so "text message" is not read as "message".
_METHOD_PHRASES: tuple[tuple[str, str], ...] = (
    ("text message", TEXT),
    ("phone call", CALL),
    ("voice call", CALL),
    ("give me a call", CALL),
    ("e mail", EMAIL),
    ("e-mail", EMAIL),
)
_METHOD_WORDS: dict[str, str] = {
    "call": CALL,
    "calls": CALL,
    "calling": CALL,
    "called": CALL,
    "phone": CALL,
    "phoning": CALL,
    "ring": CALL,
    "telephone": CALL,
    "voice": CALL,
    "voicemail": CALL,
    "text": TEXT,
    "texts": TEXT,
    "texting": TEXT,
    "texted": TEXT,
    "txt": TEXT,
    "txting": TEXT,
    "sms": TEXT,
    "message": TEXT,
    "messages": TEXT,
    "imessage": TEXT,
    "whatsapp": TEXT,
    "email": EMAIL,
    "emails": EMAIL,
    "emailing": EMAIL,
    "emailed": EMAIL,
    "mail": EMAIL,
    "gmail": EMAIL,
    "inbox": EMAIL,
}
# A method word right after one of these is a refusal ("please don't call"), not a choice.
# "than" and "instead of" turn down what follows ("a text rather than a call"); "rather"
# itself prefers what follows ("I'd rather get a text"), so only "rather not" refuses.
_NEGATIONS = {
    "not", "no", "don't", "dont", "never", "without", "than", "instead", "cant", "can't",
    "didn't", "didnt", "won't", "wont",
}  # fmt: skip
# "calll me", "emaiiil": letters held down too long.
_HELD_LETTERS = re.compile(r"(\w)\1{2,}")

_NAME_PREFIX = re.compile(
    r"^\s*(?:(?:hi|hello|hey)[,!.\s]+)?(?:my name is|my name's|name is|name's|i am|i'm|im|"
    r"it is|it's|this is|call me|you can call me|they call me|i go by)\s+",
    re.IGNORECASE,
)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)
_EMAIL_CANDIDATE = re.compile(r"[^\s<>()\[\],;:\"']+@[^\s<>()\[\],;:\"']*")


@dataclass(frozen=True)
class ParsedValue:
    """Outcome of parsing one answer: the normalised ``value`` or a ``problem`` code."""

    value: str | None
    problem: str | None = None

    @property
    def ok(self) -> bool:
        """True when a value was found."""
        return self.value is not None


def _tokens(text: str) -> list[str]:
    return re.findall(r"[a-z']+", text.lower().replace("’", "'"))


def _is_negated(words: list[str], index: int) -> bool:
    """True when a negation sits within four words before ``words[index]``.

    Looking back stops at another method word, so in "don't call, email me" only "call"
    is negated.
    """
    for word in reversed(words[max(0, index - 4) : index]):
        if word in _METHOD_WORDS or word in CONTACT_METHODS:
            return False
        if word in _NEGATIONS:
            return True
    return False


def _without_held_letters(word: str) -> str:
    """A method word typed with a letter held down ("calll", "emaiiil"), else the word."""
    if word in _METHOD_WORDS or not _HELD_LETTERS.search(word):
        return word
    for shorter in (_HELD_LETTERS.sub(r"\1\1", word), _HELD_LETTERS.sub(r"\1", word)):
        if shorter in _METHOD_WORDS:
            return shorter
    return word


def parse_contact_method(text: str | None) -> str | None:
    """Return "call", "text" or "email" for free text such as "phone", "txt me", "E-mail".

    When several methods are mentioned the first one not negated wins ("text, don't call"
    is "text"); ``None`` when no method can be read.
    """
    if not text:
        return None
    lowered = " " + " ".join(_tokens(text.replace("-", " - "))) + " "
    lowered = lowered.replace(" e - mail ", " email ").replace(" - ", " ")
    for phrase, replacement in _METHOD_PHRASES:
        if f" {phrase} " in lowered:
            lowered = lowered.replace(f" {phrase} ", f" {replacement} ")
    words = [_without_held_letters(word) for word in lowered.split()]
    for index, word in enumerate(words):
        method = _METHOD_WORDS.get(word)
        if method is None:
            continue
        if _is_negated(words, index):
            continue
        return method
    return None


def default_phone_region(settings: Settings) -> str:
    """Region used for numbers typed without a country code (``PHONE_REGION``, e.g. "US")."""
    return (settings.phone_region or "US").upper()


def parse_phone(text: str | None, region: str = "US") -> ParsedValue:
    """Find a phone number in ``text`` and return it in E.164 form ("+12125550123").

    Problems: "empty", "not_a_number" (no digits that look like a phone number),
    "invalid" (a number-like string that is not a valid number in ``region`` or its country).
    """
    if not text or not text.strip():
        return ParsedValue(None, "empty")
    region = (region or "US").upper()
    candidates = [
        match.number
        for match in phonenumbers.PhoneNumberMatcher(
            text, region, leniency=phonenumbers.Leniency.POSSIBLE
        )
    ]
    if not candidates:
        try:
            candidates = [phonenumbers.parse(text, region)]
        except phonenumbers.NumberParseException:
            digits = re.sub(r"\D", "", text)
            return ParsedValue(None, "invalid" if len(digits) >= 3 else "not_a_number")
    for number in candidates:
        if phonenumbers.is_valid_number(number):
            return ParsedValue(
                phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
            )
    return ParsedValue(None, "invalid")


def format_phone_for_display(e164: str) -> str:
    """The stored E.164 number in the usual national/international format for reading back."""
    try:
        number = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def parse_email(text: str | None) -> ParsedValue:
    """Find and validate an email address in ``text`` (syntax only, no DNS lookups).

    Returns the normalised address (domain lower-cased). Problems: "empty", "missing_at",
    "invalid".
    """
    if not text or not text.strip():
        return ParsedValue(None, "empty")
    match = _EMAIL_CANDIDATE.search(text)
    if match is None:
        return ParsedValue(None, "missing_at")
    candidate = match.group(0).strip(".")
    try:
        result = validate_email(candidate, check_deliverability=False)
    except EmailNotValidError:
        return ParsedValue(None, "invalid")
    return ParsedValue(result.normalized)


def parse_name(text: str | None) -> ParsedValue:
    """The name the visitor wants to be called, without "my name is"-style lead-ins.

    Problems: "empty", "question", "no_letters" (e.g. only digits or emoji), "too_long".
    """
    if not text or not text.strip():
        return ParsedValue(None, "empty")
    name = _NAME_PREFIX.sub("", text.strip(), count=1)
    name = re.sub(r"\s+", " ", name).strip(" .,!;:\"'")
    if text.strip().endswith("?"):
        # A question typed at the name prompt is not a name ("who will see this?").
        return ParsedValue(None, "question")
    if not name or not _LETTER.search(name):
        return ParsedValue(None, "no_letters")
    if len(name) > MAX_NAME_CHARS:
        return ParsedValue(None, "too_long")
    return ParsedValue(name)


def parse_best_time(text: str | None) -> ParsedValue:
    """Free-text best time to reach the visitor ("weekday mornings"), tidied and length-capped.

    Problems: "empty", "too_long".
    """
    if not text or not text.strip():
        return ParsedValue(None, "empty")
    cleaned = re.sub(r"\s+", " ", text).strip()
    if len(cleaned) > MAX_BEST_TIME_CHARS:
        return ParsedValue(None, "too_long")
    return ParsedValue(cleaned)


def contact_slot_for_method(method: str | None) -> str | None:
    """The form slot that holds the address for ``method``: phone or email (or None)."""
    if method in PHONE_METHODS:
        return CONTACT_PHONE_SLOT
    if method == EMAIL:
        return CONTACT_EMAIL_SLOT
    return None


# Intents that, at a contact question, may mean "this is not my answer" - but NLU also puts
# plain names, numbers and addresses there, so the text decides (see is_interruption).
INTERRUPTION_INTENTS = frozenset({"faq", "out_of_scope", "deny", "change_contact"})
_QUESTION_STARTS = frozenset(
    {
        "how", "what", "whats", "what's", "why", "where", "who", "which", "is", "are", "can",
        "could", "does", "do", "will", "would", "should", "may", "tell", "explain",
    }
)  # fmt: skip
_REFUSALS = frozenset(
    {
        "no", "nope", "nah", "no thanks", "no thank you", "not now", "never mind", "nevermind",
        "cancel", "skip", "rather not", "i'd rather not", "i would rather not", "no way",
        "not interested", "i don't want to", "i dont want to", "i do not want to",
        "i don't want to say", "i'd rather not say", "prefer not to say",
    }
)  # fmt: skip


def _normalised(text: str) -> str:
    return " ".join(_tokens(text)).strip()


def looks_like_question(text: str | None) -> bool:
    """True for "how much does it cost?" or "what is kap" (not for "when I get home")."""
    if not text or not text.strip():
        return False
    if text.strip().endswith("?"):
        return True
    words = _normalised(text).split()
    return bool(words) and words[0] in _QUESTION_STARTS


def looks_like_refusal(text: str | None) -> bool:
    """True for a plain "no" / "no thanks" / "I'd rather not" (not for a name like "Noa")."""
    if not text:
        return False
    normalised = _normalised(text)
    if normalised in _REFUSALS:
        return True
    return any(
        normalised.startswith(prefix)
        for prefix in (
            "no thanks",
            "i don't want",
            "i dont want",
            "i do not want",
            "i'd rather not",
        )
    )


def is_interruption(slot: str, text: str | None, intent: str | None, region: str = "US") -> bool:
    """Whether the visitor's reply to the ``slot`` question is really a question or a refusal.

    Only for ``INTERRUPTION_INTENTS``. A button payload ("/faq") always is; a reply that is
    a valid phone number / email / method never is; otherwise a refusal counts for ``deny``,
    a request to change a named detail for ``change_contact``, and a question-shaped text
    for ``faq`` / ``out_of_scope``.
    """
    if intent not in INTERRUPTION_INTENTS or not text:
        return False
    if text.strip().startswith("/"):
        return True
    if intent in ("faq", "out_of_scope") and faq_scope().asks_for_a_clinic_detail(text):
        # "I'll call you instead": the clinic's contact line, then the same question (the
        # word "call" is the visitor's plan, not the method chosen).
        return True
    if slot == CONTACT_PHONE_SLOT and parse_phone(text, region).ok:
        return False
    if slot == CONTACT_EMAIL_SLOT and parse_email(text).ok:
        return False
    if slot == CONTACT_METHOD_SLOT and (parse_contact_method(text) or parse_email(text).ok):
        return False
    if intent == "deny":
        return looks_like_refusal(text)
    if intent == "change_contact":
        # "that name is wrong" at the phone question; a plain answer stays an answer.
        return asks_for_change(text) and bool(mentioned_details(text) or "detail" in text.lower())
    return looks_like_question(text)
