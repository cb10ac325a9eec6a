"""Screening form actions with a real rasa_sdk Tracker, CollectingDispatcher and SQLite DB."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.screening import ValidateScreeningForm
from actions.screening_asking import ActionAskScreeningAnswer, ActionAskScreeningConsent
from actions.screening_detours import (
    ActionChangeAnswer,
    ActionExplainQuestion,
    ActionPauseScreening,
    ActionResumeScreening,
    ActionScreeningDeclined,
)
from bot.db.answers import answer_history, current_answers
from bot.db.conversations import get_conversation
from bot.db.engine import dispose_engine, session_scope, upgrade_database
from bot.domain_responses import load_domain
from bot.questionnaire.questions import VERDICT_PATTERNS, default_questions
from bot.screening import messages
from bot.screening.flow import asks_to_go_back
from bot.settings import PROJECT_ROOT, get_settings
from tests.actions.trackers import responses, texts
from tests.responses import render_response

CONV = "0b8f5a56-7c8e-4d7e-9d55-3a1f1f3f0c11"
QUESTIONS = default_questions()
YES_NO_IDS = [q.id for q in QUESTIONS if not q.is_free_text]


@pytest.fixture
def db_url(tmp_path, monkeypatch):
    """A migrated SQLite database that ``session_scope()`` uses through the settings."""
    url = f"sqlite:///{tmp_path / 'screening.db'}"
    upgrade_database(url)
    monkeypatch.setenv("DATABASE_URL", url)
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()
    dispose_engine(url)


@pytest.fixture
def domain() -> dict[str, Any]:
    return load_domain()


def form_tracker(
    *,
    slots: dict[str, Any] | None = None,
    text: str = "",
    intent: str = "nlu_fallback",
    candidates: dict[str, Any] | None = None,
    requested_slot: str | None = "screening_answer",
    after_action: str | None = None,
) -> Tracker:
    """The tracker Rasa sends to validate_screening_form: the latest user message, then
    (optionally) a detour action, then the form execution and the extracted candidates."""
    candidates = candidates or {}
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    events: list[dict[str, Any]] = [
        {"event": "action", "name": "action_listen"},
        {"event": "user", "text": text, "parse_data": latest},
    ]
    if after_action:
        events.append({"event": "action", "name": after_action})
    events += [
        {"event": "slot", "name": "requested_slot", "value": requested_slot},
        {"event": "action", "name": "screening_form"},
    ]
    events += [{"event": "slot", "name": k, "value": v} for k, v in candidates.items()]
    all_slots = {"requested_slot": requested_slot, **(slots or {}), **candidates}
    return Tracker(
        sender_id=CONV,
        slots=all_slots,
        latest_message=latest,
        events=events,
        paused=False,
        followup_action=None,
        active_loop={"name": "screening_form"},
        latest_action_name="screening_form",
    )


def plain_tracker(*, slots=None, text="", intent="nlu_fallback", active_loop=None) -> Tracker:
    """A tracker for a plain action run right after a visitor message."""
    latest = {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": []}
    return Tracker(
        sender_id=CONV,
        slots=dict(slots or {}),
        latest_message=latest,
        events=[
            {"event": "action", "name": "action_listen"},
            {"event": "user", "text": text, "parse_data": latest},
        ],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )


def slot_events(events) -> dict[str, Any]:
    return {e["name"]: e["value"] for e in events if e.get("event") == "slot"}


def has_event(events, kind: str, name) -> bool:
    """Whether ``events`` holds an event of ``kind`` (e.g. "followup") with ``name``."""
    return any(e.get("event") == kind and e.get("name") == name for e in events)


def answered(count: int, value: str = "no") -> dict[str, dict]:
    return {qid: {"value": value, "raw": value} for qid in [q.id for q in QUESTIONS][:count]}


CONSENTED = {"screening_consent": True, "screening_in_progress": True}


async def validate(domain, **kwargs):
    dispatcher = CollectingDispatcher()
    events = await ValidateScreeningForm().run(dispatcher, form_tracker(**kwargs), domain)
    return dispatcher, events


def stored(conversation_id: str = CONV):
    with session_scope() as session:
        return {
            qid: (row.raw_text, row.value, row.flagged)
            for qid, row in current_answers(
                session=session, conversation_id=conversation_id
            ).items()
        }


# --- consent --------------------------------------------------------------------------
async def test_consent_explains_first_then_asks(domain):
    dispatcher = CollectingDispatcher()
    await ActionAskScreeningConsent().run(dispatcher, plain_tracker(), domain)
    assert responses(dispatcher) == [messages.INTRO_RESPONSE, messages.CONSENT_RESPONSE]
    intro, question = texts(dispatcher)
    assert "14 short questions" in intro
    assert "care team" in intro
    assert "not a medical assessment" in intro
    assert "I don't decide anything" in intro
    assert f"about {QUESTIONS.estimated_minutes()} minutes" in intro
    assert "blood pressure" in intro and "current medications" in intro
    assert question == "Do you agree to share your answers with the care team?"
    assert dispatcher.messages[1]["buttons"] == [
        {"title": "Yes, I agree", "payload": "/affirm"},
        {"title": "No thanks", "payload": "/deny"},
    ]


async def test_consent_is_recorded_and_the_first_question_is_requested(db_url, domain):
    dispatcher, events = await validate(
        domain,
        text="/affirm",
        intent="affirm",
        candidates={"screening_consent": True},
        requested_slot="screening_consent",
    )
    slots = slot_events(events)
    assert slots["screening_consent"] is True
    assert slots["screening_in_progress"] is True
    assert slots["requested_slot"] == "screening_answer"
    assert texts(dispatcher) == [render_response(messages.CONSENT_THANKS_RESPONSE)]
    with session_scope() as session:
        conversation = get_conversation(session=session, conversation_id=CONV)
        assert conversation.consent_at is not None
        assert conversation.screening_status == "in_progress"


async def test_declining_asks_nothing_and_hands_to_the_declined_action(db_url, domain):
    dispatcher, events = await validate(
        domain,
        text="/deny",
        intent="deny",
        candidates={"screening_consent": False},
        requested_slot="screening_consent",
    )
    assert slot_events(events)["requested_slot"] is None
    assert has_event(events, "followup", "action_screening_declined")
    assert dispatcher.messages == []
    with session_scope() as session:
        assert get_conversation(session=session, conversation_id=CONV) is None

    declined = CollectingDispatcher()
    after = await ActionScreeningDeclined().run(
        declined, plain_tracker(slots={"screening_consent": False}), domain
    )
    assert texts(declined) == [render_response(messages.DECLINED_RESPONSE)]
    payloads = [b["payload"] for b in declined.messages[0]["buttons"]]
    assert payloads == ["/help", "/request_human"]
    assert slot_events(after)["screening_consent"] is None


# --- answers --------------------------------------------------------------------------
async def test_each_answer_is_persisted_immediately_with_the_verbatim_text(db_url, domain):
    dispatcher, events = await validate(
        domain, slots=CONSENTED, text="nope", candidates={"screening_answer": "nope"}
    )
    slots = slot_events(events)
    assert slots["screening_answers"] == {"pregnant_or_nursing": {"value": "no", "raw": "nope"}}
    assert slots["screening_answer"] is None
    assert slots["requested_slot"] == "screening_answer"
    assert slots["screening_question_id"] == "high_blood_pressure"
    assert dispatcher.messages == []
    assert stored() == {"pregnant_or_nursing": ("nope", "no", False)}


async def test_buttons_are_stored_as_the_button_title(db_url, domain):
    slots = {**CONSENTED, "screening_answers": answered(1)}
    await validate(domain, slots=slots, text="/affirm", candidates={"screening_answer": "/affirm"})
    assert stored()["high_blood_pressure"] == ("Yes", "yes", True)


async def test_a_qualified_answer_is_flagged_and_acknowledged(db_url, domain):
    reply = "I was diagnosed years ago but it's treated now"
    slots = {**CONSENTED, "screening_answers": answered(1)}
    dispatcher, _ = await validate(
        domain, slots=slots, text=reply, candidates={"screening_answer": reply}
    )
    # Treated now answers the question about blood pressure that is *untreated* with no;
    # the qualified words still flag it for the care team.
    assert stored()["high_blood_pressure"] == (reply, "no", True)
    assert texts(dispatcher) == [render_response(messages.AMBIGUOUS_ACK_RESPONSE)]


async def test_a_hedged_no_is_still_flagged(db_url, domain):
    slots = {**CONSENTED, "screening_answers": answered(2)}
    await validate(
        domain,
        slots=slots,
        text="I don't think so",
        candidates={"screening_answer": "I don't think so"},
    )
    assert stored()["heart_disease"] == ("I don't think so", "no", True)


async def test_unclear_is_re_asked_once_then_recorded_and_the_form_moves_on(db_url, domain):
    dispatcher, events = await validate(
        domain, slots=CONSENTED, text="purple", candidates={"screening_answer": "purple"}
    )
    slots = slot_events(events)
    assert slots["screening_reasked"] is True
    assert slots["screening_answer"] is None
    assert slots["requested_slot"] == "screening_answer"
    assert "screening_answers" not in slots
    assert stored() == {}

    ask = CollectingDispatcher()
    await ActionAskScreeningAnswer().run(
        ask, plain_tracker(slots={**CONSENTED, "screening_reasked": True}), domain
    )
    help_text = QUESTIONS.get("pregnant_or_nursing").help
    assert responses(ask) == [messages.REASK_RESPONSE, messages.QUESTION_REASK_RESPONSE]
    before, question = texts(ask)
    assert before == f"Sorry, I didn't quite catch that. {help_text}"
    assert question.endswith("\nYou can answer yes, no, not sure, or prefer not to say.")

    dispatcher, events = await validate(
        domain,
        slots={**CONSENTED, "screening_reasked": True},
        text="hmm",
        candidates={"screening_answer": "hmm"},
    )
    slots = slot_events(events)
    assert slots["screening_reasked"] is False
    assert slots["screening_question_id"] == "high_blood_pressure"
    assert texts(dispatcher) == [render_response(messages.UNCLEAR_RECORDED_RESPONSE)]
    assert stored() == {"pregnant_or_nursing": ("hmm", "unclear", True)}


async def test_medications_are_noted_without_comment_and_the_form_completes(db_url, domain):
    slots = {**CONSENTED, "screening_answers": answered(len(YES_NO_IDS))}
    first_dispatcher, events = await validate(domain, slots=slots, text="", candidates={})
    assert slot_events(events)["requested_slot"] == "screening_free_text"

    reply = "Sertraline 100mg and lithium"
    dispatcher, events = await validate(
        domain,
        slots=slots,
        text=reply,
        intent="faq",
        candidates={"screening_free_text": reply},
        requested_slot="screening_free_text",
    )
    result = slot_events(events)
    assert responses(dispatcher) == [
        messages.FREE_TEXT_ACK_RESPONSE,
        messages.COMPLETE_RESPONSE,
    ]
    assert result["screening_complete"] is True
    assert result["screening_in_progress"] is False
    assert result["requested_slot"] is None
    assert stored()["current_medications"] == (reply, "provided", True)
    with session_scope() as session:
        status = get_conversation(session=session, conversation_id=CONV).screening_status
    assert status == "complete"


async def test_a_yes_to_current_suicidal_thoughts_starts_the_crisis_protocol(db_url, domain):
    position = [q.id for q in QUESTIONS].index("suicidal_thoughts")
    slots = {**CONSENTED, "screening_answers": answered(position)}
    dispatcher, events = await validate(
        domain, slots=slots, text="yes", candidates={"screening_answer": "yes"}
    )
    result = slot_events(events)
    assert result["crisis_active"] is True
    assert result["requested_slot"] is None
    assert has_event(events, "active_loop", None)
    assert has_event(events, "followup", "action_crisis_response")
    assert dispatcher.messages == []
    assert stored()["suicidal_thoughts"] == ("yes", "yes", True)


async def test_a_clear_answer_labelled_faq_is_taken_but_a_question_is_not(db_url, domain):
    slots = {**CONSENTED, "screening_answers": answered(2)}
    reply = "yes, I had a heart attack in 2015"
    _, events = await validate(domain, slots=slots, text=reply, intent="faq")
    assert stored()["heart_disease"][0] == reply

    _, events = await validate(
        domain, slots=slots, text="how much does it cost?", intent="faq", candidates={}
    )
    assert set(slot_events(events)) == {"requested_slot"}


async def test_an_answer_labelled_change_answer_is_taken_but_going_back_is_not(db_url, domain):
    slots = {**CONSENTED, "screening_answers": answered(len(YES_NO_IDS))}
    reply = "I changed my medication last month, now sertraline"
    _, events = await validate(
        domain, slots=slots, text=reply, intent="change_answer",
        requested_slot="screening_free_text",
    )  # fmt: skip
    assert stored()["current_medications"] == (reply, "provided", True)

    conversation = "conv-go-back"
    tracker = form_tracker(
        slots=slots, text="go back", intent="change_answer", requested_slot="screening_free_text"
    )
    tracker.sender_id = conversation
    events = await ValidateScreeningForm().run(CollectingDispatcher(), tracker, domain)
    assert "screening_free_text" not in slot_events(events)
    assert "current_medications" not in stored(conversation)


def test_every_go_back_training_phrase_reads_as_going_back():

    nlu = yaml.safe_load((PROJECT_ROOT / "data" / "nlu" / "screening.yml").read_text())["nlu"]
    block = next(item for item in nlu if item.get("intent") == "change_answer")
    phrases = [line[2:] for line in block["examples"].splitlines() if line.startswith("- ")]
    assert len(phrases) > 20
    assert [p for p in phrases if not asks_to_go_back(p)] == []


async def test_after_a_detour_the_faq_text_is_not_taken_as_an_answer(db_url, domain):
    slots = {**CONSENTED, "screening_answers": answered(2)}
    _, events = await validate(
        domain,
        slots=slots,
        text="yes I have a question",
        intent="faq",
        after_action="action_answer_faq",
    )
    assert set(slot_events(events)) == {"requested_slot"}
    assert stored() == {}


async def test_database_failure_is_logged_and_the_chat_goes_on(
    tmp_path, monkeypatch, domain, caplog
):
    # A database without tables: every write fails.
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'empty.db'}")
    get_settings.cache_clear()
    try:
        with caplog.at_level(logging.ERROR, logger="bot.screening.storage"):
            _, events = await validate(
                domain, slots=CONSENTED, text="no", candidates={"screening_answer": "no"}
            )
    finally:
        get_settings.cache_clear()
        dispose_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    slots = slot_events(events)
    assert slots["screening_answers"] == {"pregnant_or_nursing": {"value": "no", "raw": "no"}}
    assert "could not record answer" in caplog.text


# --- asking ---------------------------------------------------------------------------
async def test_the_question_is_asked_with_answer_and_help_buttons(domain):
    dispatcher = CollectingDispatcher()
    events = await ActionAskScreeningAnswer().run(
        dispatcher, plain_tracker(slots={**CONSENTED, "screening_answers": answered(2)}), domain
    )
    message = dispatcher.messages[0]
    assert texts(dispatcher) == [f"Question 3 of 14: {QUESTIONS.get('heart_disease').text}"]
    assert [b["payload"] for b in message["buttons"]] == [
        "/affirm",
        "/deny",
        "/unsure",
        "/prefer_not_say",
        "/explain_question",
    ]
    assert [b["title"] for b in message["buttons"]][:4] == [
        "Yes",
        "No",
        "Not sure",
        "Prefer not to say",
    ]
    assert slot_events(events) == {"screening_question_id": "heart_disease"}


async def test_the_medication_question_offers_none_and_prefer_not_to_say(domain):
    dispatcher = CollectingDispatcher()
    slots = {**CONSENTED, "screening_answers": answered(len(YES_NO_IDS))}
    await ActionAskScreeningAnswer().run(dispatcher, plain_tracker(slots=slots), domain)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert titles == ["None", "Prefer not to say", "What does this mean?"]


async def test_explain_shows_the_current_help_text(domain):
    dispatcher = CollectingDispatcher()
    slots = {**CONSENTED, "screening_answers": answered(3)}
    await ActionExplainQuestion().run(dispatcher, plain_tracker(slots=slots), domain)
    assert texts(dispatcher) == [QUESTIONS.get("hyperthyroidism").help]


# --- change, pause, resume --------------------------------------------------------------
async def test_change_a_named_earlier_answer(db_url, domain):
    slots = {**CONSENTED, "screening_answers": answered(5)}
    dispatcher = CollectingDispatcher()
    events = await ActionChangeAnswer().run(
        dispatcher,
        plain_tracker(
            slots=slots,
            text="I want to change my answer to the blood pressure question",
            intent="change_answer",
            active_loop="screening_form",
        ),
        domain,
    )
    result = slot_events(events)
    assert "high_blood_pressure" not in result["screening_answers"]
    assert len(result["screening_answers"]) == 4
    assert texts(dispatcher) == ["Sure, let's go back to the question about blood pressure."]


async def test_go_back_changes_the_previous_answer_and_the_db_keeps_history(db_url, domain):
    _, events = await validate(
        domain, slots=CONSENTED, text="yes", candidates={"screening_answer": "yes"}
    )
    answers = slot_events(events)["screening_answers"]
    events = await ActionChangeAnswer().run(
        CollectingDispatcher(),
        plain_tracker(
            slots={**CONSENTED, "screening_answers": answers},
            text="go back",
            intent="change_answer",
        ),
        domain,
    )
    answers = slot_events(events)["screening_answers"]
    assert answers == {}
    await validate(
        domain,
        slots={**CONSENTED, "screening_answers": answers},
        text="no",
        candidates={"screening_answer": "no"},
    )
    assert stored() == {"pregnant_or_nursing": ("no", "no", False)}
    with session_scope() as session:
        history = answer_history(session=session, conversation_id=CONV)
    assert [(row.question_id, row.value) for row in history] == [
        ("pregnant_or_nursing", "yes"),
        ("pregnant_or_nursing", "no"),
    ]


async def test_change_with_nothing_answered(domain):
    dispatcher = CollectingDispatcher()
    events = await ActionChangeAnswer().run(
        dispatcher, plain_tracker(text="go back", intent="change_answer"), domain
    )
    assert texts(dispatcher) == [render_response(messages.CHANGE_NOTHING_RESPONSE)]
    assert events == []


async def test_pause_keeps_answers_and_offers_to_continue(db_url, domain):
    slots = {**CONSENTED, "screening_answers": answered(3)}
    dispatcher = CollectingDispatcher()
    events = await ActionPauseScreening().run(
        dispatcher,
        plain_tracker(
            slots=slots, text="stop", intent="stop_screening", active_loop="screening_form"
        ),
        domain,
    )
    assert has_event(events, "active_loop", None)
    assert "screening_answers" not in slot_events(events)
    assert texts(dispatcher) == [render_response(messages.PAUSE_RESPONSE)]
    assert dispatcher.messages[0]["buttons"][0] == {
        "title": "Continue the questionnaire",
        "payload": "/continue_screening",
    }


async def test_pause_before_a_person_takes_over_is_silent(domain):
    dispatcher = CollectingDispatcher()
    events = await ActionPauseScreening().run(
        dispatcher,
        plain_tracker(slots=CONSENTED, text="a human please", intent="request_human"),
        domain,
    )
    assert dispatcher.messages == []
    assert has_event(events, "active_loop", None)


async def test_resume_reloads_answers_and_consent_from_the_database(db_url, domain):
    for reply in ("no", "yes"):
        slots = {**CONSENTED, "screening_answers": stored_answers_slot()}
        await validate(domain, slots=slots, text=reply, candidates={"screening_answer": reply})
    # A new tracker that lost its slots (e.g. a new Rasa model): the DB still knows.
    dispatcher = CollectingDispatcher()
    events = await ActionResumeScreening().run(
        dispatcher, plain_tracker(text="continue", intent="continue_screening"), domain
    )
    result = slot_events(events)
    assert result["screening_consent"] is True
    assert result["screening_answers"] == {
        "pregnant_or_nursing": {"value": "no", "raw": "no"},
        "high_blood_pressure": {"value": "yes", "raw": "yes"},
    }
    assert texts(dispatcher) == [render_response(messages.RESUME_RESPONSE)]


def stored_answers_slot() -> dict:
    return {qid: {"value": value, "raw": raw} for qid, (raw, value, _) in stored().items()}


async def test_start_without_history_says_nothing_and_asks_for_consent(db_url, domain):
    dispatcher = CollectingDispatcher()
    events = await ActionResumeScreening().run(
        dispatcher, plain_tracker(text="start", intent="start_screening"), domain
    )
    assert dispatcher.messages == []
    assert "screening_consent" not in slot_events(events)


# --- wording ----------------------------------------------------------------------------
def _everything_shown_to_visitors() -> list[str]:
    """Every questionnaire response (as written, placeholders and all), then the
    introduction and each question as asked and asked again, rendered, with their buttons."""
    domain = load_domain()
    names = [v for k, v in vars(messages).items() if k.endswith("_RESPONSE")]
    assert len(names) > 20
    shown = [variation["text"] for name in names for variation in domain["responses"][name]]
    intro = messages.intro(QUESTIONS, "Example Clinic")
    shown.append(render_response(intro.response, **intro.values))
    for number, question in enumerate(QUESTIONS, start=1):
        for reasked in (False, True):
            asking, buttons = messages.question_message(question, number, len(QUESTIONS), reasked)
            shown.append(render_response(asking.response, **asking.values))
        shown += [question.help] + [b["title"] for b in buttons]
    return shown


def test_nothing_shown_to_visitors_contains_verdict_wording():
    extra = [re.compile(r"\bnot\s+right\s+for\s+you", re.IGNORECASE)]
    for text in _everything_shown_to_visitors():
        hits = [p.pattern for p in (*VERDICT_PATTERNS, *extra) if p.search(text)]
        assert not hits, (text, hits)


def test_medication_acknowledgement_is_exactly_the_neutral_note():
    said = render_response(messages.FREE_TEXT_ACK_RESPONSE)
    assert said == "Thanks, I've noted that for the care team."


async def test_continue_after_completion_marks_complete_so_the_contact_flow_follows(db_url, domain):
    slots = {"screening_consent": True, "screening_answers": answered(len(QUESTIONS))}
    dispatcher = CollectingDispatcher()
    events = await ActionResumeScreening().run(
        dispatcher,
        plain_tracker(slots=slots, text="continue", intent="continue_screening"),
        domain,
    )
    result = slot_events(events)
    assert result["screening_complete"] is True
    assert result["screening_in_progress"] is False
    assert texts(dispatcher) == [render_response(messages.ALREADY_COMPLETE_RESPONSE)]

    # The form restarting re-validates consent: no second "let's begin", no reset.
    slots.update(result)
    form_dispatcher, form_events = await validate(
        domain, slots=slots, candidates={"screening_consent": True}, requested_slot=None
    )
    assert form_dispatcher.messages == []
    assert slot_events(form_events) == {"requested_slot": None}
