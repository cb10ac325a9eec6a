"""Crisis words only about someone else or a finished past (bot/safety/crisis_scope.py).

The texts and their scopes are in cases/crisis_scope.yml.
"""

from __future__ import annotations

import pytest

from bot.safety.crisis_matcher import get_matcher
from bot.safety.crisis_scope import crisis_scope
from tests.case_tables import load


@pytest.fixture(scope="module")
def matcher():
    return get_matcher()


@pytest.mark.parametrize(("text", "scope"), load("bot/safety/crisis_scope")["scopes"])
def test_crisis_words_are_scoped_to_someone_else_a_finished_past_or_nothing(matcher, text, scope):
    assert matcher.is_crisis(text)
    assert crisis_scope(matcher, text) == scope


def test_no_crisis_words_no_scope(matcher):
    assert crisis_scope(matcher, "my brother has asthma, years ago") is None
