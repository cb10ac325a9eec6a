"""FHIR export of a real conversation: typed replies through the running assistant, then
``intake handoffs fhir`` on its database, validated as R4."""

from __future__ import annotations

import uuid

import pytest
from sqlalchemy import select

from bot.db.engine import get_engine, session_scope
from bot.db.models import Handoff
from bot.fhir.validation import validate_resource
from bot.questionnaire.questions import default_questions
from tests.cli_runner import intake_json

pytestmark = [pytest.mark.stack, pytest.mark.slow]

# Typed the way visitors type; the export must carry each reply verbatim.
TYPED = {
    "pregnant_or_nursing": "nope, not pregnant",
    "high_blood_pressure": "I take lisinopril and it's well controlled",
    "current_medications": "sertraline 50mg every morning",
}


def say(stack, cid: str, message: str) -> list[dict]:
    replies = stack.chat(cid, message)["messages"]
    assert replies and not any("having trouble" in r["text"] for r in replies), (message, replies)
    return replies


def test_completed_conversation_exports_a_valid_bundle(stack):
    cid = str(uuid.uuid4())
    say(stack, cid, "hi, can I check whether ketamine therapy could work for me?")
    say(stack, cid, "/start_screening")
    replies = say(stack, cid, "/affirm")
    for question in default_questions():
        assert any(question.text in r["text"] for r in replies), (question.id, replies)
        replies = say(stack, cid, TYPED.get(question.id, "no"))
    for message in ("Robin Vale", "text me", "(201) 555-0147", "after 5pm", "looks good, send it"):
        replies = say(stack, cid, message)
    assert "sent your answers to the care team" in " ".join(r["text"] for r in replies)

    with session_scope(get_engine(stack.database_url)) as session:
        [handoff_id] = session.execute(
            select(Handoff.id).where(Handoff.conversation_id == cid)
        ).scalars()
    bundle = validate_resource(intake_json(stack.database_url, "handoffs", "fhir", str(handoff_id)))
    resources = {e["resource"]["resourceType"]: e["resource"] for e in bundle["entry"]}
    patient = resources["Patient"]
    assert patient["name"] == [{"text": "Robin Vale"}]
    assert patient["telecom"][0]["system"] == "sms" and patient["telecom"][0]["rank"] == 1
    response = resources["QuestionnaireResponse"]
    assert response["status"] == "completed"
    items = {item["linkId"]: item for item in response["item"]}
    assert set(items) == set(default_questions().ids)
    for question_id, typed in TYPED.items():
        answer = items[question_id]["answer"][0]
        verbatim = answer.get("valueString") or answer["extension"][0]["valueString"]
        assert verbatim == typed
    assert items["pregnant_or_nursing"]["answer"][0]["valueCoding"]["code"] == "no"
    assert items["high_blood_pressure"]["answer"][0]["valueCoding"]["code"] == "no"
