"""Ways of declining to answer (bot/screening/declines.py)."""

from __future__ import annotations

import pytest

from bot.screening.declines import DECLINE
from bot.text import normalize
from tests.case_tables import cases


@pytest.mark.parametrize(("text", "declines"), cases("bot/screening/declines", "declines"))
def test_declines_are_recognised_and_other_replies_are_not(text, declines):
    assert (DECLINE.search(normalize(text)) is not None) is declines
