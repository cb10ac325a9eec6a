"""Shared by the hand-off and summary tests: a known questions file and a filled conversation."""

from __future__ import annotations

import pytest

from bot.db.conversations import record_faq_topic, record_unanswered
from tests.factories import conversation_with_answers

QUESTIONS_YAML = """
questions:
  - id: pregnant_or_nursing
    kind: yes_no
    text: "Are you currently pregnant or nursing?"
  - id: high_blood_pressure
    kind: yes_no
    text: "Do you have high blood pressure that is not well controlled?"
  - id: current_medications
    kind: free_text
    text: "Which medications do you take?"
"""


@pytest.fixture
def questions_file(tmp_path, monkeypatch):
    """A small screening_questions.yml used by the summary."""
    path = tmp_path / "screening_questions.yml"
    path.write_text(QUESTIONS_YAML, encoding="utf-8")
    monkeypatch.setattr("bot.summary.question_texts.QUESTIONS_FILE", path)
    return path


@pytest.fixture
def filled_conversation(session, questions_file):
    """Conversation ``conv-1`` with consent, contact, answers (one flagged), FAQ, unanswered."""
    cid = conversation_with_answers(
        session,
        "conv-1",
        consent=True,
        contact={
            "name": "Alex Sample",
            "method": "text",
            "phone": "+15550100001",
            "email": "alex@example.org",
            "best_time": "after 6 pm",
        },
        answers=[
            ("pregnant_or_nursing", "nope", "no", False),
            ("current_medications", "sertraline 50mg, sometimes xanax", "provided", False),
            ("high_blood_pressure", "i think so? my doctor mentioned it", "not_sure", True),
        ],
    )
    record_faq_topic(session=session, conversation_id=cid, topic="cost")
    record_faq_topic(session=session, conversation_id=cid, topic="insurance")
    record_unanswered(session=session, conversation_id=cid, text="Do you take my HMO plan?")
    session.commit()
    return cid
