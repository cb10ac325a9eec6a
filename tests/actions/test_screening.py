"""The screening form's validation (actions/screening.py) with a real rasa_sdk Tracker,
CollectingDispatcher and SQLite database: consent, each answer stored as given."""

from __future__ import annotations

import logging
import re

import yaml
from rasa_sdk.executor import CollectingDispatcher

from actions.screening import ValidateScreeningForm
from actions.screening_asking import ActionAskScreeningAnswer
from bot.db.conversations import get_conversation
from bot.db.engine import session_scope
from bot.domain_responses import load_domain
from bot.questionnaire.questions import VERDICT_PATTERNS
from bot.screening import messages
from bot.screening.flow import asks_to_go_back
from bot.settings import PROJECT_ROOT
from tests.actions.screening_form import (
    CONSENTED,
    CONV,
    QUESTIONS,
    YES_NO_IDS,
    answer_consent,
    answered,
    form_tracker,
    plain_tracker,
    stored,
    validate,
)
from tests.actions.trackers import has_event, responses, slot_events, texts
from tests.responses import render_response


# --- consent --------------------------------------------------------------------------
async def test_consent_is_recorded_and_the_first_question_is_requested(db_url, domain):
    dispatcher, events = await answer_consent(domain, agreed=True)
    slots = slot_events(events)
    assert slots["screening_consent"] is True
    assert slots["screening_in_progress"] is True
    assert slots["requested_slot"] == "screening_answer"
    assert texts(dispatcher) == [render_response(messages.CONSENT_THANKS_RESPONSE)]
    with session_scope() as session:
        conversation = get_conversation(session=session, conversation_id=CONV)
        assert conversation.consent_at is not None
        assert conversation.screening_status == "in_progress"


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


async def test_database_failure_is_logged_and_the_chat_goes_on(unmigrated_db_url, domain, caplog):
    with caplog.at_level(logging.ERROR, logger="bot.screening.storage"):
        _, events = await validate(
            domain, slots=CONSENTED, text="no", candidates={"screening_answer": "no"}
        )
    slots = slot_events(events)
    assert slots["screening_answers"] == {"pregnant_or_nursing": {"value": "no", "raw": "no"}}
    assert "could not record answer" in caplog.text


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
