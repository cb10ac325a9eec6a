"""Typed replies read as the offered buttons (bot/understanding/typed_buttons.py).

The buttons on screen and the typed replies are in cases/typed_buttons.yml.
"""

from __future__ import annotations

import pytest

from bot.understanding.typed_buttons import load_lexicons, parse_lexicons, read_typed_button
from tests.case_tables import load

CASES = load("bot/understanding/typed_buttons")
BUTTONS = CASES["buttons"]


@pytest.mark.parametrize(("offered", "text", "expected"), CASES["replies"])
def test_a_typed_reply_chooses_the_offered_button_it_names(offered, text, expected):
    choice = read_typed_button(text, BUTTONS[offered])
    assert (choice.payload if choice else None) == expected, choice


def test_clinic_phrases_come_from_the_content_file():
    lexicons = load_lexicons()
    assert "/affirm" in lexicons and lexicons["/affirm"].guarded
    custom = parse_lexicons({"buttons": {"/affirm": {"phrases": ["righto"]}}})
    assert read_typed_button("righto", BUTTONS["consent"], custom).payload == "/affirm"
