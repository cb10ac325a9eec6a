"""Interpreting visitors' replies to yes/no screening questions (bot/screening/answers.py)."""

from __future__ import annotations

import pytest

from bot.screening.answers import VALUES, generic_polarity, interpret_answer, interpret_free_text
from bot.text import normalize

# (reply, expected value, expected ambiguous)
CASES = [
    # buttons and plain words
    ("Yes", "yes", False),
    ("No", "no", False),
    ("Not sure", "not_sure", False),
    ("Prefer not to say", "prefer_not_to_say", False),
    ("/affirm", "yes", False),
    ("/deny", "no", False),
    ("/unsure", "not_sure", False),
    ("/prefer_not_say", "prefer_not_to_say", False),
    ("yes", "yes", False),
    ("YES!", "yes", False),
    ("yeah", "yes", False),
    ("yep", "yes", False),
    ("yup", "yes", False),
    ("y", "yes", False),
    ("sure", "yes", False),
    ("absolutely", "yes", False),
    ("correct", "yes", False),
    ("I do", "yes", False),
    ("yes I am", "yes", False),
    ("I have high blood pressure", "yes", False),
    ("I'm pregnant", "yes", False),
    ("I was diagnosed with bipolar disorder", "yes", False),
    ("\U0001f44d", "yes", False),
    # negations
    ("no", "no", False),
    ("nope", "no", False),
    ("nah", "no", False),
    ("n", "no", False),
    ("never", "no", False),
    ("no, never", "no", False),
    ("not really", "no", False),
    ("not at all", "no", False),
    ("definitely not", "no", False),
    ("of course not", "no", False),
    ("none", "no", False),
    ("I don't", "no", False),
    ("I'm not pregnant", "no", False),
    ("I have never had heart problems", "no", False),
    ("I didn't", "no", False),
    ("no history of that", "no", False),
    ("Nope, nothing like that", "no", False),
    # hedged negatives
    ("I don't think so", "no", True),
    ("probably not", "no", True),
    ("not that I know of", "no", True),
    ("not anymore", "no", True),
    ("no longer", "no", True),
    ("I doubt it", "no", True),
    ("not to my knowledge", "no", True),
    ("no, but I used to", "no", True),
    # hedged yes
    ("I think so", "yes", True),
    ("maybe", "yes", True),
    ("sort of", "yes", True),
    ("kind of", "yes", True),
    ("sometimes", "yes", True),
    ("possibly", "yes", True),
    ("I might be", "yes", True),
    ("a little", "yes", True),
    ("I guess", "yes", True),
    # qualified yes
    ("I was diagnosed years ago but it's treated now", "yes", True),
    ("yes but it is controlled with medication", "yes", True),
    ("yes, in the past", "yes", True),
    ("used to drink a lot", "yes", True),
    ("I had hepatitis years ago", "yes", True),
    ("hypertension, but on meds", "yes", True),
    # not sure
    ("idk", "not_sure", False),
    ("I don't know", "not_sure", False),
    ("dunno", "not_sure", False),
    ("no idea", "not_sure", False),
    ("I'm not sure", "not_sure", False),
    ("unsure", "not_sure", False),
    ("I can't remember", "not_sure", False),
    ("never been tested", "not_sure", False),
    ("yes and no", "not_sure", False),
    ("maybe a little, nothing serious", "not_sure", True),
    # prefer not to say
    ("I'd rather not say", "prefer_not_to_say", False),
    ("rather not answer", "prefer_not_to_say", False),
    ("that's private", "prefer_not_to_say", False),
    ("skip", "prefer_not_to_say", False),
    ("I don't want to answer that", "prefer_not_to_say", False),
    ("pass", "prefer_not_to_say", False),
    # unclear
    ("hmm", "unclear", False),
    ("my dad has it", "unclear", False),
    ("purple", "unclear", False),
    ("", "unclear", False),
    ("   ", "unclear", False),
    ("what?", "unclear", False),
]


def test_at_least_sixty_free_text_cases():
    free_text = [c for c in CASES if not c[0].startswith("/")]
    assert len(free_text) >= 60


@pytest.mark.parametrize(("reply", "value", "ambiguous"), CASES)
def test_interpret_answer(reply, value, ambiguous):
    result = interpret_answer(reply)
    assert (result.value, result.ambiguous) == (value, ambiguous), result.reason


@pytest.mark.parametrize("reply", [c[0] for c in CASES])
def test_values_are_from_the_fixed_set(reply):
    result = interpret_answer(reply)
    assert result.value in VALUES
    assert result.reason


def test_curly_apostrophes_are_read():
    assert interpret_answer("I don\u2019t think so").value == "no"
    assert interpret_answer("I\u2019d rather not say").value == "prefer_not_to_say"


@pytest.mark.parametrize(
    ("reply", "value"),
    [
        ("Sertraline 50mg, lithium", "provided"),
        ("I take lamotrigine and a multivitamin", "provided"),
        ("none", "none"),
        ("None", "none"),
        ("nothing", "none"),
        ("no medications", "none"),
        ("prefer not to say", "prefer_not_to_say"),
        ("/prefer_not_say", "prefer_not_to_say"),
        ("/deny", "none"),
        ("idk", "unclear"),
        ("", "unclear"),
        ("nein", "none"),
        ("nada", "none"),
    ],
)
def test_interpret_free_text(reply, value):
    assert interpret_free_text(reply).value == value


@pytest.mark.parametrize(
    ("reply", "polarity"),
    [("nein danke", "no"), ("oui", "yes"), ("sí", "yes"), ("non", "no"), ("si tu veux", None)],
)
def test_generic_polarity_reads_a_whole_reply_in_another_language(reply, polarity):
    assert generic_polarity(normalize(reply)) == polarity
