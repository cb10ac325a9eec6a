"""Crisis actions with a real rasa_sdk Tracker, CollectingDispatcher and a real SQLite DB."""

from __future__ import annotations

import time
import uuid
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.safety import (
    ActionCrisisReminder,
    ActionCrisisResponse,
    ActionSafeNow,
    crisis_event_key,
)
from bot.db.engine import dispose_engine, session_scope, upgrade_database
from bot.db.models import Conversation, Handoff, OutboxMessage
from bot.handoffs.worker import run_outbox_once
from bot.settings import get_settings
from bot.triage.messages import OFFER_RESPONSE
from tests.actions.trackers import conversation_tracker, message_text, user_event

# Words of the crisis replies in domain.yml (utter_crisis and its variants).
CRISIS_OPENING = "I'm really glad you told me."
QUESTION_OPENING = "Thank you for asking."
CARE_TEAM_NOTIFIED = "I've also flagged this conversation for the clinic's care team."
CARE_TEAM_NOT_NOTIFIED = "I couldn't reach the clinic's care team from here just now"


@pytest.fixture
def db_url(db_url, settings_env):
    """The database, with the default crisis lines (no country chosen)."""
    settings_env(CRISIS_COUNTRY=None)
    return db_url


@pytest.fixture
def broken_db(tmp_path, database_at):
    """DATABASE_URL pointing at a file in a directory that does not exist: every query fails."""
    return database_at(f"sqlite:///{tmp_path / 'missing' / 'nested' / 'x.db'}")


async def run(action, tracker) -> tuple[CollectingDispatcher, list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, {})
    return dispatcher, events


def only_message(dispatcher) -> dict[str, Any]:
    assert len(dispatcher.messages) == 1
    return dispatcher.messages[0]


def crisis_and_offer(dispatcher) -> dict[str, Any]:
    """The crisis reply, checking that the screener's offer (alone) follows it."""
    crisis, offer = dispatcher.messages
    assert offer["response"] == OFFER_RESPONSE
    assert message_text(offer).startswith("So the care team knows how best to help you")
    assert [b["title"] for b in offer["buttons"]] == ["Yes, ask me", "Not now"]
    return crisis


async def test_crisis_response_replies_escalates_and_stops_forms(db_url):
    tracker = conversation_tracker(
        [user_event("I want to die", "crisis", "m-1")],
        slots={"requested_slot": "screening_answer"},
        active_loop="screening_form",
    )
    dispatcher, events = await run(ActionCrisisResponse(), tracker)

    message = crisis_and_offer(dispatcher)
    custom = message["custom"]
    assert custom["kind"] == "crisis"
    assert (
        "988" in message_text(message)
        and "741741" in message_text(message)
        and "911" in message_text(message)
    )
    assert CARE_TEAM_NOTIFIED in message_text(message)
    assert [b["payload"] for b in message["buttons"]] == ["/safe_now", "/request_human"]
    assert {"event": "slot", "name": "crisis_active", "value": True, "timestamp": None} in events
    assert any(e["event"] == "active_loop" and e["name"] is None for e in events)
    assert any(
        e["event"] == "slot" and e["name"] == "requested_slot" and e["value"] is None
        for e in events
    )

    with session_scope() as session:
        conversation = session.get(Conversation, tracker.sender_id)
        assert conversation is not None and conversation.urgent
        handoffs = session.execute(select(Handoff)).scalars().all()
        assert [(h.reason, h.urgency, h.event_key) for h in handoffs] == [
            ("crisis", "urgent", "crisis:m-1")
        ]


