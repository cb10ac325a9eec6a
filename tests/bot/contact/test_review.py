"""The read-back before sending (bot/contact/review.py): answers as given, then details."""

from __future__ import annotations

import pytest

from bot.contact.review import (
    answer_as_given,
    contact_review_lines,
    question_texts,
    review_answer_lines,
)
from bot.questionnaire.questions import QuestionFileError

QUESTIONS = [("q1", "First question?"), ("q2", "Second question?")]


@pytest.mark.parametrize(
    ("answer", "shown"),
    [
        ({"value": "no", "raw": "  nope "}, "nope"),
        # A button payload reads back as the button's label.
        ({"value": "not_sure", "raw": "/not_sure"}, "Not sure"),
        ({"value": "prefer_not_to_say", "raw": ""}, "Prefer not to say"),
        ({"value": "odd_value", "raw": "/x"}, "odd_value"),
        ({"value": None, "raw": None}, ""),
        ("typed words", "typed words"),
        (None, ""),
    ],
)
def test_answer_as_given(answer, shown):
    assert answer_as_given(answer) == shown


def test_answers_are_listed_in_asking_order_and_unknown_ids_last():
    answers = {"old_id": "kept", "q2": {"value": "yes", "raw": "yes"}, "q1": "no"}
    assert review_answer_lines(answers, QUESTIONS) == [
        "• First question?\n  Your answer: no",
        "• Second question?\n  Your answer: yes",
        "• old_id\n  Your answer: kept",
    ]
    assert review_answer_lines({}, QUESTIONS) == []


@pytest.mark.parametrize(
    ("method", "address_line"),
    [("call", "• Call: +1 212-555-0123"), ("text", "• Text: +1 212-555-0123")],
)
def test_a_phone_contact_is_read_back_formatted(method, address_line):
    slots = {
        "contact_name": "Robin",
        "contact_method": method,
        "contact_phone": "+12125550123",
        "contact_best_time": "evenings",
    }
    assert contact_review_lines(slots) == [
        "• Name: Robin",
        address_line,
        "• Best time: evenings",
    ]


def test_an_email_contact_shows_the_address_and_never_a_stray_number():
    slots = {
        "contact_method": "email",
        "contact_email": "robin@example.org",
        "contact_phone": "+12125550123",
    }
    assert contact_review_lines(slots) == ["• Email: robin@example.org"]
    assert contact_review_lines({"contact_method": "call"}) == []


def test_question_texts_follow_the_questions_file(monkeypatch):
    texts = question_texts()
    assert texts[0][0] == "pregnant_or_nursing" and texts[0][1].endswith("?")

    def broken():
        raise QuestionFileError("broken")

    monkeypatch.setattr("bot.contact.review.default_questions", broken)
    assert question_texts() == []
