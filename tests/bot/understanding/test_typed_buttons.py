"""Typed replies read as the offered buttons (bot/understanding/typed_buttons.py)."""

from __future__ import annotations

import pytest

from bot.understanding.typed_buttons import load_lexicons, parse_lexicons, read_typed_button

REVIEW = [
    {"title": "Confirm and send", "payload": "/affirm"},
    {"title": "Change an answer", "payload": "/change_answer"},
    {"title": "Change contact details", "payload": "/change_contact"},
]
CONSENT = [
    {"title": "Yes, I agree", "payload": "/affirm"},
    {"title": "No thanks", "payload": "/deny"},
]
CRISIS = [
    {"title": "I'm safe right now", "payload": "/safe_now"},
    {"title": "Talk to a person", "payload": "/request_human"},
]
METHODS = [
    {"title": "Call me", "payload": "call"},
    {"title": "Text me", "payload": "text"},
    {"title": "Email me", "payload": "email"},
]


def payload(text, buttons):
    choice = read_typed_button(text, buttons)
    return choice.payload if choice else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("confirm", "/affirm"),
        ("send it", "/affirm"),
        ("looks good, please send it", "/affirm"),
        ("all good", "/affirm"),
        ("Confirm and send", "/affirm"),
        ("yes", "/affirm"),
        ("my email is wrong", "/change_contact"),
        ("looks good but my phone number is wrong", "/change_contact"),
        ("I need to change one of my answers", "/change_answer"),
        ("go back, I made a mistake", "/change_answer"),
        ("the second one", "/change_answer"),
        ("don't send it yet", None),
        ("what is ketamine", None),
    ],
)
def test_review(text, expected):
    assert payload(text, REVIEW) == expected


def test_a_guarded_button_loses_to_any_other_offered_phrase():
    # "send" and "edit" both appear: sending cannot be undone, so the change wins.
    assert payload("send it after I edit my answer", REVIEW) == "/change_answer"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("sure, go ahead", "/affirm"),
        ("ok bye", None),
        ("I agree", "/affirm"),
        ("nah", "/deny"),
        ("no thank you", "/deny"),
        ("I'd rather not", "/deny"),
        ("not right now", "/deny"),
    ],
)
def test_consent(text, expected):
    assert payload(text, CONSENT) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm ok now", "/safe_now"),
        ("i am safe", "/safe_now"),
        ("I'm not safe", None),
        ("can I talk to a real person", "/request_human"),
        ("I'm fine but I want to talk to someone", "/request_human"),
    ],
)
def test_crisis(text, expected):
    assert payload(text, CRISIS) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("ring me", "call"), ("txt is best", "text"), ("send me an email", "email"), ("1", "call")],
)
def test_contact_method(text, expected):
    assert payload(text, METHODS) == expected


def test_only_offered_buttons_compete():
    # "talk to a person" is not on screen at the consent step.
    assert payload("talk to a person", CONSENT) is None


def test_clinic_phrases_come_from_the_content_file():
    lexicons = load_lexicons()
    assert "/affirm" in lexicons and lexicons["/affirm"].guarded
    custom = parse_lexicons({"buttons": {"/affirm": {"phrases": ["righto"]}}})
    assert read_typed_button("righto", CONSENT, custom).payload == "/affirm"


@pytest.mark.parametrize(
    ("text", "payload"),
    [
        ("questoins pls", "/help"),
        ("continu the questionaire", "/continue_screening"),
        ("talk to a persn", "/request_human"),
    ],
)
def test_a_word_one_slip_from_a_buttons_word_is_read_as_it(text, payload):
    buttons = [
        {"title": "Continue the questionnaire", "payload": "/continue_screening"},
        {"title": "Ask a question", "payload": "/help"},
        {"title": "Talk to a person", "payload": "/request_human"},
    ]
    choice = read_typed_button(text, buttons)
    assert choice is not None and choice.payload == payload, choice


def test_a_misspelt_word_never_chooses_a_button_that_sends():
    buttons = [
        {"title": "Confirm and sned", "payload": "/affirm"},
        {"title": "Change an answer", "payload": "/change_answer"},
    ]
    assert read_typed_button("confirmm", buttons) is None


PAUSED = [
    {"title": "Continue the questionnaire", "payload": "/continue_screening"},
    {"title": "Ask a question", "payload": "/help"},
    {"title": "Talk to a person", "payload": "/request_human"},
]


@pytest.mark.parametrize(
    ("text", "buttons", "expected"),
    [
        ("quick question", PAUSED, "/help"),
        ("❓", PAUSED, "/help"),
        ("person pls", CRISIS, "/request_human"),
        ("i need talk with real people", PAUSED, "/request_human"),
        ("📞", METHODS, "call"),
        ("💬", METHODS, "text"),
        ("📧", METHODS, "email"),
        ("shoot me a message on my phone", METHODS, "text"),
        ("don't worry, I'm alright", CRISIS, "/safe_now"),  # "don't worry" negates nothing
        ("no immediate danger here", CRISIS, "/safe_now"),
        ("I'm not alright", CRISIS, None),
    ],
)
def test_short_words_and_symbols_choose_their_button(text, buttons, expected):
    assert payload(text, buttons) == expected