async def test_a_general_question_gets_the_lines_the_alert_and_the_curated_answer(db_url):
    tracker = conversation_tracker(
        [user_event("does ketamine help with suicidal thoughts?", "crisis")]
    )
    dispatcher, events = await run(ActionCrisisResponse(), tracker)

    crisis, answer, offer = dispatcher.messages
    assert offer["response"] == OFFER_RESPONSE
    assert message_text(crisis).startswith(QUESTION_OPENING) and CRISIS_OPENING not in message_text(
        crisis
    )
    assert "988" in message_text(crisis) and CARE_TEAM_NOTIFIED in message_text(crisis)
    assert [b["payload"] for b in crisis["buttons"]] == ["/safe_now", "/request_human"]
    assert answer["response"] == "utter_faq/crisis_and_suicidality"
    assert {"event": "slot", "name": "crisis_active", "value": True, "timestamp": None} in events
    with session_scope() as session:
        assert [h.reason for h in session.execute(select(Handoff)).scalars()] == ["crisis"]


async def test_a_disclosure_phrased_as_a_question_keeps_the_disclosure_wording(db_url):
    tracker = conversation_tracker([user_event("can ketamine stop me wanting to die?", "crisis")])
    dispatcher, _ = await run(ActionCrisisResponse(), tracker)

    assert message_text(crisis_and_offer(dispatcher)).startswith(CRISIS_OPENING)


async def test_retry_and_repeated_crisis_messages_make_one_handoff(db_url):
    sender = str(uuid.uuid4())
    first = [user_event("kms", "crisis", "m-1")]
    await run(ActionCrisisResponse(), conversation_tracker(first, sender_id=sender))
    await run(ActionCrisisResponse(), conversation_tracker(first, sender_id=sender))  # Rasa retry
    again = first + [user_event("I can't go on", "crisis", "m-2")]
    await run(ActionCrisisResponse(), conversation_tracker(again, sender_id=sender))
    with session_scope() as session:
        assert len(session.execute(select(Handoff)).scalars().all()) == 1


async def test_new_episode_after_safe_now_gets_a_new_handoff(db_url):
    sender = str(uuid.uuid4())
    events = [
        user_event("kms", "crisis", "m-1"),
        user_event("I'm safe now", "safe_now", "m-2"),
        {"event": "action", "name": "action_confirm_safe"},
        user_event("I want to die", "crisis", "m-3"),
    ]
    tracker = conversation_tracker(events, sender_id=sender)
    assert crisis_event_key(tracker.events) == "crisis:m-3"
    await run(ActionCrisisResponse(), conversation_tracker(events[:1], sender_id=sender))
    await run(ActionCrisisResponse(), tracker)
    with session_scope() as session:
        keys = sorted(h.event_key for h in session.execute(select(Handoff)).scalars())
    assert keys == ["crisis:m-1", "crisis:m-3"]


def test_event_key_without_message_ids_counts_episodes():
    events = [
        user_event("kms", "crisis"),
        {"event": "action", "name": "action_confirm_safe"},
        user_event("kms", "crisis"),
        user_event("still bad", "crisis"),
    ]
    assert crisis_event_key(conversation_tracker(events).events) == "crisis:2"


def test_crisis_started_by_a_questionnaire_answer_uses_that_message():
    events = [user_event("yes", "affirm", "m-5")]
    assert crisis_event_key(conversation_tracker(events).events) == "crisis:m-5"
    later = [
        *events,
        {"event": "action", "name": "action_crisis_response"},
        user_event("I want to die", "crisis", "m-6"),
    ]
    assert crisis_event_key(conversation_tracker(later).events) == "crisis:m-5"  # same episode


async def test_reply_is_sent_even_when_the_database_is_down(broken_db, caplog):
    tracker = conversation_tracker([user_event("I want to end it all tonight", "crisis", "m-9")])
    dispatcher, events = await run(ActionCrisisResponse(), tracker)
    message = only_message(dispatcher)
    assert message["custom"]["kind"] == "crisis"
    assert "988" in message_text(message)
    assert CARE_TEAM_NOT_NOTIFIED in message_text(message)
    assert CARE_TEAM_NOTIFIED not in message_text(message)
    assert any(e["event"] == "slot" and e["name"] == "crisis_active" for e in events)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "crisis escalation failed" in logged
    assert "end it all" not in logged  # never the visitor's words


