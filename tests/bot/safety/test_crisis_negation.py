"""Whether a crisis statement is negated (bot/safety/crisis_negation.py)."""

from __future__ import annotations

import pytest

from bot.safety.crisis_negation import negated_before

CUES = frozenset({"not", "never", "no"})
FILLERS = frozenset({"i", "am", "'m", "really", "do", "want", "to", "been"})


def _negated(crisis_matcher, text: str, word: str) -> bool:
    doc = crisis_matcher.nlp(text)
    start = next(t.i for t in doc if t.lower_ == word)
    return negated_before(doc, start, CUES, FILLERS, 6)


@pytest.mark.parametrize(
    ("text", "word", "negated"),
    [
        ("I'm not suicidal", "suicidal", True),
        ("I'm never not suicidal", "suicidal", False),  # two cues cancel out
        ("no I want to die", "die", False),  # an interjection, not a negation
        ("no never been suicidal", "suicidal", True),  # an emphatic no repeats the denial
        ("it's not like I'm suicidal", "suicidal", True),
        ("death a lot but not like killing myself", "killing", True),
        ("not ok, like I want to die", "die", False),
        ("I don't have to think about wanting to die", "die", False),
        ("I've never wanted to end my life", "end", True),
    ],
)
def test_a_cue_before_the_statement_with_only_fillers_between(crisis_matcher, text, word, negated):
    assert _negated(crisis_matcher, text, word) is negated
