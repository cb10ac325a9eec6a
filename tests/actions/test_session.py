"""Session start: disclosure, clinic slots from configuration, resume offer."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.session import WELCOME_BACK_RESPONSE, ActionSessionStart
from bot.clinic import NO_CONTACT_LINE
from bot.settings import get_settings
from tests.actions.trackers import make_tracker


@pytest.fixture(autouse=True)
def clinic_env(monkeypatch):
    for key in ("CLINIC_NAME", "CLINIC_PHONE", "CLINIC_EMAIL", "CLINIC_BOOKING_URL"):
        monkeypatch.delenv(key, raising=False)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


async def run(slots: dict) -> tuple[list, list]:
    dispatcher = CollectingDispatcher()
    events = await ActionSessionStart().run(
        dispatcher, make_tracker(sender_id="visitor-1", slots=slots), {}
    )
    return dispatcher.messages, events


async def test_disclosure_first_and_clinic_slots_without_invented_details():
    messages, events = await run({})
    assert messages[0]["response"] == "utter_disclosure"
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert slots["clinic_name"] == "the clinic"
    assert slots["clinic_contact_line"] == NO_CONTACT_LINE
    assert events[0]["event"] == "session_started"
    assert events[-1] == {**events[-1], "event": "action", "name": "action_listen"}


async def test_configured_clinic_details_are_used(monkeypatch):
    monkeypatch.setenv("CLINIC_NAME", "Harbor KAP")
    monkeypatch.setenv("CLINIC_PHONE", "+1 907 555 0100")
    get_settings.cache_clear()
    _, events = await run({})
    slots = {e["name"]: e["value"] for e in events if e["event"] == "slot"}
    assert "call Harbor KAP at +1 907 555 0100" in slots["clinic_contact_line"]


async def test_unfinished_questionnaire_is_offered_again_but_not_in_crisis():
    messages, events = await run({"screening_in_progress": True, "screening_answers": {"a": 1}})
    assert messages[1]["response"] == WELCOME_BACK_RESPONSE
    assert messages[1]["buttons"][0]["payload"] == "/continue_screening"
    carried = {e["name"] for e in events if e["event"] == "slot"}
    assert {"screening_in_progress", "screening_answers"} <= carried
    crisis, _ = await run({"screening_in_progress": True, "crisis_active": True})
    assert len(crisis) == 1
    done, _ = await run({"screening_in_progress": True, "screening_complete": True})
    assert len(done) == 1
