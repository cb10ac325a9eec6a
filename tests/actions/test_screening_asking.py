"""Asking the screening questions (actions/screening_asking.py): consent first, then each
question with its answer and help buttons."""

from __future__ import annotations

import pytest
from rasa_sdk.executor import CollectingDispatcher

from actions.screening_asking import (
    ActionAskScreeningAnswer,
    ActionAskScreeningConsent,
    ActionAskScreeningFreeText,
)
from bot.screening import messages
from tests.actions.screening_form import (
    CONSENTED,
    QUESTIONS,
    YES_NO_IDS,
    answered,
    plain_tracker,
    run_action,
)
from tests.actions.trackers import responses, slot_events, texts


async def test_consent_is_asked_alone_right_after_how_it_works(domain):
    # "can I skip some questions?" got the introduction's facts; they are not shown twice.
    tracker = plain_tracker()
    tracker.events.append(
        {
            "event": "bot",
            "text": "Here is how it works.",
            "metadata": {"utter_action": messages.ABOUT_RESPONSE},
        }
    )
    dispatcher = CollectingDispatcher()
    await ActionAskScreeningConsent().run(dispatcher, tracker, domain)
    assert responses(dispatcher) == [messages.CONSENT_RESPONSE]


async def test_consent_explains_first_then_asks(domain):
    dispatcher, _ = await run_action(ActionAskScreeningConsent(), domain)
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


async def test_the_question_is_asked_with_answer_and_help_buttons(domain):
    slots = {**CONSENTED, "screening_answers": answered(2)}
    dispatcher, events = await run_action(ActionAskScreeningAnswer(), domain, slots=slots)
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


@pytest.mark.parametrize(
    ("action", "rasa_name"),
    [
        (ActionAskScreeningAnswer, "action_ask_screening_answer"),
        (ActionAskScreeningFreeText, "action_ask_screening_free_text"),
    ],
)
async def test_the_medication_question_offers_none_and_prefer_not_to_say(domain, action, rasa_name):
    # The free-text question is asked the same way, by the action Rasa runs for its slot.
    slots = {**CONSENTED, "screening_answers": answered(len(YES_NO_IDS))}
    dispatcher, events = await run_action(action(), domain, slots=slots)
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"]]
    assert titles == ["None", "Prefer not to say", "What does this mean?"]
    assert slot_events(events) == {"screening_question_id": "current_medications"}
    assert action().name() == rasa_name
    assert rasa_name in domain["actions"]


async def test_nothing_is_asked_once_every_question_is_answered(domain):
    slots = {**CONSENTED, "screening_answers": answered(len(QUESTIONS))}
    dispatcher, events = await run_action(ActionAskScreeningAnswer(), domain, slots=slots)
    assert dispatcher.messages == []
    assert events == []
