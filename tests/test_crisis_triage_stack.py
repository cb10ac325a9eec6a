"""The C-SSRS screener after a crisis message, through the running assistant: what the
visitor sees (no level, resources kept), and what staff get (level, words, times)."""

from __future__ import annotations

import json
import re
import uuid

import pytest
from sqlalchemy import select

from bot.db.engine import get_engine, session_scope
from bot.db.models import Handoff
from bot.fhir.validation import validate_resource
from tests.cli_runner import intake_json

pytestmark = [pytest.mark.stack, pytest.mark.slow]

RESULT_WORDS = re.compile(r"\b(risk|level|score|severity|triage|red|orange|yellow)\b", re.I)


def say(stack, cid: str, message: str) -> list[dict]:
    replies = stack.chat(cid, message)["messages"]
    assert replies and not any("having trouble" in (r["text"] or "") for r in replies)
    return replies


def crisis_handoff(stack, cid: str) -> Handoff:
    with session_scope(get_engine(stack.database_url)) as session:
        statement = select(Handoff).where(
            Handoff.conversation_id == cid, Handoff.reason == "crisis"
        )
        [handoff] = session.execute(statement).scalars().all()
        session.expunge(handoff)
        return handoff


def test_typed_answers_reach_staff_as_a_level_and_the_visitor_sees_none(stack):
    cid = str(uuid.uuid4())
    shown = say(stack, cid, "I don't want to be alive anymore")
    assert "988" in shown[0]["text"] and shown[-1]["text"].startswith("So the care team knows")
    shown += say(stack, cid, "ok")
    assert "wished you were dead" in shown[-1]["text"]
    for typed in ["yes, most nights", "yes I want to kill myself", "not really"]:
        shown += say(stack, cid, typed)
    assert "had some intention of acting" in shown[-1]["text"]
    for typed in ["no", "no plan", "I tried once in college"]:
        shown += say(stack, cid, typed)
    assert shown[-1]["text"] == "Was this within the past 3 months?"
    shown += say(stack, cid, "no, that was 10 years ago")
    assert shown[-1]["text"].startswith("Thank you for answering") and "988" in shown[-1]["text"]
    for reply in shown[1:]:
        assert not RESULT_WORDS.search(reply["text"] or ""), reply["text"]

    handoff = crisis_handoff(stack, cid)
    triage = handoff.summary_json["triage"]
    assert (triage["level"], triage["partial"]) == ("moderate", False)
    answers = {item["question_id"]: (item["answer"], item["raw_text"]) for item in triage["items"]}
    assert answers["cssrs_3"] == ("no", "not really")
    assert answers["cssrs_6"] == ("yes", "I tried once in college")
    assert all(item["answered_at"] for item in triage["items"])

    # The records export of this real conversation validates and carries the screener.
    bundle = validate_resource(intake_json(stack.database_url, "handoffs", "fhir", str(handoff.id)))
    resources = [entry["resource"] for entry in bundle["entry"]]
    responses = [r for r in resources if r["resourceType"] == "QuestionnaireResponse"]
    assert any("cssrs" in r["questionnaire"] and r["status"] == "completed" for r in responses)
    verbatim = json.dumps(responses)
    assert "I tried once in college" in verbatim
    levels = [
        r["valueCodeableConcept"]["coding"][0]["code"]
        for r in resources
        if r["resourceType"] == "Observation" and "valueCodeableConcept" in r
    ]
    assert levels == ["moderate"]

    # Still in crisis mode afterwards: anything else gets the resources again.
    after = say(stack, cid, "what does ketamine cost?")
    assert "988" in after[0]["text"]


def test_the_visitor_can_decline_and_stop_and_keeps_the_resources(stack):
    cid = str(uuid.uuid4())
    say(stack, cid, "I want to end my life")
    declined = say(stack, cid, "no thanks")
    assert "988" in declined[-1]["text"]
    assert crisis_handoff(stack, cid).summary_json.get("triage") is None

    cid = str(uuid.uuid4())
    say(stack, cid, "I want to end my life")
    say(stack, cid, "/affirm")
    say(stack, cid, "/affirm")
    stopped = say(stack, cid, "I don't want to answer any more")
    assert stopped[-1]["text"].startswith("Of course, we can stop here")
    triage = crisis_handoff(stack, cid).summary_json["triage"]
    assert triage["partial"] and triage["level"] == "low"
