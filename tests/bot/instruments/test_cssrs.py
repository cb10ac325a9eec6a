"""The C-SSRS screener: file, skip logic and triage (bot/instruments/cssrs.py)."""

from __future__ import annotations

import copy

import pytest
import yaml

from bot.instruments.cssrs import (
    LEVELS,
    SCREENER_FILE,
    default_screener,
    load_screener,
    next_question,
    triage,
    triage_level,
)
from bot.instruments.file_fields import InstrumentAnswerError, InstrumentFileError

Q1, Q2, Q3, Q4, Q5, Q6, Q6_RECENT = (
    "cssrs_1",
    "cssrs_2",
    "cssrs_3",
    "cssrs_4",
    "cssrs_5",
    "cssrs_6",
    "cssrs_6_past_3_months",
)


def walk(script: dict[str, bool]) -> tuple[list[str], dict[str, bool]]:
    """Run the screener, answering each question from ``script``; return (asked, answers)."""
    asked: list[str] = []
    answers: dict[str, bool] = {}
    while (question := next_question(answers)) is not None:
        asked.append(question)
        answers[question] = script[question]
        assert len(asked) <= 7, "the screener never asks more than 7 questions"
    return asked, answers


def test_shipped_file_loads_with_the_standard_questions():
    screener = default_screener()
    assert screener.ids == [Q1, Q2, Q3, Q4, Q5, Q6, Q6_RECENT]
    texts = {q.id: q.text for q in screener.questions}
    assert texts[Q1] == (
        "Have you wished you were dead or wished you could go to sleep and not wake up?"
    )
    assert texts[Q2] == "Have you actually had any thoughts of killing yourself?"
    assert texts[Q3] == "Have you been thinking about how you might do this?"
    assert texts[Q4] == "Have you had these thoughts and had some intention of acting on them?"
    assert texts[Q5] == (
        "Have you started to work out or worked out the details of how to kill yourself? "
        "Do you intend to carry out this plan?"
    )
    assert texts[Q6] == (
        "Have you ever done anything, started to do anything, or prepared to do anything "
        "to end your life?"
    )
    assert texts[Q6_RECENT] == "Was this within the past 3 months?"
    assert [q.ask_if_yes for q in screener.questions] == [None, None, Q2, Q2, Q2, None, Q6]
    assert [q.timeframe for q in screener.questions] == ["past month"] * 5 + [
        "lifetime",
        "past 3 months",
    ]
    assert screener.get(Q6).examples.startswith("Examples: Collected pills")
    assert screener.get("nope") is None
    assert [(r.level, r.colour, r.any_yes) for r in screener.triage] == [
        ("high", "red", (Q4, Q5, Q6_RECENT)),
        ("moderate", "orange", (Q3, Q6)),
        ("low", "yellow", (Q1, Q2)),
    ]
    assert load_screener(SCREENER_FILE) == screener


# Every path through the skip logic: (answers given, questions asked in order).
SKIP_PATHS = [
    ({Q1: False, Q2: False, Q6: False}, [Q1, Q2, Q6]),
    ({Q1: True, Q2: False, Q6: False}, [Q1, Q2, Q6]),
    ({Q1: False, Q2: False, Q6: True, Q6_RECENT: False}, [Q1, Q2, Q6, Q6_RECENT]),
    ({Q1: True, Q2: False, Q6: True, Q6_RECENT: True}, [Q1, Q2, Q6, Q6_RECENT]),
    (
        {Q1: True, Q2: True, Q3: False, Q4: False, Q5: False, Q6: False},
        [Q1, Q2, Q3, Q4, Q5, Q6],
    ),
    (
        {Q1: True, Q2: True, Q3: True, Q4: True, Q5: True, Q6: True, Q6_RECENT: True},
        [Q1, Q2, Q3, Q4, Q5, Q6, Q6_RECENT],
    ),
    (
        {Q1: False, Q2: True, Q3: False, Q4: True, Q5: False, Q6: True, Q6_RECENT: False},
        [Q1, Q2, Q3, Q4, Q5, Q6, Q6_RECENT],
    ),
]


