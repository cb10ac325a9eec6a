"""contact_form validation, review and submission with a real Tracker and a real SQLite DB."""

from __future__ import annotations

import logging
from datetime import UTC, datetime

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.contact import ActionStartContact, ValidateContactForm
from actions.review import ActionReviewNotConfirmed, ActionReviewScreening, ActionSubmitScreening
from bot.contact.messages import (
    INVALID_EMAIL_RESPONSE,
    INVALID_METHOD_RESPONSE,
    NUMBER_BEFORE_METHOD_RESPONSE,
    REVIEW_ANSWERS_RESPONSE,
    REVIEW_CONTACT_PROMPT_RESPONSE,
    SUBMIT_NOT_READY_RESPONSE,
)
from bot.db.engine import dispose_engine, session_scope, upgrade_database
from bot.db.models import Conversation, Handoff, OutboxMessage
from bot.domain_responses import load_domain
from bot.handoffs.spool import pending, spool_path
from bot.questionnaire.questions import default_questions
from bot.settings import get_settings
from tests.actions.trackers import (
    CONTACT,
    make_tracker,
    responses,
    slot_events,
    texts,
)
from tests.responses import render_response

# Wednesday 2026-11-18 15:00 UTC = 10:00 New York (default clinic hours: open).
OPEN = datetime(2026, 11, 18, 15, 0, tzinfo=UTC)
# Saturday 2026-11-21 17:00 UTC = 12:00 New York: closed.
CLOSED = datetime(2026, 11, 21, 17, 0, tzinfo=UTC)


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    """A migrated SQLite database that ``session_scope()`` uses through the settings."""
    url = f"sqlite:///{tmp_path / 'actions.db'}"
    upgrade_database(url)
    monkeypatch.setenv("DATABASE_URL", url)
    for name in ("CLINIC_TIMEZONE", "CLINIC_OPEN_DAYS", "CLINIC_OPEN_HOUR", "CLINIC_CLOSE_HOUR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CRISIS_COUNTRY", "US")
    # A notification channel, so a hand-off also queues its outbox message.
    monkeypatch.setenv("NOTIFY_EMAIL_TO", "care-team@example.org")
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()
    dispose_engine(url)


@pytest.fixture
def domain():
    return load_domain()


def some_answers():
    questions = list(default_questions())
    return {
        questions[0].id: {"value": "no", "raw": "nope"},
        questions[1].id: {"value": "not_sure", "raw": "/not_sure"},
        questions[-1].id: {"value": "provided", "raw": "sertraline 50mg"},
    }


async def validate(domain, **tracker_kwargs):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(active_loop="contact_form", **tracker_kwargs)
    events = await ValidateContactForm().run(dispatcher, tracker, domain)
    return slot_events(events), texts(dispatcher)


# --- validation -------------------------------------------------------------------------


async def test_name_strips_lead_in_and_asks_method_next(domain):
    slots, messages = await validate(
        domain,
        requested_slot="contact_name",
        text="my name is Robin",
        intent="greet",
        new_slots={"contact_name": "my name is Robin"},
    )
    assert slots["contact_name"] == "Robin"
    assert messages == []


async def test_name_without_letters_is_asked_again(domain):
    slots, messages = await validate(
        domain, requested_slot="contact_name", text="1234", new_slots={"contact_name": "1234"}
    )
    assert slots["contact_name"] is None
    assert messages and "didn't catch a name" in messages[0]


@pytest.mark.parametrize(
    ("text", "method", "next_slot"),
    [
        ("phone", "call", "contact_phone"),
        ("txt me", "text", "contact_phone"),
        ("e-mail", "email", "contact_email"),
    ],
)
async def test_method_free_text_decides_next_question(domain, text, method, next_slot):
    slots, messages = await validate(
        domain,
        slots={"contact_name": "Robin"},
        requested_slot="contact_method",
        text=text,
        new_slots={"contact_method": text},
    )
    assert slots["contact_method"] == method
    assert slots["requested_slot"] == next_slot
    assert messages == []


