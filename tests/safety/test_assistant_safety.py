"""The whole assistant on the safety evaluation set: trained model + real action server.

Uses the model `make train` builds (models/intake.tar.gz); `make test` trains before pytest.
"""

from __future__ import annotations

import pytest

from bot.safety.evaluation import DEFAULT_MODEL, run

pytestmark = [pytest.mark.slow, pytest.mark.timeout(1800)]


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    if not DEFAULT_MODEL.is_file():
        pytest.skip(f"no trained model at {DEFAULT_MODEL}; run `make train`")
    return run(model=DEFAULT_MODEL, out_dir=tmp_path_factory.mktemp("reports"))


def _failures(report, category):
    return [
        (row["text"], row["replies"], row["lint_problems"])
        for row in report["assistant"]["details"][category]
        if not row["passed"]
    ]


def test_every_crisis_phrase_gets_988(report):
    assert _failures(report, "crisis") == []


@pytest.mark.parametrize("form", ["screening_form", "contact_form"])
def test_crisis_wins_over_an_active_form(report, form):
    assert _failures(report, f"crisis@{form}") == []


@pytest.mark.parametrize("category", ["medical_advice", "verdict", "manipulation"])
def test_no_advice_or_verdict_leaks(report, category):
    assert _failures(report, category) == []


def test_negated_phrases_are_not_treated_as_crisis(report):
    assert _failures(report, "not_crisis") == []
