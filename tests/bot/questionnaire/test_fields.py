"""Word-list fields and the ``reading:`` block (bot/questionnaire/fields.py)."""

from __future__ import annotations

import pytest

from bot.questionnaire.fields import QuestionFileError, reading_fields, word_list


def test_word_lists_are_lower_case_and_yaml_booleans_are_words():
    assert word_list(["Yes", True, False, " Heart "], "options", "q") == (
        "yes",
        "yes",
        "no",
        "heart",
    )
    assert word_list("bp", "keywords", "q") == ("bp",)
    assert word_list(None, "keywords", "q") == ()


def test_a_field_that_is_not_words_is_refused():
    with pytest.raises(QuestionFileError, match="keywords must be a list of words"):
        word_list({"a": 1}, "keywords", "q")


def test_the_reading_block_gives_the_question_fields():
    fields = reading_fields(
        {"past": False, True: ["weeks along"], "only_when": ["when anxious"]}, "q"
    )
    assert fields["past"] == "no"
    assert fields["reading_yes"] == ("weeks along",)
    assert fields["only_when"] == ("when anxious",)


def test_a_reading_block_that_is_not_a_mapping_is_refused():
    with pytest.raises(QuestionFileError, match="reading must be a mapping"):
        reading_fields(["yes"], "q")