async def test_reminder_repeats_resources(db_url):
    dispatcher, events = await run(
        ActionCrisisReminder(),
        conversation_tracker(
            [user_event("what does it cost", "faq")], slots={"crisis_active": True}
        ),
    )
    message = only_message(dispatcher)
    custom = message["custom"]
    assert custom["kind"] == "crisis" and "988" in message_text(message)
    assert [b["payload"] for b in message["buttons"]] == ["/safe_now", "/request_human"]
    assert events == []


@pytest.mark.parametrize(
    ("in_screening", "payload"), [(True, "/continue_screening"), (False, "/help")]
)
async def test_safe_now_thanks_keeps_988_and_offers_next_step(db_url, in_screening, payload):
    tracker = conversation_tracker(
        [user_event("I'm safe now", "safe_now")],
        slots={"crisis_active": True, "screening_in_progress": in_screening},
    )
    dispatcher, events = await run(ActionSafeNow(), tracker)
    message = only_message(dispatcher)
    assert "988" in message_text(message)
    assert message["buttons"][0]["payload"] == payload
    assert {"event": "slot", "name": "crisis_active", "value": False, "timestamp": None} in events


async def test_crisis_handoff_is_spooled_while_the_database_is_down_and_replayed(
    tmp_path, database_at
):
    from bot.db.engine import get_engine, make_session_factory
    from bot.handoffs.spool import pending, replay_spool

    url = database_at(f"sqlite:///{tmp_path / 'down' / 'x.db'}")
    tracker = conversation_tracker([user_event("I want to end it all tonight", "crisis", "m-9")])
    dispatcher, _ = await run(ActionCrisisResponse(), tracker)
    assert "988" in message_text(only_message(dispatcher))
    [spooled] = pending()
    assert (spooled.reason, spooled.event_key) == ("crisis", "crisis:m-9")

    # The database comes back: the worker's replay creates the urgent hand-off once.
    (tmp_path / "down").mkdir(exist_ok=True)
    dispose_engine(url)
    upgrade_database(url)
    settings = get_settings()
    factory = make_session_factory(get_engine(url))
    replay_spool(factory, settings=settings)
    replay_spool(factory, settings=settings)
    with session_scope() as session:
        handoffs = session.execute(select(Handoff)).scalars().all()
        assert [(h.reason, h.urgency) for h in handoffs] == [("crisis", "urgent")]
    assert pending() == []


@pytest.fixture
def notify_channels(db_url, smtp_server, webhook, settings_env):
    """Email and webhook notifications pointed at real receivers; no outbox worker runs."""
    settings_env(
        SMTP_HOST="127.0.0.1",
        SMTP_PORT=str(smtp_server.port),
        NOTIFY_EMAIL_TO="care-team@clinic.example",
        NOTIFY_WEBHOOK_URL=webhook.url,
        PUBLIC_BASE_URL="https://clinic.example",
    )
    return smtp_server.sink, webhook


