"""bot.handoffs.person_requests: why a person is asked for, how often, what is said."""

from __future__ import annotations

import pytest

from bot.buttons import FOLLOW_UP_REQUEST
from bot.handoffs.person_requests import (
    ASKED_FOR_HUMAN,
    HUMAN_ACK_IN_FORM_RESPONSE,
    HUMAN_ACK_KNOWN_RESPONSE,
    HUMAN_ACK_RESPONSE,
    HUMAN_DONE_RESPONSE,
    UNANSWERED_ACK_KNOWN_RESPONSE,
    UNANSWERED_ACK_RESPONSE,
    UNANSWERED_DONE_RESPONSE,
    UNANSWERED_QUESTION,
    acknowledgement,
    handed_off,
    handoff_reason,
    question_from_faq_gate,
    request_count,
)

QUESTION = "do you take my insurance plan from work"


def _gate_offer(*buttons: dict) -> dict:
    return {"event": "bot", "text": "I'm not sure...", "data": {"buttons": list(buttons)}}


def _events(offer: dict) -> list[dict]:
    return [
        {"event": "user", "text": QUESTION},
        offer,
        {"event": "user", "text": FOLLOW_UP_REQUEST["payload"]},
    ]


def test_the_question_before_the_follow_up_offer_is_the_unanswered_one():
    events = _events(_gate_offer(dict(FOLLOW_UP_REQUEST)))
    assert question_from_faq_gate(events) == QUESTION
    assert handoff_reason(None, events) == UNANSWERED_QUESTION


def test_without_the_follow_up_button_it_is_a_plain_request_for_a_person():
    events = _events(_gate_offer({"title": "Cost and insurance", "payload": "cost?"}))
    assert question_from_faq_gate(events) is None
    assert handoff_reason(None, events) == ASKED_FOR_HUMAN
    assert handoff_reason(None, []) == ASKED_FOR_HUMAN


def test_a_question_already_pending_keeps_the_unanswered_reason():
    assert handoff_reason("when do you open", []) == UNANSWERED_QUESTION


@pytest.mark.parametrize(("value", "count"), [(None, 0), (2.0, 2), ("3", 3), ("many", 0), ([1], 0)])
def test_request_count_reads_the_slot_or_zero(value, count):
    assert request_count(value) == count


@pytest.mark.parametrize(
    ("reason", "in_form", "complete", "response"),
    [
        (ASKED_FOR_HUMAN, True, False, HUMAN_ACK_IN_FORM_RESPONSE),
        (UNANSWERED_QUESTION, True, True, HUMAN_ACK_IN_FORM_RESPONSE),
        (ASKED_FOR_HUMAN, False, True, HUMAN_ACK_KNOWN_RESPONSE),
        (UNANSWERED_QUESTION, False, True, UNANSWERED_ACK_KNOWN_RESPONSE),
        (ASKED_FOR_HUMAN, False, False, HUMAN_ACK_RESPONSE),
        (UNANSWERED_QUESTION, False, False, UNANSWERED_ACK_RESPONSE),
    ],
)
def test_acknowledgement_by_reason_and_what_is_known(reason, in_form, complete, response):
    assert acknowledgement(reason, in_contact_form=in_form, details_complete=complete) == response


def test_handed_off_confirms_by_reason():
    assert handed_off(UNANSWERED_QUESTION) == UNANSWERED_DONE_RESPONSE
    assert handed_off(ASKED_FOR_HUMAN) == HUMAN_DONE_RESPONSE
