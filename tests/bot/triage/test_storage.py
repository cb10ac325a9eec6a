"""Storing screener answers and refreshing the crisis hand-off (bot/triage/storage.py)."""

from __future__ import annotations

from sqlalchemy import select

from bot.db.answers import current_answers
from bot.db.models import AuditEvent, OutboxMessage
from bot.handoffs.service import create_handoff
from bot.triage.storage import latest_crisis_handoff, store_triage_turn, update_crisis_handoff


def crisis(session, cid: str = "conv-t"):
    handoff = create_handoff(
        session=session, conversation_id=cid, reason="crisis", event_key="crisis:m-1"
    )
    session.flush()
    return handoff


def test_answers_are_flagged_verbatim_and_the_handoff_gets_the_level(session):
    handoff = crisis(session)
    store_triage_turn(
        session=session, conversation_id="conv-t", record=("cssrs_1", "yes, a lot", "yes"),
        ended=False,
    )  # fmt: skip
    store_triage_turn(
        session=session, conversation_id="conv-t", record=("cssrs_2", "nope", "no"), ended=False
    )
    rows = current_answers(session=session, conversation_id="conv-t")
    assert {qid: (r.raw_text, r.value, r.flagged) for qid, r in rows.items()} == {
        "cssrs_1": ("yes, a lot", "yes", True),
        "cssrs_2": ("nope", "no", True),
    }
    triage = handoff.summary_json["triage"]
    assert triage["level"] == "low" and triage["partial"]  # 6 not answered yet
    assert handoff.summary_json["reason"] == "crisis"  # the rest of what was sent is kept
    audit = session.execute(select(AuditEvent).where(AuditEvent.action == "handoff.triage_updated"))
    assert len(audit.scalars().all()) == 2


def test_staff_are_notified_only_when_the_screener_ends(session, monkeypatch):
    monkeypatch.setenv("NOTIFY_WEBHOOK_URL", "http://127.0.0.1:9/hook")
    from bot.settings import get_settings

    get_settings.cache_clear()
    crisis(session)
    store_triage_turn(
        session=session, conversation_id="conv-t", record=("cssrs_1", "no", "no"), ended=False
    )
    store_triage_turn(
        session=session, conversation_id="conv-t", record=("cssrs_2", "no", "no"), ended=False
    )
    store_triage_turn(
        session=session, conversation_id="conv-t", record=("cssrs_6", "no", "no"), ended=True
    )
    purposes = sorted(m.purpose for m in session.execute(select(OutboxMessage)).scalars())
    assert purposes == ["handoff", "handoff_update"]
    get_settings.cache_clear()


def test_the_latest_crisis_handoff_gets_it_and_none_is_fine(session):
    assert update_crisis_handoff(session=session, conversation_id="none", notify=True) is None
    first = crisis(session)
    second = create_handoff(
        session=session, conversation_id="conv-t", reason="crisis", event_key="crisis:m-9"
    )
    session.flush()
    assert latest_crisis_handoff(session=session, conversation_id="conv-t").id == second.id
    store_triage_turn(
        session=session, conversation_id="conv-t", record=("cssrs_1", "yes", "yes"), ended=False
    )
    assert "triage" in second.summary_json and first.summary_json.get("triage") is None