async def test_unknown_method_is_asked_again(domain):
    slots, messages = await validate(
        domain,
        slots={"contact_name": "Robin"},
        requested_slot="contact_method",
        text="whenever",
        new_slots={"contact_method": "whenever"},
    )
    assert slots["contact_method"] is None
    assert messages == [render_response(INVALID_METHOD_RESPONSE)]


async def test_email_typed_at_method_question_fills_both(domain):
    slots, _ = await validate(
        domain,
        slots={"contact_name": "Robin"},
        requested_slot="contact_method",
        text="robin@example.org",
        new_slots={"contact_method": "robin@example.org"},
    )
    assert slots["contact_method"] == "email"
    assert slots["contact_email"] == "robin@example.org"
    assert slots["requested_slot"] == "contact_best_time"


async def test_invalid_phone_then_valid_phone(domain):
    base = {"contact_name": "Robin", "contact_method": "call"}
    slots, messages = await validate(
        domain,
        slots=base,
        requested_slot="contact_phone",
        text="555-1234",
        new_slots={"contact_phone": "555-1234"},
    )
    assert slots["contact_phone"] is None
    assert len(messages) == 1
    assert "doesn't look like a complete phone number" in messages[0]
    assert "area code" in messages[0]
    # Still on the phone question.
    assert slots["requested_slot"] == "contact_phone"

    slots, messages = await validate(
        domain,
        slots=base,
        requested_slot="contact_phone",
        text="(212) 555-0123",
        new_slots={"contact_phone": "(212) 555-0123"},
    )
    assert slots["contact_phone"] == "+12125550123"
    assert slots["requested_slot"] == "contact_best_time"
    assert messages == []


async def test_phone_region_comes_from_settings(domain, monkeypatch):
    monkeypatch.setenv("PHONE_REGION", "GB")
    get_settings.cache_clear()
    try:
        slots, _ = await validate(
            domain,
            slots={"contact_name": "Robin", "contact_method": "call"},
            requested_slot="contact_phone",
            text="020 7946 0958",
            new_slots={"contact_phone": "020 7946 0958"},
        )
    finally:
        monkeypatch.delenv("PHONE_REGION")
        get_settings.cache_clear()
    assert slots["contact_phone"] == "+442079460958"


async def test_email_instead_of_phone_switches_method(domain):
    slots, messages = await validate(
        domain,
        slots={"contact_name": "Robin", "contact_method": "text"},
        requested_slot="contact_phone",
        text="actually email is better",
        new_slots={"contact_phone": "actually email is better"},
    )
    assert slots["contact_method"] == "email"
    assert slots["requested_slot"] == "contact_email"
    assert messages == []


async def test_invalid_email_is_asked_again(domain):
    slots, messages = await validate(
        domain,
        slots={"contact_name": "Robin", "contact_method": "email"},
        requested_slot="contact_email",
        text="robin at example",
        new_slots={"contact_email": "robin at example"},
    )
    assert slots["contact_email"] is None
    assert messages == [render_response(INVALID_EMAIL_RESPONSE)]
    assert slots["requested_slot"] == "contact_email"


async def test_last_detail_completes_the_form(domain):
    slots, _ = await validate(
        domain,
        slots={k: v for k, v in CONTACT.items() if k != "contact_best_time"},
        requested_slot="contact_best_time",
        text="  weekday   evenings ",
        new_slots={"contact_best_time": "  weekday   evenings "},
    )
    assert slots["contact_best_time"] == "weekday evenings"
    assert slots["requested_slot"] is None  # the form deactivates


# --- start, review, submit --------------------------------------------------------------


