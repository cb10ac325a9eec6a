"""The contact step's fill-ins reach the visitor whole, whatever the visitor typed."""

from __future__ import annotations

from bot.contact.messages import fill_value, name_part
from bot.names import CONTACT_NAME_SLOT
from tests.responses import render_response


def test_rasa_shows_the_raw_template_when_filled_text_holds_zero_bracket():
    """Why fill_value exists: Rasa 3.6 gives up on a reply whose filled text has "0["."""
    from rasa.core.nlg.interpolator import interpolate_text

    template = "Please check your answers:\n\n{answer_lines}"
    assert interpolate_text(template, {"answer_lines": "lexapro 10[mg]"}) == template


def test_a_reply_filled_through_fill_value_keeps_the_visitors_words():
    lines = fill_value("Current medications: lexapro 10[mg] daily")
    text = render_response("utter_review_answers", answer_lines=lines)
    assert "lexapro 10 [mg] daily" in text
    assert text.startswith("Before I send this to the care team")


def test_ordinary_words_are_left_as_typed():
    assert fill_value("weekday mornings, after 5 pm") == "weekday mornings, after 5 pm"


def test_the_name_is_made_safe_too():
    assert name_part({CONTACT_NAME_SLOT: "Sam0[x]"}) == ", Sam0 [x]"
    assert name_part({CONTACT_NAME_SLOT: "Sam"}) == ", Sam"
    assert name_part({}) == ""
