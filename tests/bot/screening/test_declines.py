"""Ways of declining to answer (bot/screening/declines.py)."""

from __future__ import annotations

import pytest

from bot.screening.declines import DECLINE
from bot.text import normalize


@pytest.mark.parametrize(
    "text",
    [
        "I'd rather not say",
        "honestly I don't feel comfortable sharing that",
        "dont feel like typing that",
        "not comfortable with this one",
        "leave this one blank for now",
        "I'll leave it for the doctor",
        "skip please",
        "I'll pass",
        "can we skip this one",
        "pass for now",
        "that's not something I'd want to put in a chat",
        "too personal to talk about here",
        "I prefer to go over that in person",
    ],
)
def test_declines_are_recognised(text):
    assert DECLINE.search(normalize(text))


@pytest.mark.parametrize(
    "text",
    [
        "I skip breakfast most days",
        "I don't feel like myself lately",
        "I don't feel ok most days",
        "only tea, I get a headache if I skip it",
        "I feel comfortable with my blood pressure now",
        "I pass a lot of urine at night",
        "no",
    ],
)
def test_other_replies_are_not_declines(text):
    assert not DECLINE.search(normalize(text))