async def test_start_contact_sets_purpose_and_skips_intro_when_details_known(domain):
    done = {"screening_complete": True}
    dispatcher = CollectingDispatcher()
    events = await ActionStartContact().run(dispatcher, make_tracker(slots=done, text="no"), domain)
    assert slot_events(events)["contact_purpose"] == "screening"
    assert len(dispatcher.messages) == 1

    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={**CONTACT, **done}, text="no")
    await ActionStartContact().run(dispatcher, tracker, domain)
    assert dispatcher.messages == []


async def test_start_contact_after_declined_consent_does_nothing(domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(slots={"screening_consent": False}, text="no", intent="deny")
    events = await ActionStartContact().run(dispatcher, tracker, domain)
    assert slot_events(events) == {"contact_purpose": None}
    assert dispatcher.messages == []


async def test_review_lists_every_answer_as_given_and_contact(db_url, domain):
    answers = some_answers()
    tracker = make_tracker(slots={**CONTACT, "screening_answers": answers}, text="evenings")
    dispatcher = CollectingDispatcher()
    events = await ActionReviewScreening().run(dispatcher, tracker, domain)

    assert slot_events(events) == {"screening_review_pending": True}
    assert responses(dispatcher) == [REVIEW_ANSWERS_RESPONSE, REVIEW_CONTACT_PROMPT_RESPONSE]
    body, contact_text = texts(dispatcher)
    assert body.startswith("Before I send this to the care team, please check your answers:\n\n")
    questions = {q.id: q.text for q in default_questions()}
    for question_id in answers:
        assert questions[question_id] in body
    assert "Your answer: nope" in body
    assert "Your answer: Not sure" in body  # a button payload reads back as its label
    assert "Your answer: sertraline 50mg" in body
    unanswered = [text for qid, text in questions.items() if qid not in answers]
    assert not any(text in body for text in unanswered)
    assert contact_text.startswith("How the care team will reach you:\n")
    assert "Robin" in contact_text and "+1 212-555-0123" in contact_text
    assert "weekday evenings" in contact_text
    assert contact_text.endswith(
        '\n\nIs everything right? Nothing is sent until you choose "Confirm and send".'
    )
    contact = dispatcher.messages[1]
    assert [b["payload"] for b in contact["buttons"]] == [
        "/affirm",
        "/change_answer",
        "/change_contact",
    ]
    assert [b["title"] for b in contact["buttons"]] == [
        "Confirm and send",
        "Change an answer",
        "Change contact details",
    ]
    # The contact details are stored when the review is shown.
    with session_scope() as session:
        conversation = session.get(Conversation, "conv-1")
        assert conversation.contact_name == "Robin"
        assert conversation.contact_method == "text"
        assert conversation.contact_phone == "+12125550123"
        assert conversation.contact_best_time == "weekday evenings"


async def test_submit_creates_one_handoff_and_says_when(db_url, domain, caplog):
    caplog.set_level(logging.DEBUG)
    tracker = make_tracker(
        slots={**CONTACT, "screening_answers": some_answers(), "screening_review_pending": True},
        text="/affirm",
        intent="affirm",
    )
    action = ActionSubmitScreening(clock=lambda: OPEN)
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)

    assert slot_events(events)["screening_submitted"] is True
    assert slot_events(events)["screening_review_pending"] is False
    said = " ".join(texts(dispatcher))
    assert "I've sent your answers to the care team" in said
    assert "text message" in said
    assert "in today until 5 pm" in said
    # No judgement, no flagged item named.
    for question in default_questions():
        assert question.text not in said
    for word in ("eligib", "qualif", "candidate", "concern", "problem", "flag"):
        assert word not in said.lower()

    # Retrying (Rasa retry, double click) does not create a second hand-off.
    retry = make_tracker(
        slots={**CONTACT, "screening_submitted": True, "screening_review_pending": True},
        text="/affirm",
        intent="affirm",
    )
    again = CollectingDispatcher()
    await action.run(again, retry, domain)
    with session_scope() as session:
        handoffs = session.execute(select(Handoff)).scalars().all()
        assert [(h.reason, h.event_key) for h in handoffs] == [
            ("screening_complete", "screening_complete")
        ]
        assert session.execute(select(OutboxMessage)).scalars().first() is not None
    assert "already been sent" in texts(again)[0]
    # Contact details never reach the log.
    for secret in ("+12125550123", "212-555-0123", "weekday evenings"):
        assert secret not in caplog.text


