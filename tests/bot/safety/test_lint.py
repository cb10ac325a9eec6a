"""The wording lint for visitor-facing text (bot/safety/lint.py)."""

from __future__ import annotations

import pytest

from bot.safety.lint import RULES, lint_crisis_text, lint_text, mentions_crisis


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("You are eligible for ketamine.", "verdict"),
        ("You have   depression.", "diagnosis"),  # spacing does not hide it
        ("You suffer from anxiety.", "diagnosis"),
        ("Take 2 pills a day.", "dosage"),
        ("Ask about milligrams per kilo.", "dosage"),
    ],
)
def test_a_verdict_diagnosis_or_dose_is_named_with_the_words_found(text, rule):
    [problem] = lint_text(text)
    assert problem.startswith(f"{rule}: ")
    assert problem.endswith("'")  # quotes the offending words


@pytest.mark.parametrize(
    "text", ["", "Ketamine may help some people. The care team can tell you more."]
)
def test_neutral_information_is_clean(text):
    assert lint_text(text) == []


def test_every_rule_has_a_name_and_a_message():
    assert RULES and all(rule.name and rule.message for rule in RULES)


@pytest.mark.parametrize(
    ("text", "mentions"),
    [
        ("If you are in crisis, call 988.", True),
        ("Thoughts of suicide or self-harm", True),
        ("Ketamine sessions last about two hours.", False),
        (None, False),
    ],
)
def test_mentions_crisis(text, mentions):
    assert mentions_crisis(text) is mentions


def test_a_crisis_reply_must_give_the_988_line():
    assert lint_crisis_text("If you are in crisis, call or text 988.") == []
    assert lint_crisis_text("If you are in crisis, call 19880.") == [
        "crisis: crisis reply without the 988 line"
    ]
    # The general rules apply too.
    problems = lint_crisis_text("You are eligible. Call 988.")
    assert [p.split(":")[0] for p in problems] == ["verdict"]
