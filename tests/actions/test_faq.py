"""action_answer_faq and action_out_of_scope with a real Tracker, dispatcher and database."""

from __future__ import annotations

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.faq import (
    CLINIC_DETAIL_MARKER,
    NO_ANSWER_RESPONSE,
    NOT_SURE_IN_FORM_RESPONSE,
    NOT_SURE_RESPONSE,
    NOT_UNDERSTOOD_RESPONSE,
    OUT_OF_SCOPE_IN_FORM_RESPONSE,
    OUT_OF_SCOPE_MARKER,
    OUT_OF_SCOPE_RESPONSE,
    ActionAnswerFaq,
    ActionNotUnderstood,
    ActionOutOfScope,
)
from bot.buttons import FOLLOW_UP_REQUEST
from bot.clinic import NO_CONTACT_LINE
from bot.db.conversations import list_faq_topics, list_unanswered
from bot.db.engine import get_engine, make_session_factory
from bot.domain_responses import load_domain
from bot.faq import profile as profile_module
from bot.faq.content import DEFAULT_CONTENT_PATH, load_faq_content
from bot.faq.profile import DEFAULTS, EMPTY_PROFILE, render
from bot.safety.lint import lint_text
from tests.actions.trackers import make_tracker

CONVERSATION = "4b1c3a52-8f4e-4a4e-9d7a-1f2e3d4c5b6a"


@pytest.fixture
def db_url(db_url, settings_env):
    """The database, and the FAQ answer threshold the tests are written for."""
    settings_env(FAQ_ANSWER_THRESHOLD="0.6")
    return db_url


@pytest.fixture
def read_session(db_url):
    with make_session_factory(get_engine(db_url))() as session:
        yield session


def faq_tracker(text: str, intent: str, selector: dict | None) -> Tracker:
    """A tracker whose latest message is ``text``, read as ``intent`` with FAQ ``selector``."""
    return make_tracker(sender_id=CONVERSATION, text=text, intent=intent, selector=selector)


def selector(best: str, confidence: float, ranking: list[tuple[str, float]]) -> dict:
    return {
        "response": {"intent_response_key": best, "confidence": confidence},
        "ranking": [{"intent_response_key": k, "confidence": c} for k, c in ranking],
    }


async def test_confident_answer_utters_response_and_records_topic(db_url, read_session):
    dispatcher = CollectingDispatcher()
    tracker = faq_tracker(
        "side effects?", "faq", selector("faq/side_effects", 0.93, [("faq/side_effects", 0.93)])
    )
    events = await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert events == []
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/side_effects"]
    assert list_faq_topics(session=read_session, conversation_id=CONVERSATION) == ["side_effects"]
    assert list_unanswered(session=read_session, conversation_id=CONVERSATION) == []


async def test_not_sure_offers_topic_buttons_and_care_team(db_url, read_session):
    entries = load_faq_content()
    dispatcher = CollectingDispatcher()
    tracker = faq_tracker(
        "hmm, the other thing?",
        "faq",
        selector(
            "faq/experience",
            0.45,
            [("faq/experience", 0.45), ("faq/session_day", 0.35), ("faq/after_session", 0.12)],
        ),
    )
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == NOT_SURE_RESPONSE
    buttons = message["buttons"]
    assert [b["payload"] for b in buttons] == [
        entries["experience"].question,
        entries["session_day"].question,
        entries["after_session"].question,
        FOLLOW_UP_REQUEST["payload"],
    ]
    assert buttons[0]["title"] == entries["experience"].title
    assert not any(b["payload"].startswith("/faq") for b in buttons)
    [row] = list_unanswered(session=read_session, conversation_id=CONVERSATION)
    assert row.text == "hmm, the other thing?"
    assert row.candidates == ["experience", "session_day", "after_session"]
    assert list_faq_topics(session=read_session, conversation_id=CONVERSATION) == []


@pytest.mark.parametrize("form", ["screening_form", "contact_form"])
async def test_not_sure_inside_a_form_offers_no_topic_buttons(db_url, read_session, form):
    """The form asks its question again next; topic buttons would sit between."""
    dispatcher = CollectingDispatcher()
    text = "sorry I think I clicked the wrong thing earlier, is this still the same form?"
    tracker = make_tracker(
        sender_id=CONVERSATION,
        text=text,
        intent="faq",
        selector=selector("faq/experience", 0.3, [("faq/experience", 0.3), ("faq/ocd", 0.2)]),
        active_loop=form,
    )
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == NOT_SURE_IN_FORM_RESPONSE
    assert not message.get("buttons")
    [row] = list_unanswered(session=read_session, conversation_id=CONVERSATION)
    assert row.text == text


async def test_out_of_scope_inside_the_questionnaire_offers_no_topic_buttons(db_url, read_session):
    dispatcher = CollectingDispatcher()
    tracker = make_tracker(
        sender_id=CONVERSATION,
        text="what's the weather tomorrow",
        intent="out_of_scope",
        active_loop="screening_form",
    )
    await ActionOutOfScope().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == OUT_OF_SCOPE_IN_FORM_RESPONSE
    assert not message.get("buttons")
    [row] = list_unanswered(session=read_session, conversation_id=CONVERSATION)
    assert row.candidates == [OUT_OF_SCOPE_MARKER]