async def test_submit_outside_hours_gives_crisis_line(db_url, domain):
    tracker = make_tracker(slots=CONTACT, text="/affirm", intent="affirm")
    dispatcher = CollectingDispatcher()
    await ActionSubmitScreening(clock=lambda: CLOSED).run(dispatcher, tracker, domain)
    said = " ".join(texts(dispatcher))
    assert "closed right now" in said and "reopens on Monday at 9 am" in said
    assert "call or text 988" in said


async def test_submit_without_contact_details_sends_nothing(db_url, domain):
    tracker = make_tracker(slots={"contact_name": "Robin"}, text="/affirm", intent="affirm")
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitScreening(clock=lambda: OPEN).run(dispatcher, tracker, domain)
    assert events == []
    assert responses(dispatcher) == [SUBMIT_NOT_READY_RESPONSE]
    with session_scope() as session:
        assert session.execute(select(Handoff)).scalars().first() is None


async def test_submit_failure_is_told_and_can_be_retried(tmp_path, monkeypatch, domain, caplog):
    caplog.set_level(logging.DEBUG)
    url = f"sqlite:///{tmp_path / 'app.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    upgrade_database(url)
    get_settings.cache_clear()

    def refuse(**kwargs):
        raise RuntimeError("cannot create hand-off for +12125550123 Robin weekday evenings")

    monkeypatch.setattr("bot.handoffs.requests.create_handoff", refuse)
    try:
        tracker = make_tracker(slots=CONTACT, text="/affirm", intent="affirm")
        dispatcher = CollectingDispatcher()
        events = await ActionSubmitScreening(clock=lambda: OPEN).run(dispatcher, tracker, domain)
    finally:
        get_settings.cache_clear()
        dispose_engine(url)
    assert events == []  # review stays pending, so "Confirm and send" works again
    assert "something went wrong" in texts(dispatcher)[0]
    assert dispatcher.messages[0]["buttons"][0]["payload"] == "/affirm"
    # The database error quotes its parameters; none of them reach the log.
    assert "screening hand-off failed" in caplog.text
    for secret in ("+12125550123", "Robin", "weekday evenings"):
        assert secret not in caplog.text


async def test_database_down_after_confirm_spools_the_handoff(tmp_path, monkeypatch, domain):
    # A database without tables fails like an unreachable one; the visitor confirmed, so
    # the hand-off waits in the spool and the visitor is told it is on its way.
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SPOOL_DIR", str(tmp_path / "spool"))
    get_settings.cache_clear()
    try:
        tracker = make_tracker(slots=CONTACT, text="/affirm", intent="affirm")
        dispatcher = CollectingDispatcher()
        events = await ActionSubmitScreening(clock=lambda: OPEN).run(dispatcher, tracker, domain)
        spooled = pending(spool_path())
    finally:
        get_settings.cache_clear()
        dispose_engine(url)
    assert [(item.reason, item.event_key) for item in spooled] == [
        ("screening_complete", "screening_complete")
    ]
    assert "I've sent your answers" in texts(dispatcher)[0]
    assert {"event": "slot", "name": "screening_submitted", "value": True} in [
        {k: e.get(k) for k in ("event", "name", "value")} for e in events
    ]


async def test_the_review_sends_nothing_even_when_the_database_is_down(
    tmp_path, monkeypatch, domain
):
    url = f"sqlite:///{tmp_path / 'empty.db'}"
    monkeypatch.setenv("DATABASE_URL", url)
    monkeypatch.setenv("SPOOL_DIR", str(tmp_path / "spool"))
    get_settings.cache_clear()
    try:
        tracker = make_tracker(slots=CONTACT, text="weekday evenings", intent="inform")
        await ActionReviewScreening().run(CollectingDispatcher(), tracker, domain)
        spooled = pending(spool_path())
    finally:
        get_settings.cache_clear()
        dispose_engine(url)
    assert spooled == []


