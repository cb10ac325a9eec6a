"""Scoring PHQ-9 and GAD-7 by the published rules (bot/instruments/scoring.py)."""

from __future__ import annotations

import pytest

from bot.instruments.content import Instrument, load_instrument
from bot.instruments.file_fields import InstrumentAnswerError
from bot.instruments.scoring import (
    STAFF_NOTE,
    item9_positive,
    item_scores,
    score,
    starts_crisis,
)
from tests.case_tables import load

CODE_FOR_SCORE = {0: "not_at_all", 1: "several_days", 2: "more_than_half", 3: "nearly_every_day"}


@pytest.fixture
def phq9() -> Instrument:
    return load_instrument("phq9")


@pytest.fixture
def gad7() -> Instrument:
    return load_instrument("gad7")


def answers_for_total(
    instrument: Instrument, total: int, *, crisis: int | None = None
) -> dict[str, str]:
    """A complete form adding up to ``total`` (items filled in order, 3 points at a time).

    ``crisis`` fixes the crisis item's score first; by default it is filled like the others.
    """
    answers: dict[str, str] = {}
    remaining = total
    if instrument.crisis_item and crisis is not None:
        answers[instrument.crisis_item] = CODE_FOR_SCORE[crisis]
        remaining -= crisis
    for item_id in instrument.item_ids:
        if item_id in answers:
            continue
        item_score = min(3, remaining)
        answers[item_id] = CODE_FOR_SCORE[item_score]
        remaining -= item_score
    assert remaining == 0, "total out of reach"
    return answers


# Each published band's lowest and highest total (cases/standard_forms.yml: Kroenke, Spitzer &
# Williams 2001 for the PHQ-9, Spitzer et al. 2006 for the GAD-7).
STANDARD_FORMS = load("bot/instruments/standard_forms")["forms"]
EDGES = [
    (name, total, label)
    for name, form in STANDARD_FORMS.items()
    for low, high, label in form["bands"]
    for total in (low, high)
]


@pytest.mark.parametrize(("name", "total", "band"), EDGES)
def test_edge_totals_fall_in_the_published_bands(name, total, band):
    instrument = load_instrument(name)
    result = score(instrument, answers_for_total(instrument, total))
    assert result.complete and result.missing == ()
    assert (result.total, result.band) == (total, band)
    assert result.staff_label == f"{band} (screening score, not a diagnosis)"
    form = STANDARD_FORMS[name]
    summary = f"{form['short_name']} {total}/{form['max_total']}: {band} ({STAFF_NOTE})"
    assert result.staff_summary == summary
    assert sum(result.item_scores.values()) == total
    assert list(result.item_scores) == instrument.item_ids
    assert result.max_total == form["max_total"]
    if form["crisis_item"] is None:  # the GAD-7 never starts the crisis protocol
        assert result.starts_crisis is False


def test_every_phq9_total_has_exactly_one_band(phq9):
    for total in range(28):
        assert score(phq9, answers_for_total(phq9, total)).band is not None


@pytest.mark.parametrize(
    ("code", "positive"),
    [
        ("not_at_all", False),
        ("several_days", True),
        ("more_than_half", True),
        ("nearly_every_day", True),
    ],
)
def test_phq9_item9_at_each_answer(phq9, code, positive):
    # Alone (the visitor has answered nothing else) and inside a complete low-scoring form.
    assert item9_positive({"phq9_9": code}) is positive
    assert starts_crisis(phq9, {"phq9_9": code}) is positive
    complete = answers_for_total(phq9, phq9.option(code).score, crisis=phq9.option(code).score)
    result = score(phq9, complete)
    assert result.starts_crisis is positive
    assert result.band == "minimal"  # a minimal total never hides a positive item 9


def test_item9_counts_on_an_incomplete_form_and_unanswered_is_not_positive(phq9):
    result = score(phq9, {"phq9_1": "not_at_all", "phq9_9": "several_days"})
    assert result.starts_crisis and result.total is None
    assert item9_positive({}) is False
    assert item9_positive({"phq9_1": "nearly_every_day"}) is False


def test_a_bad_answer_elsewhere_does_not_hide_a_positive_item9(phq9):
    assert starts_crisis(phq9, {"phq9_1": "typo", "phq9_9": "nearly_every_day"})
    with pytest.raises(InstrumentAnswerError, match="item 'phq9_9': unknown answer 'yes'"):
        item9_positive({"phq9_9": "yes"})


def test_gad7_never_starts_the_crisis_protocol(gad7):
    assert starts_crisis(gad7, answers_for_total(gad7, 21)) is False


def test_incomplete_forms_are_not_scored_or_prorated(phq9):
    answers = answers_for_total(phq9, 27)
    del answers["phq9_3"]  # eight items at 3 = 24; a prorated total would be 27
    result = score(phq9, answers)
    assert result.complete is False
    assert result.total is None and result.band is None
    assert result.missing == ("phq9_3",)
    assert result.starts_crisis  # item 9 at "Nearly every day"
    assert sum(result.item_scores.values()) == 24 and "phq9_3" not in result.item_scores
    assert result.staff_label == "not scored (incomplete: 1 of 9 items unanswered)"
    assert result.staff_summary.endswith("missing phq9_3")
    assert "27" not in result.staff_summary


def test_an_empty_form_lists_every_item_missing(gad7):
    result = score(gad7, {})
    assert result.missing == tuple(gad7.item_ids)
    assert (result.total, result.band, result.complete) == (None, None, False)
    assert result.staff_label == "not scored (incomplete: 7 of 7 items unanswered)"


def test_missing_items_are_listed_in_asking_order(phq9):
    answers = {item_id: "several_days" for item_id in phq9.item_ids}
    for item_id in ("phq9_8", "phq9_2", "phq9_5"):
        del answers[item_id]
    assert score(phq9, answers).missing == ("phq9_2", "phq9_5", "phq9_8")


@pytest.mark.parametrize("bad", ["sometimes", "Not at all", "", 3, None, True])
def test_invalid_answer_codes_raise_a_clear_error(phq9, bad):
    answers = answers_for_total(phq9, 5)
    answers["phq9_4"] = bad
    with pytest.raises(InstrumentAnswerError) as error:
        score(phq9, answers)
    message = str(error.value)
    assert f"PHQ-9 item 'phq9_4': unknown answer {bad!r}" in message
    assert "allowed: not_at_all, several_days, more_than_half, nearly_every_day" in message


def test_unknown_item_ids_raise_a_clear_error(gad7):
    answers = answers_for_total(gad7, 3)
    answers["phq9_1"] = "not_at_all"
    with pytest.raises(InstrumentAnswerError, match=r"GAD-7: unknown item ids \['phq9_1'\]"):
        score(gad7, answers)


def test_item_scores_follow_the_answer_options(phq9):
    answers = {"phq9_2": "more_than_half", "phq9_1": "nearly_every_day", "phq9_7": "not_at_all"}
    assert item_scores(phq9, answers) == {"phq9_1": 3, "phq9_2": 2, "phq9_7": 0}
    assert list(item_scores(phq9, answers)) == ["phq9_1", "phq9_2", "phq9_7"]


def test_score_results_are_read_only(phq9):
    result = score(phq9, answers_for_total(phq9, 12))
    with pytest.raises(TypeError):
        result.item_scores["phq9_1"] = 0  # type: ignore[index]
    with pytest.raises(AttributeError):
        result.total = 0  # type: ignore[misc]
