"""The screening detours (actions/screening_detours.py): declining, explaining a question,
changing an answer, pausing and resuming, with a real Tracker and SQLite database."""

from __future__ import annotations

from actions.screening_detours import (
    ActionChangeAnswer,
    ActionExplainQuestion,
    ActionPauseScreening,
    ActionResumeScreening,
    ActionScreeningDeclined,
)
from bot.db.answers import answer_history
from bot.db.conversations import get_conversation
from bot.db.engine import session_scope
from bot.screening import messages
from tests.actions.screening_form import (
    CONSENTED,
    CONV,
    QUESTIONS,
    answer_consent,
    answered,
    in_form,
    run_action,
    stored,
    stored_answers_slot,
    validate,
)
from tests.actions.trackers import has_event, slot_events, texts
from tests.responses import render_response


async def test_declining_asks_nothing_and_hands_to_the_declined_action(db_url, domain):
    dispatcher, events = await answer_consent(domain, agreed=False)
    assert slot_events(events)["requested_slot"] is None
    assert has_event(events, "followup", "action_screening_declined")
    assert dispatcher.messages == []
    with session_scope() as session:
        assert get_conversation(session=session, conversation_id=CONV) is None

    declined, after = await run_action(
        ActionScreeningDeclined(), domain, slots={"screening_consent": False}
    )
    assert texts(declined) == [render_response(messages.DECLINED_RESPONSE)]
    payloads = [b["payload"] for b in declined.messages[0]["buttons"]]
    assert payloads == ["/help", "/request_human"]
    assert slot_events(after)["screening_consent"] is None


async def test_explain_shows_the_current_help_text(domain):
    slots = {**CONSENTED, "screening_answers": answered(3)}
    dispatcher, _ = await run_action(ActionExplainQuestion(), domain, slots=slots)
    assert texts(dispatcher) == [QUESTIONS.get("hyperthyroidism").help]


async def test_before_consent_explain_tells_how_the_questionnaire_works(domain):
    # "can I skip some questions?" at the consent step: the introduction's facts again,
    # with the clinic's name and the real number of questions.
    slots = {"clinic_name": "Riverside Clinic"}
    dispatcher, _ = await run_action(ActionExplainQuestion(), domain, slots=slots)
    [said] = texts(dispatcher)
    assert f"There are {len(QUESTIONS)} short questions" in said
    assert "Riverside Clinic's care team" in said
    assert '"Prefer not to say"' in said


async def test_change_a_named_earlier_answer(db_url, domain):
    words = "I want to change my answer to the blood pressure question"
    dispatcher, events = await run_action(
        ActionChangeAnswer(), domain, text=words, intent="change_answer", **in_form(5)
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
    _, events = await run_action(
        ActionChangeAnswer(),
        domain,
        slots={**CONSENTED, "screening_answers": answers},
        text="go back",
        intent="change_answer",
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
    dispatcher, events = await run_action(
        ActionChangeAnswer(), domain, text="go back", intent="change_answer"
    )
    assert texts(dispatcher) == [render_response(messages.CHANGE_NOTHING_RESPONSE)]
    assert events == []


async def test_pause_keeps_answers_and_offers_to_continue(db_url, domain):
    dispatcher, events = await run_action(
        ActionPauseScreening(), domain, text="stop", intent="stop_screening", **in_form(3)
    )
    assert has_event(events, "active_loop", None)
    assert "screening_answers" not in slot_events(events)
    assert texts(dispatcher) == [render_response(messages.PAUSE_RESPONSE)]
    assert dispatcher.messages[0]["buttons"][0] == {
        "title": "Continue the questionnaire",
        "payload": "/continue_screening",
    }


async def test_pause_before_a_person_takes_over_is_silent(domain):
    dispatcher, events = await run_action(
        ActionPauseScreening(),
        domain,
        slots=CONSENTED,
        text="a human please",
        intent="request_human",
    )
    assert dispatcher.messages == []
    assert has_event(events, "active_loop", None)


async def test_resume_reloads_answers_and_consent_from_the_database(db_url, domain):
    for reply in ("no", "yes"):
        slots = {**CONSENTED, "screening_answers": stored_answers_slot()}
        await validate(domain, slots=slots, text=reply, candidates={"screening_answer": reply})
    # A new tracker that lost its slots (e.g. a new Rasa model): the DB still knows.
    dispatcher, events = await run_action(
        ActionResumeScreening(), domain, text="continue", intent="continue_screening"
    )
    result = slot_events(events)
    assert result["screening_consent"] is True
    assert result["screening_answers"] == {
        "pregnant_or_nursing": {"value": "no", "raw": "no"},
        "high_blood_pressure": {"value": "yes", "raw": "yes"},
    }
    assert texts(dispatcher) == [render_response(messages.RESUME_RESPONSE)]


async def test_start_without_history_says_nothing_and_asks_for_consent(db_url, domain):
    dispatcher, events = await run_action(
        ActionResumeScreening(), domain, text="start", intent="start_screening"
    )
    assert dispatcher.messages == []
    assert "screening_consent" not in slot_events(events)


async def test_continue_after_completion_marks_complete_so_the_contact_flow_follows(db_url, domain):
    slots = {"screening_consent": True, "screening_answers": answered(len(QUESTIONS))}
    dispatcher, events = await run_action(
        ActionResumeScreening(), domain, slots=slots, text="continue", intent="continue_screening"
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


async def test_an_earlier_question_named_with_its_answer_is_changed_at_once(db_url, domain):
    words = "Oh sorry, for the pregnancy one earlier — it's a no"
    dispatcher, events = await run_action(
        ActionChangeAnswer(), domain, text=words, intent="change_answer", **in_form(5)
    )
    answers = slot_events(events)["screening_answers"]
    assert len(answers) == 5
    assert answers["pregnant_or_nursing"]["value"] == "no"
    assert stored()["pregnant_or_nursing"] == (words, "no", False)
    assert texts(dispatcher) == [
        'Thank you, I\'ve changed your answer about pregnancy or nursing to "No".'
    ]


async def test_an_earlier_question_named_without_a_clear_answer_is_asked_again(db_url, domain):
    words = "about the pregnancy one earlier, hmm"
    _, events = await run_action(
        ActionChangeAnswer(), domain, text=words, intent="change_answer", **in_form(5)
    )
    assert "pregnant_or_nursing" not in slot_events(events)["screening_answers"]