async def test_threshold_comes_from_settings(db_url, settings_env):
    vague = "hmm, the other thing?"  # no training phrasing near it: no second opinion
    tracker = faq_tracker(
        vague, "faq", selector("faq/cost_insurance", 0.55, [("faq/cost_insurance", 0.55)])
    )
    dispatcher = CollectingDispatcher()
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    # 0.55 < 0.6 from FAQ_ANSWER_THRESHOLD: topics offered, no answer
    assert dispatcher.messages[0]["response"] in (NOT_SURE_RESPONSE, NO_ANSWER_RESPONSE)

    settings_env(FAQ_ANSWER_THRESHOLD="0.5")
    dispatcher = CollectingDispatcher()
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_faq/cost_insurance"


@pytest.mark.parametrize(
    ("picked", "answered"), [("faq/session_day", True), ("faq/after_session", False)]
)
async def test_nearest_phrasings_confirm_a_pick_under_the_threshold(
    db_url, read_session, picked, answered
):
    """Under the gate, the answer is sent only when the nearest training phrasings are of
    the selector's own topic (bot/faq/neighbours.py)."""
    ranking = [(picked, 0.5), ("faq/experience", 0.3)]
    tracker = faq_tracker("can i pick the music", "faq", selector(picked, 0.5, ranking))
    dispatcher = CollectingDispatcher()
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert (message["response"] == f"utter_{picked}") is answered
    unanswered = list_unanswered(session=read_session, conversation_id=CONVERSATION)
    assert bool(unanswered) is not answered


async def test_missing_selector_output_still_offers_care_team(db_url):
    dispatcher = CollectingDispatcher()
    await ActionAnswerFaq().run(dispatcher, faq_tracker("hmm", "faq", None), {})
    [message] = dispatcher.messages
    assert message["response"] == NO_ANSWER_RESPONSE
    assert [b["payload"] for b in message["buttons"]] == [FOLLOW_UP_REQUEST["payload"]]


async def test_database_error_does_not_break_reply(unmigrated_db_url, settings_env, caplog):
    # The insert fails, the visitor still gets the answer.
    settings_env(FAQ_ANSWER_THRESHOLD="0.5")
    dispatcher = CollectingDispatcher()
    tracker = faq_tracker("cost?", "faq", selector("faq/cost_insurance", 0.9, []))
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    assert dispatcher.messages[0]["response"] == "utter_faq/cost_insurance"
    assert "could not record_faq_topic" in caplog.text


async def test_out_of_scope_reply_and_marker(db_url, read_session):
    dispatcher = CollectingDispatcher()
    tracker = faq_tracker("what's the weather tomorrow", "out_of_scope", None)
    assert await ActionOutOfScope().run(dispatcher, tracker, {}) == []
    [message] = dispatcher.messages
    assert message["response"] == OUT_OF_SCOPE_RESPONSE
    assert message["buttons"][-1]["payload"] == FOLLOW_UP_REQUEST["payload"]
    assert len(message["buttons"]) >= 2
    [row] = list_unanswered(session=read_session, conversation_id=CONVERSATION)
    assert row.text == "what's the weather tomorrow"
    assert row.candidates == [OUT_OF_SCOPE_MARKER]


def test_action_names():
    assert ActionAnswerFaq().name() == "action_answer_faq"
    assert ActionOutOfScope().name() == "action_out_of_scope"


async def test_answer_carries_the_clinic_profile_fill_ins(db_url, tmp_path, monkeypatch):
    """Every {profile_*} placeholder of the answer gets a value (the neutral one when unset)."""
    dispatcher = CollectingDispatcher()
    tracker = faq_tracker(
        "can i drive after", "faq", selector("faq/after_session", 0.9, [("faq/after_session", 0.9)])
    )
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_faq/after_session"
    assert message["profile_driving"] == DEFAULTS["driving"]
    assert message["profile_integration_timing"] == DEFAULTS["integration_timing"]
    assert not [
        key
        for key in message
        if key.startswith("profile_")
        and key
        not in (
            "profile_driving",
            "profile_integration_timing",
        )
    ]


async def test_clinic_values_are_used_when_set(db_url, tmp_path, monkeypatch):
    profile = tmp_path / "clinic_profile.yml"
    driving = "At our clinic you may not drive until the next day, after a night's sleep."
    profile.write_text(yaml.safe_dump({"driving": driving}), encoding="utf-8")
    monkeypatch.setattr(profile_module, "DEFAULT_PROFILE_PATH", profile)
    dispatcher = CollectingDispatcher()
    tracker = faq_tracker(
        "what happens on the day",
        "faq",
        selector("faq/session_day", 0.9, [("faq/session_day", 0.9)]),
    )
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["profile_driving"] == driving
    assert message["profile_monitoring"] == DEFAULTS["monitoring"]