@pytest.mark.parametrize(("script", "expected"), SKIP_PATHS)
def test_skip_logic_paths(script, expected):
    asked, answers = walk(script)
    assert asked == expected
    assert triage(answers).partial is False


def test_next_question_step_by_step():
    assert next_question({}) == Q1
    assert next_question({Q1: False}) == Q2
    assert next_question({Q1: False, Q2: False}) == Q6  # NO to 2: straight to 6
    assert next_question({Q1: False, Q2: True}) == Q3  # YES to 2: 3, 4, 5, then 6
    assert next_question({Q1: False, Q2: True, Q3: False}) == Q4
    assert next_question({Q1: False, Q2: True, Q3: False, Q4: False}) == Q5
    assert next_question({Q1: False, Q2: True, Q3: False, Q4: False, Q5: False}) == Q6
    assert next_question({Q1: False, Q2: False, Q6: False}) is None  # NO to 6: done
    assert next_question({Q1: False, Q2: False, Q6: True}) == Q6_RECENT  # YES: past 3 months?
    assert next_question({Q1: False, Q2: False, Q6: True, Q6_RECENT: False}) is None


def test_declined_questions_are_not_asked_again_nor_what_depends_on_them():
    assert next_question({}, declined={Q1}) == Q2
    assert next_question({Q1: True}, declined={Q2}) == Q6  # 3-5 depend on 2
    assert next_question({Q1: True, Q2: True}, declined={Q3}) == Q4
    assert next_question({Q1: True, Q2: False}, declined={Q6}) is None


# (answers, level) for every triage level; HIGH: yes to 4 or 5, or 6 within 3 months;
# MODERATE: yes to 3, or 6 longer ago; LOW: yes to 1 or 2 only; otherwise none.
TRIAGE = [
    ({Q1: False, Q2: False, Q6: False}, "none", ()),
    ({Q1: True, Q2: False, Q6: False}, "low", ("1",)),
    ({Q1: False, Q2: True, Q3: False, Q4: False, Q5: False, Q6: False}, "low", ("2",)),
    ({Q1: True, Q2: True, Q3: False, Q4: False, Q5: False, Q6: False}, "low", ("1", "2")),
    ({Q1: True, Q2: True, Q3: True, Q4: False, Q5: False, Q6: False}, "moderate", ("3",)),
    ({Q1: False, Q2: False, Q6: True, Q6_RECENT: False}, "moderate", ("6",)),
    ({Q1: True, Q2: True, Q3: True, Q4: False, Q5: False, Q6: True, Q6_RECENT: False},
     "moderate", ("3", "6")),
    ({Q1: False, Q2: False, Q6: True, Q6_RECENT: True}, "high", ("6 (past 3 months)",)),
    ({Q1: True, Q2: True, Q3: False, Q4: True, Q5: False, Q6: False}, "high", ("4",)),
    ({Q1: True, Q2: True, Q3: True, Q4: False, Q5: True, Q6: False}, "high", ("5",)),
    ({Q1: True, Q2: True, Q3: True, Q4: True, Q5: True, Q6: True, Q6_RECENT: True},
     "high", ("4", "5", "6 (past 3 months)")),
]  # fmt: skip


@pytest.mark.parametrize(("answers", "level", "because"), TRIAGE)
def test_triage_levels_follow_the_published_cut_offs(answers, level, because):
    result = triage(answers)
    assert triage_level(answers) == level == result.level
    assert result.because == because
    assert result.partial is False and result.unanswered == ()
    assert result.staff_label.endswith("; screening result, not a diagnosis")
    assert "PARTIAL" not in result.staff_label


def test_staff_labels_name_level_colour_and_reasons():
    high = triage({Q1: False, Q2: False, Q6: True, Q6_RECENT: True})
    assert high.staff_label == (
        "high risk (red): yes to 6 (past 3 months); screening result, not a diagnosis"
    )
    moderate = triage({Q1: False, Q2: False, Q6: True, Q6_RECENT: False})
    assert moderate.staff_label.startswith("moderate risk (orange): yes to 6;")
    low = triage({Q1: True, Q2: False, Q6: False})
    assert low.staff_label.startswith("low risk (yellow): yes to 1;")
    none = triage({Q1: False, Q2: False, Q6: False})
    assert none.colour is None
    assert none.staff_label == "no risk identified; screening result, not a diagnosis"
    assert LEVELS == ("high", "moderate", "low", "none")


