"""The question texts the summary shows (bot/summary/question_texts.py)."""

from __future__ import annotations

import os

from bot.questionnaire.questions import default_questions
from bot.summary.question_texts import load_question_texts


def test_the_shipped_file_gives_every_question_its_text_in_asking_order():
    texts = load_question_texts()
    assert texts == {question.id: question.text for question in default_questions()}


def test_texts_in_file_order_with_summary_or_id_when_no_text(tmp_path):
    path = tmp_path / "questions.yml"
    path.write_text(
        "questions:\n"
        "  - id: b\n    text: '  Second?  '\n"
        "  - id: a\n    summary: First, in short\n"
        "  - id: c\n"
        "  - text: no id, skipped\n"
        "  - just a string\n",
        encoding="utf-8",
    )
    assert load_question_texts(path) == {"b": "Second?", "a": "First, in short", "c": "c"}


def test_an_edited_file_is_read_again_without_a_restart(tmp_path):
    path = tmp_path / "questions.yml"
    path.write_text("questions:\n  - id: a\n    text: Old?\n", encoding="utf-8")
    assert load_question_texts(path) == {"a": "Old?"}
    path.write_text("questions:\n  - id: a\n    text: Newer wording?\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    assert load_question_texts(path) == {"a": "Newer wording?"}


def test_a_missing_or_broken_file_gives_no_texts(tmp_path):
    assert load_question_texts(tmp_path / "missing.yml") == {}
    broken = tmp_path / "broken.yml"
    broken.write_text("questions: [\n", encoding="utf-8")
    assert load_question_texts(broken) == {}
    listed = tmp_path / "list.yml"
    listed.write_text("- a\n- b\n", encoding="utf-8")
    assert load_question_texts(listed) == {}
