"""Loading and validating content/screening_questions.yml (bot/questionnaire/questions.py)."""

from __future__ import annotations

import pytest
import yaml

from bot.questionnaire.questions import (
    KIND_FREQUENCY,
    QUESTIONS_FILE,
    VERDICT_PATTERNS,
    QuestionFileError,
    default_questions,
    load_questions,
    main,
    parse_questions,
)
from bot.settings import get_settings

EXPECTED_IDS = [
    "pregnant_or_nursing",
    "high_blood_pressure",
    "heart_disease",
    "hyperthyroidism",
    "mania_or_bipolar",
    "psychosis",
    "suicidal_thoughts",
    "substance_withdrawal",
    "dissociation",
    "personality_disorder",
    "liver_disease",
    "bladder_inflammation",
    "intracranial_pressure",
    "current_medications",
]


def _minimal(**overrides):
    question = {"id": "q_one", "text": "Is this a question?", "help": "It asks something."}
    question.update(overrides)
    return {"questions": [question]}


def test_default_file_loads_with_the_seeded_questions():
    questions = load_questions()
    assert questions.ids == EXPECTED_IDS
    meds = questions.get("current_medications")
    assert meds.is_free_text
    assert all(not q.is_free_text for q in questions if q.id != "current_medications")
    assert questions.get("suicidal_thoughts").starts_crisis("yes")
    assert not questions.get("suicidal_thoughts").starts_crisis("no")
    assert all(q.help and q.topic for q in questions)


def test_yes_no_questions_offer_four_answers_and_flag_yes():
    for question in load_questions():
        if question.is_free_text:
            continue
        assert question.options == ("yes", "no", "not_sure", "prefer_not_to_say")
        assert question.is_flagged("yes")
        assert not question.is_flagged("no")
        assert question.is_flagged("no", ambiguous=True)
        assert question.is_flagged("unclear")


def test_estimated_minutes_follows_the_number_of_questions():
    one = parse_questions(_minimal())
    assert one.estimated_minutes() == 1
    many = parse_questions(
        {
            "questions": [{"id": f"q{i}", "text": "Question?", "help": "Help."} for i in range(12)]
            + [{"id": "meds", "kind": "free_text", "text": "List?", "help": "Help."}]
        }
    )
    # 12 x 20 s + 60 s = 300 s
    assert many.estimated_minutes() == 5
    assert load_questions().estimated_minutes() == 6


def test_bare_yes_no_in_yaml_are_read_as_words():
    raw = yaml.safe_load(
        "questions:\n  - id: q\n    text: T?\n    help: H.\n    flag_on: [yes, not_sure]\n"
    )
    assert parse_questions(raw).get("q").flag_on == ("yes", "not_sure")


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({}, "questions"),
        ({"questions": []}, "empty"),
        (_minimal(id="Bad Id"), "id"),
        ({"questions": [_minimal()["questions"][0]] * 2}, "twice"),
        (_minimal(kind="scale"), "kind"),
        (_minimal(text=""), "text is empty"),
        (_minimal(help=""), "help is empty"),
        (_minimal(flag_on=["maybe"]), "unknown values"),
        (_minimal(options=["yes", "perhaps"]), "unknown values"),
        (_minimal(text="Are you eligible for ketamine?"), "verdict"),
        (_minimal(help="If yes, this means you can't have ketamine."), "verdict"),
    ],
)
def test_invalid_files_are_refused(document, message):
    with pytest.raises(QuestionFileError, match=message):
        parse_questions(document)


def test_missing_and_broken_files(tmp_path):
    with pytest.raises(QuestionFileError, match="not found"):
        load_questions(tmp_path / "nope.yml")
    broken = tmp_path / "broken.yml"
    broken.write_text("questions: [unclosed", encoding="utf-8")
    with pytest.raises(QuestionFileError, match="YAML"):
        load_questions(broken)


def test_command_line_check(tmp_path, capsys):
    assert main([str(QUESTIONS_FILE)]) == 0
    assert "14 questions" in capsys.readouterr().out
    bad = tmp_path / "bad.yml"
    bad.write_text("questions: []\n", encoding="utf-8")
    assert main([str(bad)]) == 1


def test_no_question_text_or_help_contains_verdict_wording():
    for question in load_questions():
        for shown in (question.text, question.help):
            assert not [p.pattern for p in VERDICT_PATTERNS if p.search(shown)], question.id


def test_instrument_items_follow_the_questions_only_when_enabled(monkeypatch):
    """SCREENING_INSTRUMENTS (default none) appends the items, with their own answers."""
    base = len(default_questions())
    monkeypatch.setenv("SCREENING_INSTRUMENTS", "phq9,gad7")
    get_settings.cache_clear()
    default_questions.cache_clear()
    try:
        questions = default_questions()
        assert len(questions) == base + 16
        item = questions.get("phq9_9")
        assert item.kind == KIND_FREQUENCY and item.instrument == "phq9"
        assert item.options[-1] == "prefer_not_to_say"
        assert [title for _, title in item.option_titles] == [
            "Not at all",
            "Several days",
            "More than half the days",
            "Nearly every day",
        ]
        assert item.crisis_on == ("several_days", "more_than_half", "nearly_every_day")
        assert not questions.get("gad7_1").crisis_on
        # Each topic once in the introduction.
        assert questions.topics.count("mood over the last two weeks") == 1
    finally:
        monkeypatch.delenv("SCREENING_INSTRUMENTS")
        get_settings.cache_clear()
        default_questions.cache_clear()


def test_stopping_is_subject_is_read_from_the_reading_block():
    questions = default_questions()
    assert questions.get("substance_withdrawal").stopping_is_subject
    assert not questions.get("pregnant_or_nursing").stopping_is_subject


def test_text_words_are_the_questions_longer_words_normalised():
    question = default_questions().get("intracranial_pressure")
    assert {"pressure", "skull", "injury"} <= question.text_words
    assert "you" not in question.text_words and question.text_words is question.text_words


def test_reading_words_are_every_word_of_the_reading_phrases_normalised():
    heart = load_questions().get("heart_disease")
    assert {"heart", "attack", "afib", "murmur", "fib"} <= heart.reading_words
    assert {w for words in heart.topic_words for w in words.split()} <= heart.reading_words
    assert heart.reading_words is heart.reading_words  # worked out once