async def test_rasa_fills_the_answer_from_the_action_message(db_url):
    """What Rasa does with the action's message: the real response file, the real NLG."""
    from rasa.core.nlg import TemplatedNaturalLanguageGenerator

    responses = yaml.safe_load(DEFAULT_CONTENT_PATH.read_text(encoding="utf-8"))["responses"]
    nlg = TemplatedNaturalLanguageGenerator(responses)
    slots = {"clinic_contact_line": NO_CONTACT_LINE}
    for topic in ("after_session", "cost_insurance", "session_day", "what_is_kap"):
        dispatcher = CollectingDispatcher()
        tracker = faq_tracker(topic, "faq", selector(f"faq/{topic}", 0.9, [(f"faq/{topic}", 0.9)]))
        await ActionAnswerFaq().run(dispatcher, tracker, {})
        [message] = dispatcher.messages
        kwargs = {key: value for key, value in message.items() if key != "response"}
        draft = nlg.generate_from_slots(message["response"], slots, "rest", **kwargs)
        assert "{" not in draft["text"], topic
        assert lint_text(draft["text"]) == [], topic
        assert render(load_faq_content()[topic].text, EMPTY_PROFILE, **slots) == draft["text"]


async def test_a_question_about_another_treatment_gets_the_out_of_scope_reply(db_url, read_session):
    """The selector's confident ketamine pick is not sent for 'does insurance cover TMS'."""
    text = "Does insurance usually cover TMS?"
    tracker = faq_tracker(
        text, "faq", selector("faq/cost_insurance", 0.97, [("faq/cost_insurance", 0.97)])
    )
    dispatcher = CollectingDispatcher()
    await ActionAnswerFaq().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == OUT_OF_SCOPE_RESPONSE
    [row] = list_unanswered(session=read_session, conversation_id=CONVERSATION)
    assert (row.text, row.candidates) == (text, [OUT_OF_SCOPE_MARKER])
    assert list_faq_topics(session=read_session, conversation_id=CONVERSATION) == []


@pytest.mark.parametrize("intent", ["faq", "out_of_scope"])
async def test_a_question_about_the_clinics_own_details_gets_its_contact_line(
    db_url, read_session, intent
):
    """'Where are you located?' gets the clinic's contact line, not the booking answer."""
    text = "Where are you located? Where can I park?"
    tracker = faq_tracker(
        text, intent, selector("faq/book_assessment", 0.93, [("faq/book_assessment", 0.93)])
    )
    dispatcher = CollectingDispatcher()
    action = ActionAnswerFaq() if intent == "faq" else ActionOutOfScope()
    await action.run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == "utter_ask_the_clinic"
    [row] = list_unanswered(session=read_session, conversation_id=CONVERSATION)
    assert (row.text, row.candidates) == (text, [CLINIC_DETAIL_MARKER])
    assert list_faq_topics(session=read_session, conversation_id=CONVERSATION) == []


def test_the_faq_replies_word_lives_in_the_domain():
    """The actions name responses; the wording (and its lint) is domain.yml's."""
    responses = load_domain()["responses"]
    for name in (NOT_SURE_RESPONSE, NO_ANSWER_RESPONSE, OUT_OF_SCOPE_RESPONSE):
        [variant] = responses[name]
        assert variant["text"] and "buttons" not in variant, name


async def test_a_question_the_classifier_is_unsure_of_gets_the_faq_answer(db_url, read_session):
    dispatcher = CollectingDispatcher()
    tracker = faq_tracker(
        "honestly kind of scared. is this stuff dangerous",
        "nlu_fallback",
        selector("faq/safety_and_risks", 0.93, [("faq/safety_and_risks", 0.93)]),
    )
    await ActionNotUnderstood().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_faq/safety_and_risks"]
    assert list_faq_topics(session=read_session, conversation_id=CONVERSATION) == [
        "safety_and_risks"
    ]


async def test_a_question_the_classifier_is_unsure_of_gets_the_likeliest_topics(db_url):
    dispatcher = CollectingDispatcher()
    tracker = faq_tracker(
        "hmm, the other thing?",
        "nlu_fallback",
        selector("faq/experience", 0.45, [("faq/experience", 0.45), ("faq/session_day", 0.35)]),
    )
    await ActionNotUnderstood().run(dispatcher, tracker, {})
    [message] = dispatcher.messages
    assert message["response"] == NOT_SURE_RESPONSE


@pytest.mark.parametrize("text", ["asdfgh", "hmm ok then", "banana"])
async def test_anything_else_the_classifier_is_unsure_of_is_not_understood(db_url, text):
    dispatcher = CollectingDispatcher()
    tracker = faq_tracker(
        text, "nlu_fallback", selector("faq/experience", 0.2, [("faq/experience", 0.2)])
    )
    await ActionNotUnderstood().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == [NOT_UNDERSTOOD_RESPONSE]


async def test_a_question_with_no_likely_topic_is_not_understood(db_url):
    dispatcher = CollectingDispatcher()
    tracker = faq_tracker("what is this?", "nlu_fallback", None)
    await ActionNotUnderstood().run(dispatcher, tracker, {})
    assert [m["response"] for m in dispatcher.messages] == [NOT_UNDERSTOOD_RESPONSE]
