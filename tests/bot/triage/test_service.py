"""The triage entry points the crisis actions call (bot/triage/service.py)."""

from __future__ import annotations

from bot.settings import get_settings
from bot.triage.flow import OFFERED, TriageState
from bot.triage.service import (
    answers_the_screener,
    end_interrupted_triage,
    offer_triage,
    stop_triage,
    triage_reply,
    waiting_for_reply,
)

USER = {"event": "user", "text": "yes"}
ASKED_THEN_REPLIED = [USER, {"event": "action", "name": "action_crisis_reminder"}, USER]
SOMETHING_ELSE_RAN = [
    {"event": "action", "name": "action_crisis_reminder"},
    USER,
    {"event": "action", "name": "action_request_human"},
    {"event": "action", "name": "action_listen"},
    USER,
]


def test_offer_follows_the_setting(monkeypatch):
    monkeypatch.setenv("CRISIS_TRIAGE", "false")
    get_settings.cache_clear()
    assert offer_triage(None) is None
    monkeypatch.setenv("CRISIS_TRIAGE", "true")
    get_settings.cache_clear()
    turn = offer_triage(None)
    assert turn is not None and turn.state.step == OFFERED
    assert waiting_for_reply(turn.state.to_slot())
    get_settings.cache_clear()


def test_a_storage_failure_never_stops_the_conversation(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    get_settings.cache_clear()
    asking = TriageState(step="asking", question="cssrs_1").to_slot()
    turn = triage_reply("conv-x", asking, ASKED_THEN_REPLIED, "yes", "affirm")
    assert turn is not None and turn.state.question == "cssrs_2"
    assert stop_triage("conv-x", turn.state.to_slot()).state.step == "finished"
    get_settings.cache_clear()


def test_a_reply_counts_only_straight_after_the_screener_asked():
    asking = TriageState(step="asking", question="cssrs_1").to_slot()
    assert answers_the_screener(asking, ASKED_THEN_REPLIED)
    assert not answers_the_screener(asking, SOMETHING_ELSE_RAN)
    assert not answers_the_screener(None, ASKED_THEN_REPLIED)  # nothing waiting
    assert triage_reply("conv-y", asking, SOMETHING_ELSE_RAN, "yes", "affirm") is None


def test_a_screener_left_waiting_while_something_else_ran_ends(tmp_path, monkeypatch):
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'missing' / 'x.db'}")
    get_settings.cache_clear()
    asking = TriageState(step="asking", question="cssrs_1").to_slot()
    assert end_interrupted_triage("conv-z", asking, ASKED_THEN_REPLIED) is None
    assert end_interrupted_triage("conv-z", asking, SOMETHING_ELSE_RAN).state.step == "finished"
    assert end_interrupted_triage("conv-z", None, SOMETHING_ELSE_RAN) is None
    get_settings.cache_clear()
