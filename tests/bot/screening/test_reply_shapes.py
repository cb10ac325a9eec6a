"""The shape of a reply (bot/screening/reply_shapes.py)."""

from __future__ import annotations

import pytest

from bot.screening.reply_shapes import (
    asks_what_it_is,
    opens_with_frequency,
    opens_with_question,
    statement_of_having,
    without_interjections,
    without_stance,
)
from tests.case_tables import cases


@pytest.mark.parametrize(
    ("norm", "asks"), cases("bot/screening/reply_shapes", "opens_with_question")
)
def test_opens_with_question(norm, asks):
    assert opens_with_question(norm) is asks


def test_interjections_before_a_question_are_dropped_not_the_last_word():
    assert without_interjections("wait so is this the depression question") == (
        "is this the depression question"
    )
    assert without_interjections("ok") == "ok"


@pytest.mark.parametrize(
    ("norm", "first"),
    [
        ("most nights", True),
        ("sometimes when it gets bad", True),
        ("i go for a long run every day", False),
    ],
)
def test_opens_with_frequency(norm, first):
    assert opens_with_frequency(norm) is first


def test_statement_of_having():
    assert statement_of_having(["i", "have", "it"])
    assert statement_of_having(["i'm", "on", "meds"])
    assert not statement_of_having(["what", "about", "it"])


@pytest.mark.parametrize(
    ("norm", "plain"),
    [
        ("thankfully no that's never been an issue for me", "no that's never been an issue for me"),
        ("unfortunately yes", "yes"),
        ("honestly no idea", "no idea"),
        ("thankfully my doctor caught it", "thankfully my doctor caught it"),
    ],
)
def test_a_word_of_feeling_before_the_answer_is_left_out(norm, plain):
    assert without_stance(norm) == plain


@pytest.mark.parametrize(
    ("text", "asks"),
    [
        ("I get really productive bursts sometimes, is that mania?", True),
        ("POTS, is that a heart thing?", True),
        ("I have afib, is that a problem?", False),  # answers, then asks something else
        ("my son hears voices, I don't. is that relevant?", False),
        ("is this a real person?", False),  # "this" is the chat, not what was said
        ("I daydream a lot, is that dissociation", False),  # no question mark
    ],
)
def test_asks_what_it_is(text, asks):
    from bot.text import normalize

    assert asks_what_it_is(text, normalize(text)) is asks
