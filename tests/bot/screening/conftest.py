"""Shared fixtures for the screening reader's tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from bot.questionnaire.questions import default_questions
from bot.screening.reading import read_reply
from bot.screening.reading_result import Reading


@pytest.fixture
def read() -> Callable[[str, str], Reading]:
    """Read a typed reply to one of the default questions, by the question's id."""
    questions = default_questions()

    def read_to(question_id: str, text: str) -> Reading:
        return read_reply(questions.get(question_id), text)

    return read_to
