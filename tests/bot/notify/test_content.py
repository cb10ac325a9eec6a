"""What a notification says (bot/notify/content.py): urgency, reason and a staff link only."""

from __future__ import annotations

import pytest

from bot.db.models import Handoff
from bot.notify.content import notification_payload, webhook_body
from bot.settings import Settings

SETTINGS = Settings(public_base_url="https://clinic.example/")
LINK = "https://clinic.example/staff/handoffs/7"


def handoff(reason: str = "screening_complete", urgency: str = "normal") -> Handoff:
    """A hand-off as the outbox sees it (never stored: the payload reads these fields only)."""
    return Handoff(id=7, reason=reason, urgency=urgency, conversation_id="visitor-uuid")


@pytest.mark.parametrize(
    ("flags", "event", "subject"),
    [
        ({}, "handoff.created", "New hand-off #7: Screening complete"),
        ({"reminder": True}, "handoff.reminder", "Reminder: hand-off #7 is still unclaimed"),
        (
            {"update": True},
            "handoff.updated",
            "Hand-off #7: the visitor changed their contact details",
        ),
    ],
)
def test_each_kind_of_notice_has_its_event_and_subject(flags, event, subject):
    payload = notification_payload(handoff=handoff(), settings=SETTINGS, **flags)
    assert (payload["event"], payload["subject"]) == (event, subject)
    assert payload["url"] == LINK and f"Open it in the staff area: {LINK}" in payload["text"]
    assert payload["text"].endswith("Details are only available after signing in.")
    assert (payload["handoff_id"], payload["reason"], payload["urgency"]) == (
        7,
        "screening_complete",
        "normal",
    )


def test_an_update_wins_over_a_reminder():
    payload = notification_payload(handoff=handoff(), settings=SETTINGS, reminder=True, update=True)
    assert payload["event"] == "handoff.updated"


def test_urgent_hand_offs_say_so_first():
    payload = notification_payload(handoff=handoff("crisis", "urgent"), settings=SETTINGS)
    assert payload["subject"].startswith("[URGENT] New hand-off #7")
    assert "Urgency: urgent" in payload["text"]
    assert "Crisis language was detected" in payload["text"]
    calm = notification_payload(handoff=handoff(), settings=SETTINGS)
    assert "Crisis language" not in calm["text"] and not calm["subject"].startswith("[")


def test_an_unknown_reason_is_shown_as_stored():
    payload = notification_payload(handoff=handoff("new_reason"), settings=SETTINGS)
    assert payload["subject"] == "New hand-off #7: new_reason"


def test_nothing_about_the_visitor_is_in_the_payload():
    payload = notification_payload(handoff=handoff(), settings=SETTINGS)
    assert "visitor-uuid" not in repr(payload)


def test_webhook_body_is_slack_text_plus_the_structured_fields():
    payload = notification_payload(handoff=handoff("crisis", "urgent"), settings=SETTINGS)
    body = webhook_body(payload)
    assert body["text"] == f"[URGENT] New hand-off #7: Crisis language - urgent\n{LINK}"
    assert {key: body[key] for key in ("event", "handoff_id", "reason", "urgency", "url")} == {
        "event": "handoff.created",
        "handoff_id": 7,
        "reason": "crisis",
        "urgency": "urgent",
        "url": LINK,
    }