# --- questions and refusals at a contact question ----------------------------------------


async def test_question_at_name_prompt_rejects_so_the_faq_rule_answers(domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        active_loop="contact_form",
        requested_slot="contact_name",
        text="how much does it cost?",
        intent="faq",
        new_slots={"contact_name": "how much does it cost?"},
    )
    events = await ValidateContactForm().run(dispatcher, tracker, domain)
    assert events == [
        {"event": "slot", "timestamp": None, "name": "contact_name", "value": None},
        {
            "event": "action_execution_rejected",
            "timestamp": None,
            "name": "contact_form",
            "policy": None,
            "confidence": None,
        },
    ]
    assert dispatcher.messages == []


async def test_name_that_nlu_calls_faq_is_still_a_name(domain):
    slots, messages = await validate(
        domain,
        requested_slot="contact_name",
        text="Sam",
        intent="faq",
        new_slots={"contact_name": "Sam"},
    )
    assert slots["contact_name"] == "Sam"
    assert slots["requested_slot"] == "contact_method"
    assert messages == []


async def test_no_thanks_at_phone_prompt_rejects_so_the_stop_rule_answers(domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        active_loop="contact_form",
        slots={"contact_name": "Robin", "contact_method": "call"},
        requested_slot="contact_phone",
        text="no thanks",
        intent="deny",
        new_slots={"contact_phone": "no thanks"},
    )
    events = await ValidateContactForm().run(dispatcher, tracker, domain)
    assert [e["event"] for e in events] == ["slot", "action_execution_rejected"]


async def test_after_a_detour_the_form_resumes_without_complaint(domain):
    # Back in the form after the FAQ answer (events as Rasa sends them): no rejection,
    # no "didn't catch a name", the name is simply asked again.
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        active_loop="contact_form",
        requested_slot="contact_name",
        text="how much does it cost?",
        intent="faq",
        new_slots={"contact_name": None},
    )
    tracker.events += [
        {"event": "action_execution_rejected", "name": "contact_form"},
        {"event": "action", "name": "action_answer_faq"},
        {"event": "slot", "name": "requested_slot", "value": "contact_name"},
        {"event": "action", "name": "contact_form"},
    ]
    events = await ValidateContactForm().run(dispatcher, tracker, domain)
    assert all(e["event"] != "action_execution_rejected" for e in events)
    assert dispatcher.messages == []
    # A None value is validated silently too (defensive: nothing to complain about).
    assert ValidateContactForm().validate_contact_name(None, dispatcher, tracker, domain) == {
        "contact_name": None
    }
    assert dispatcher.messages == []


async def test_number_typed_at_method_question_is_kept(domain):
    slots, messages = await validate(
        domain,
        slots={"contact_name": "Robin"},
        requested_slot="contact_method",
        text="212-555-0123",
        new_slots={"contact_method": "212-555-0123"},
    )
    assert slots["contact_method"] is None
    assert slots["contact_phone"] == "+12125550123"
    assert slots["requested_slot"] == "contact_method"
    assert messages == [render_response(NUMBER_BEFORE_METHOD_RESPONSE)]


async def test_no_at_the_review_sends_nothing_and_offers_the_buttons(db_url, domain):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        slots={**CONTACT, "screening_review_pending": True}, text="no", intent="deny"
    )
    events = await ActionReviewNotConfirmed().run(dispatcher, tracker, domain)
    assert events == []
    assert [b["payload"] for b in dispatcher.messages[0]["buttons"]] == [
        "/change_answer",
        "/change_contact",
        "/affirm",
    ]
    with session_scope() as session:
        assert session.execute(select(Handoff)).scalars().first() is None
