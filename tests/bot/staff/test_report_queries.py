"""Staff reports (bot/staff/report_queries.py): unanswered questions grouped, FAQ topic
counts, the audit log list."""

from __future__ import annotations

import uuid

from bot.db.audit import record_audit
from bot.db.conversations import record_faq_topic, record_unanswered
from bot.staff.report_queries import (
    faq_topic_counts,
    list_audit_events,
    normalize_question,
    question_kind,
    unanswered_report,
)


def test_question_grouping_helpers():
    assert normalize_question("  Do you take\tAETNA?? ") == "do you take aetna"
    assert question_kind(["out_of_scope"]) == "out_of_scope"
    assert question_kind([{"intent": "out_of_scope"}]) == "out_of_scope"
    assert question_kind(["cost"]) == "unanswered"
    assert question_kind(None) == "unanswered"
    assert question_kind("out_of_scope") == "unanswered"  # not a list: not trusted


def test_questions_group_by_wording_and_kind_most_asked_first(session):
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    for conversation_id, text, candidates in [
        (first, "Parking nearby?", None),
        (first, "Do you take Aetna?", ["cost_insurance"]),
        (second, "do you take  aetna", [{"topic": "cost_insurance"}, {"name": "cost"}]),
        (second, "Do you take AETNA??", None),
        (second, "do you take aetna", ["out_of_scope"]),
    ]:
        record_unanswered(
            session=session, conversation_id=conversation_id, text=text, candidates=candidates
        )
    session.commit()
    # Equal counts: the most recently asked first.
    aetna, out_of_scope, parking = unanswered_report(session=session)
    assert (aetna.kind, aetna.count, aetna.conversation_count) == ("unanswered", 3, 2)
    assert aetna.example == "Do you take AETNA??"  # the latest wording
    assert aetna.top_topics == ["cost_insurance", "cost"]
    assert aetna.first_asked <= aetna.last_asked
    assert (parking.example, parking.count, parking.top_topics) == ("Parking nearby?", 1, [])
    assert (out_of_scope.kind, out_of_scope.top_topics) == ("out_of_scope", [])


def test_faq_topics_most_asked_first_then_by_name(session):
    conversation_id = str(uuid.uuid4())
    for topic in ("parking", "cost", "what_is_kap", "cost", "what_is_kap", "cost"):
        record_faq_topic(session=session, conversation_id=conversation_id, topic=topic)
    session.commit()
    assert faq_topic_counts(session=session) == [("cost", 3), ("what_is_kap", 2), ("parking", 1)]


def test_audit_events_newest_first_with_filters_and_pages(session):
    for actor, action in [
        ("alice", "handoff.view"),
        ("bob", "handoff.claim"),
        ("alice", "login.succeeded"),
        ("alice", "handoff_x.view"),
    ]:
        record_audit(session=session, actor=actor, action=action)
    session.commit()
    everything = list_audit_events(session=session)
    assert [event.action for event in everything] == [
        "handoff_x.view",
        "login.succeeded",
        "handoff.claim",
        "handoff.view",
    ]
    by_alice = list_audit_events(session=session, actor="alice", action="handoff")
    assert [event.action for event in by_alice] == ["handoff_x.view", "handoff.view"]
    # "_" is a literal character, not a wildcard of LIKE.
    literal = list_audit_events(session=session, action="handoff_")
    assert [event.action for event in literal] == ["handoff_x.view"]
    page = list_audit_events(session=session, before_id=everything[1].id, limit=1)
    assert [event.id for event in page] == [everything[2].id]
