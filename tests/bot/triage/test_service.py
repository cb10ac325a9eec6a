"""The triage entry points the crisis actions call (bot/triage/service.py)."""

from __future__ import annotations

from bot.settings import get_settings
from bot.triage.flow import OFFERED, TriageState
from bot.triage.service import offer_triage, stop_triage, triage_reply, waiting_for_reply


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
    turn = triage_reply("conv-x", asking, "yes", "affirm")
    assert turn is not None and turn.state.question == "cssrs_2"
    assert stop_triage("conv-x", turn.state.to_slot()).state.step == "finished"
    get_settings.cache_clear()
