"""The read-back before sending: every answer in the visitor's own words, then the details.

Nothing is sent until the visitor confirms; these only build the lines shown.
"""

from __future__ import annotations

import logging
from typing import Any

from bot.contact.messages import VALUE_LABELS
from bot.contact.parsing import contact_slot_for_method, format_phone_for_display
from bot.names import (
    CALL,
    CONTACT_BEST_TIME_SLOT,
    CONTACT_METHOD_SLOT,
    CONTACT_NAME_SLOT,
    EMAIL,
    TEXT,
)
from bot.questionnaire.questions import QuestionFileError, default_questions

log = logging.getLogger(__name__)

# How the address is labelled for each method in the read-back ("Text: +1 212-555-0123").
_ADDRESS_LABELS = {CALL: "Call", TEXT: "Text", EMAIL: "Email"}


def question_texts() -> list[tuple[str, str]]:
    """(id, text) of the screening questions in asking order; empty if the file is broken."""
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


def contact_review_lines(slots: dict[str, Any]) -> list[str]:
    """Bullet lines reading the contact details back to the visitor.

    Only the address the chosen method uses is read back: a number given before the visitor
    switched to email is not.
    """
    method = slots.get(CONTACT_METHOD_SLOT)
    address_slot = contact_slot_for_method(method)
    address = slots.get(address_slot) if address_slot else None
    if address and method != EMAIL:
        address = format_phone_for_display(address)
    labelled = (
        ("Name", slots.get(CONTACT_NAME_SLOT)),
        (_ADDRESS_LABELS.get(str(method)), address),
        ("Best time", slots.get(CONTACT_BEST_TIME_SLOT)),
    )
    return [f"• {label}: {value}" for label, value in labelled if value]