@pytest.mark.parametrize(
    ("answers", "level", "unanswered"),
    [
        ({}, "none", ("1", "2", "3", "4", "5", "6", "6 (past 3 months)")),
        ({Q1: True}, "low", ("2", "3", "4", "5", "6", "6 (past 3 months)")),
        ({Q1: False, Q2: False}, "none", ("6", "6 (past 3 months)")),
        ({Q1: True, Q2: True, Q3: True}, "moderate", ("4", "5", "6", "6 (past 3 months)")),
        ({Q1: False, Q2: True, Q3: False, Q4: True}, "high", ("5", "6", "6 (past 3 months)")),
        # Yes to 6 but "when" unanswered: the given answers support moderate, not more.
        ({Q1: False, Q2: False, Q6: True}, "moderate", ("6 (past 3 months)",)),
    ],
)
def test_partial_screeners_get_the_level_the_answers_support(answers, level, unanswered):
    result = triage(answers)
    assert result.level == level
    assert result.partial is True
    assert result.unanswered == unanswered
    assert "PARTIAL screener (level from the answers given, it may be higher)" in (
        result.staff_label
    )
    assert f"not answered: {', '.join(unanswered)}" in result.staff_label


def test_answers_to_questions_the_skip_logic_would_not_ask_still_count():
    assert triage_level({Q1: False, Q2: False, Q4: True, Q6: False}) == "high"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ({"cssrs_7": True}, r"unknown question ids \['cssrs_7'\]"),
        ({Q1: "yes"}, "'cssrs_1': answer must be yes/no"),
        ({Q1: 1}, "'cssrs_1': answer must be yes/no"),
        ({Q1: None}, "'cssrs_1': answer must be yes/no"),
    ],
)
def test_invalid_answers_raise_a_clear_error(answers, message):
    with pytest.raises(InstrumentAnswerError, match=message):
        triage(answers)
    with pytest.raises(InstrumentAnswerError, match=message):
        next_question(answers)


def test_unknown_declined_ids_raise():
    with pytest.raises(InstrumentAnswerError, match="unknown question ids"):
        next_question({}, declined={"q9"})


def _raw() -> dict:
    return yaml.safe_load(SCREENER_FILE.read_text(encoding="utf-8"))


def _bad_condition(raw):
    raw["questions"][2]["ask_if_yes"] = "cssrs_5"


def _bad_any_yes(raw):
    raw["triage"][0]["any_yes"] = ["cssrs_4", "cssrs_9"]


def _bad_order(raw):
    raw["triage"][0], raw["triage"][1] = raw["triage"][1], raw["triage"][0]


def _duplicate(raw):
    raw["questions"][3]["id"] = "cssrs_3"


def _staff_word(raw):
    raw["questions"][0]["text"] = "Have you wished you were dead? (low risk)"


def _no_colour(raw):
    del raw["triage"][2]["colour"]


def _missing_level(raw):
    raw["triage"].pop()


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        (_bad_condition, "ask_if_yes 'cssrs_5' is not an earlier question"),
        (_bad_any_yes, "any_yes must list question ids of this screener"),
        (_bad_order, "triage levels must be high, moderate, low, most urgent first"),
        (_missing_level, "triage levels must be high, moderate, low"),
        (_duplicate, "id 'cssrs_3' is used twice"),
        (_staff_word, "staff-only word 'risk'"),
        (_no_colour, "triage level 'low': `colour` is missing"),
    ],
)
def test_bad_screener_files_are_refused(tmp_path, mutate, message):
    raw = copy.deepcopy(_raw())
    mutate(raw)
    path = tmp_path / "cssrs_screener.yml"
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")
    with pytest.raises(InstrumentFileError, match=message):
        load_screener(path)
    with pytest.raises(InstrumentFileError, match="not found"):
        load_screener(tmp_path / "missing.yml")
