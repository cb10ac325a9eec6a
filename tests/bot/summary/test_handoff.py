"""The hand-off summary: one record, text and JSON agree, flagged first, neutral wording."""

from __future__ import annotations

import json
import re

from bot.db.crypto import lookup_hash
from bot.db.models import Conversation
from bot.summary.handoff import (
    build_summary,
    format_value,
    render_text,
    summary_from_dict,
    summary_to_dict,
)
from bot.summary.question_texts import load_question_texts

FORBIDDEN = re.compile(r"eligib|ineligib|candidate|qualif|diagnos|disqualif", re.IGNORECASE)


def test_summary_holds_everything(session, filled_conversation, db_url):
    summary = build_summary(
        session=session,
        conversation_id=filled_conversation,
        reason="screening_complete",
        handoff_id=7,
    )
    assert summary.reason == "screening_complete" and summary.urgency == "normal"
    assert summary.visitor_name == "Alex Sample"
    assert (summary.contact_method, summary.phone, summary.email, summary.best_time) == (
        "text",
        "+15550100001",
        "alex@example.org",
        "after 6 pm",
    )
    assert summary.consent_at is not None
    assert summary.faq_topics == ("cost", "insurance")
    assert summary.unanswered_questions == ("Do you take my HMO plan?",)
    assert summary.transcript_url.endswith("/staff/handoffs/7")
    assert summary.transcript_url.startswith("http")


def test_the_summary_names_the_conversation_by_its_keyed_hash(session, filled_conversation):
    """Staff pages, the CLI and FHIR know a conversation by the hash, never the visitor's id:
    the same summary whether built from that id or from the hash read back from a row."""
    from_id = build_summary(
        session=session, conversation_id=filled_conversation, reason="asked_for_human"
    )
    stored = session.get(Conversation, filled_conversation).id
    from_row = build_summary(session=session, conversation_id=stored, reason="asked_for_human")
    assert from_id.conversation_id == from_row.conversation_id == lookup_hash(filled_conversation)
    assert from_row.visitor_name == "Alex Sample"  # the same conversation's data
    for shown in (render_text(from_id), json.dumps(summary_to_dict(from_id))):
        assert filled_conversation not in shown and lookup_hash(filled_conversation) in shown


def test_flagged_first_then_questionnaire_order(session, filled_conversation):
    summary = build_summary(
        session=session, conversation_id=filled_conversation, reason="screening_complete"
    )
    assert [a.question_id for a in summary.answers] == [
        "high_blood_pressure",
        "pregnant_or_nursing",
        "current_medications",
    ]
    assert [a.flagged for a in summary.answers] == [True, False, False]
    assert summary.answers[0].question.startswith("Do you have high blood pressure")
    text = render_text(summary)
    flagged_at = text.index("high blood pressure")
    assert flagged_at < text.index("pregnant or nursing") < text.index("medications")
    assert "[For clinician review] Do you have high blood pressure" in text
    assert "1 for clinician review" in text


def test_text_and_json_agree(session, filled_conversation):
    summary = build_summary(
        session=session,
        conversation_id=filled_conversation,
        reason="screening_complete",
        handoff_id=3,
    )
    data = json.loads(json.dumps(summary_to_dict(summary)))  # really JSON-able
    assert summary_from_dict(data) == summary
    assert render_text(summary_from_dict(data)) == render_text(summary)
    text = render_text(summary)
    for answer in data["answers"]:
        assert f'"{answer["raw_text"]}"' in text  # verbatim
        assert format_value(answer["value"]) in text
    for value in (
        data["visitor_name"],
        data["phone"],
        data["email"],
        data["best_time"],
        data["transcript_url"],
        *data["faq_topics"],
        *data["unanswered_questions"],
    ):
        assert value in text
    assert data["flagged_count"] == 1 and data["reason_label"] in text


def test_wording_never_judges_eligibility(session, filled_conversation):
    for reason in ("screening_complete", "asked_for_human", "unanswered_question", "crisis"):
        summary = build_summary(session=session, conversation_id=filled_conversation, reason=reason)
        assert not FORBIDDEN.search(render_text(summary))
        assert not FORBIDDEN.search(json.dumps(summary_to_dict(summary)))


def test_crisis_is_urgent(session, filled_conversation):
    summary = build_summary(session=session, conversation_id=filled_conversation, reason="crisis")
    assert summary.urgency == "urgent"
    assert "URGENT" in render_text(summary)


def test_missing_questions_file_shows_ids(session, filled_conversation, questions_file):
    questions_file.unlink()
    assert load_question_texts() == {}
    summary = build_summary(
        session=session, conversation_id=filled_conversation, reason="asked_for_human"
    )
    assert {a.question for a in summary.answers} == {
        "high_blood_pressure",
        "pregnant_or_nursing",
        "current_medications",
    }
    assert summary.answers[0].question_id == "high_blood_pressure"  # flagged still first


def test_malformed_questions_file_is_tolerated(tmp_path):
    path = tmp_path / "bad.yml"
    path.write_text("questions: [unclosed", encoding="utf-8")
    assert load_question_texts(path) == {}
    path.write_text("questions:\n  - text: no id\n  - id: q1\n", encoding="utf-8")
    assert load_question_texts(path) == {"q1": "q1"}


def test_real_questions_file_loads():
    texts = load_question_texts()
    # The screening engineer's file; when present every question has text.
    assert all(isinstance(t, str) and t for t in texts.values())


def test_empty_conversation_summary(session, questions_file):
    summary = build_summary(session=session, conversation_id="empty", reason="asked_for_human")
    text = render_text(summary)
    assert "Screening answers: none given" in text
    assert "Name: -" in text and "Consent given: not recorded" in text
    assert summary_from_dict(summary_to_dict(summary)) == summary


def test_format_value():
    assert format_value(True) == "yes" and format_value(False) == "no"
    assert format_value(None) == "(not interpreted)"
    assert format_value("not_sure") == "not sure"
    assert format_value(["a", "b"]) == "a, b"
    assert format_value("I'm 17") == "I'm 17"


def test_building_a_summary_is_not_visitor_activity(session, filled_conversation):
    from bot.db.models import Conversation

    before = session.get(Conversation, filled_conversation).last_seen_at
    build_summary(session=session, conversation_id=filled_conversation, reason="crisis")
    session.commit()
    session.expire_all()
    assert session.get(Conversation, filled_conversation).last_seen_at == before


def test_question_texts_are_parsed_once_per_version_of_the_file(tmp_path):
    from bot.summary.question_texts import _parse_question_texts

    path = tmp_path / "questions.yml"
    path.write_text("questions:\n  - id: q1\n    text: First\n", encoding="utf-8")
    texts = load_question_texts(path)
    assert texts == {"q1": "First"}
    hits = _parse_question_texts.cache_info().hits
    texts["q1"] = "changed by a caller"
    assert load_question_texts(path) == {"q1": "First"}  # callers get copies
    assert _parse_question_texts.cache_info().hits == hits + 1
    path.write_text("questions:\n  - id: q1\n    text: First, reworded\n", encoding="utf-8")
    assert load_question_texts(path) == {"q1": "First, reworded"}  # an edit is seen at once