def wait_for(condition, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return condition()


async def test_staff_are_notified_of_a_crisis_at_once_and_only_once(notify_channels):
    mailbox, webhook = notify_channels
    tracker = conversation_tracker([user_event("I want to die", "crisis", "m-1")])
    await run(ActionCrisisResponse(), tracker)

    def outbox() -> list[tuple]:
        with session_scope() as session:
            statement = select(
                OutboxMessage.kind, OutboxMessage.delivered_at, OutboxMessage.attempts
            ).order_by(OutboxMessage.kind)
            return [tuple(row) for row in session.execute(statement)]

    # No outbox worker runs in this test: the action itself started the delivery, which
    # marks each item delivered just after its receiver has it.
    assert wait_for(
        lambda: (
            len(mailbox.messages) == 1
            and len(webhook.delivered) == 1
            and all(delivered_at is not None for _, delivered_at, _ in outbox())
        )
    )
    assert webhook.delivered[0]["json"]["urgency"] == "urgent"
    assert "I want to die" not in str(mailbox.messages[0]["message"])
    assert [(kind, attempts) for kind, _, attempts in outbox()] == [("email", 1), ("webhook", 1)]
    # The worker's next pass finds nothing left to send.
    assert run_outbox_once(get_settings()) == 0
    assert len(mailbox.messages) == 1 and len(webhook.requests) == 1


async def test_no_channel_configured_starts_no_delivery(db_url):
    from bot.notify.worker import deliver_soon

    assert deliver_soon(get_settings()) is None  # nothing configured: no thread, no error


# --- the C-SSRS screener after the crisis message (bot/triage) ---------------------------
class Chat:
    """A conversation driven through the crisis actions, carrying events and slots."""

    def __init__(self) -> None:
        self.sender = str(uuid.uuid4())
        self.events: list[dict[str, Any]] = []
        self.slots: dict[str, Any] = {}
        self.count = 0

    async def say(self, text: str, intent: str, action=None) -> list[dict[str, Any]]:
        self.count += 1
        self.events.append(user_event(text, intent, f"m-{self.count}"))
        if action is None:
            action = ActionCrisisResponse() if intent == "crisis" else ActionCrisisReminder()
        tracker = conversation_tracker(self.events, sender_id=self.sender, slots=dict(self.slots))
        dispatcher, events = await run(action, tracker)
        self.events.append({"event": "action", "name": action.name()})
        for event in events:
            if event["event"] == "slot":
                self.slots[event["name"]] = event["value"]
        # As the visitor reads them: the screener's domain.yml responses rendered.
        return [{**m, "text": message_text(m)} for m in dispatcher.messages]

    def handoff(self) -> Handoff:
        with session_scope() as session:
            statement = select(Handoff).where(Handoff.conversation_id == self.sender)
            [handoff] = session.execute(statement).scalars().all()
            session.expunge(handoff)
            return handoff

    def notifications(self) -> list[str]:
        """Purposes of the staff notifications queued for this conversation's hand-off."""
        handoff_id = self.handoff().id
        with session_scope() as session:
            rows = session.execute(
                select(OutboxMessage).where(OutboxMessage.handoff_id == handoff_id)
            ).scalars()
            return sorted(row.purpose for row in rows)


@pytest.fixture
def staff_webhook(db_url, webhook, settings_env):
    """Staff notifications go to a real webhook receiver (one channel)."""
    settings_env(NOTIFY_WEBHOOK_URL=webhook.url)
    return webhook


LEVEL_WORDS = ("risk", "high", "moderate", "low", "level", "score", "red", "orange", "yellow")


def shown_text(messages: list[dict[str, Any]]) -> str:
    return "\n".join(m["text"] or "" for m in messages)


async def test_screener_asks_with_skip_logic_and_staff_get_the_level(staff_webhook):
    chat = Chat()
    shown = await chat.say("I want to die", "crisis")
    shown += (first := await chat.say("/affirm", "affirm"))
    assert "In the past month: Have you wished you were dead" in first[0]["text"]
    assert [b["title"] for b in first[0]["buttons"]] == ["Yes", "No", "Stop these questions"]
    shown += await chat.say("yeah sometimes", "affirm")
    shown += (second := await chat.say("no, never that far", "deny"))
    assert "Have you ever done anything" in second[0]["text"]  # 2 is no: straight to 6
    shown += (when := await chat.say("I took pills when I was 19", "faq"))
    assert when[0]["text"] == "Was this within the past 3 months?"
    shown += (done := await chat.say("no, years ago", "deny"))
    assert done[0]["text"].startswith("Thank you for answering")
    assert [b["payload"] for b in done[0]["buttons"]] == ["/safe_now", "/request_human"]
    assert not any(word in shown_text(shown).lower().split() for word in LEVEL_WORDS)

    triage = chat.handoff().summary_json["triage"]
    assert triage["level"] == "moderate" and not triage["partial"]
    assert [(i["question_id"], i["answer"], i["raw_text"]) for i in triage["items"]] == [
        ("cssrs_1", "yes", "yeah sometimes"),
        ("cssrs_2", "no", "no, never that far"),
        ("cssrs_6", "yes", "I took pills when I was 19"),
        ("cssrs_6_past_3_months", "no", "no, years ago"),
    ]
    assert chat.notifications() == ["handoff", "handoff_update"]  # told once, at the end


async def test_a_crisis_reply_to_a_question_answers_it_without_a_new_alert(db_url):
    chat = Chat()
    await chat.say("kms", "crisis")
    await chat.say("/affirm", "affirm")
    await chat.say("yes", "affirm")
    asked = await chat.say("yes I want to kill myself", "crisis")
    assert len(asked) == 1
    assert asked[0]["text"].endswith("Have you been thinking about how you might do this?")
    triage = chat.handoff().summary_json["triage"]
    assert triage["level"] == "low" and triage["partial"]
    assert "PARTIAL" in triage["staff_label"]


async def test_declining_the_offer_or_stopping_keeps_the_resources(db_url):
    chat = Chat()
    await chat.say("I want to die", "crisis")
    declined = await chat.say("/deny", "deny")
    assert declined[0]["text"].startswith("That's completely okay") and "988" in declined[0]["text"]
    assert chat.handoff().summary_json.get("triage") is None
    reminder = await chat.say("/affirm", "affirm")  # the offer is not made again
    assert reminder[0]["custom"]["kind"] == "crisis"

    other = Chat()
    await other.say("I want to die", "crisis")
    await other.say("/affirm", "affirm")
    await other.say("yes", "affirm")
    stopped = await other.say("/stop_screening", "stop_screening")
    assert stopped[0]["text"].startswith("Of course, we can stop here")
    assert "988" in stopped[0]["text"]
    triage = other.handoff().summary_json["triage"]
    assert triage["partial"] and [i["answer"] for i in triage["items"]] == ["yes"]


async def test_an_unclear_reply_is_asked_again_once_then_kept_verbatim(db_url):
    chat = Chat()
    await chat.say("I want to die", "crisis")
    await chat.say("/affirm", "affirm")
    again = await chat.say("what do you mean?", "faq")
    assert again[0]["text"].startswith("I want to pass this on the way you mean it")
    assert "Have you wished you were dead" in again[0]["text"]
    await chat.say("my cat is asleep", "out_of_scope")
    [item] = chat.handoff().summary_json["triage"]["items"]
    assert (item["answer"], item["raw_text"]) == ("unclear", "my cat is asleep")


async def test_safe_now_ends_a_half_answered_screener_and_staff_are_told(staff_webhook):
    chat = Chat()
    await chat.say("I want to die", "crisis")
    await chat.say("/affirm", "affirm")
    await chat.say("no", "deny")
    await chat.say("I'm safe now", "safe_now", action=ActionSafeNow())
    assert chat.slots["crisis_triage"]["step"] == "finished"
    triage = chat.handoff().summary_json["triage"]
    assert triage["partial"] and triage["level"] == "none"
    assert chat.notifications() == ["handoff", "handoff_update"]


async def test_a_message_after_another_action_is_not_read_as_an_answer(staff_webhook):
    chat = Chat()
    await chat.say("I want to die", "crisis")
    await chat.say("/affirm", "affirm")
    await chat.say("no", "deny")
    chat.events.append({"event": "action", "name": "action_request_human"})
    reply = await chat.say("yes", "affirm")
    assert reply[0]["custom"]["kind"] == "crisis"  # the reminder, nothing recorded
    assert chat.slots["crisis_triage"]["step"] == "finished"  # the screener ended there
    assert [i["answer"] for i in chat.handoff().summary_json["triage"]["items"]] == ["no"]
    assert chat.notifications() == ["handoff", "handoff_update"]


async def test_the_screener_can_be_switched_off(db_url, settings_env):
    settings_env(CRISIS_TRIAGE="false")
    chat = Chat()
    [crisis] = await chat.say("I want to die", "crisis")
    assert crisis["custom"]["kind"] == "crisis"
    assert "crisis_triage" not in chat.slots
