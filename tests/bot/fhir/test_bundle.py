"""A hand-off as a Bundle: what was sent, coded and verbatim, valid R4, stable ids."""

from __future__ import annotations

from dataclasses import replace

from bot.db.conversations import mark_urgent
from bot.db.engine import session_scope
from bot.fhir.bundle import handoff_bundle
from bot.fhir.export import export_handoff
from bot.fhir.questionnaires import contraindications_canonical
from bot.questionnaire.questions import default_questions
from bot.summary.handoff import summary_from_dict
from tests.bot.fhir.conftest import CANONICAL, resources


def test_completed_screening(make_handoff, load_handoff, db_settings):
    handoff = load_handoff(make_handoff())
    bundle = export_handoff(handoff, db_settings)
    assert bundle["type"] == "collection"
    assert bundle["identifier"] == {
        "system": f"{CANONICAL}/identifier/handoff",
        "value": str(handoff.id),
    }
    [patient] = resources(bundle, "Patient")
    assert patient["name"] == [{"text": "Sam Rivera"}]
    # "Text me": the phone number is reached by SMS and is the preferred channel.
    assert patient["telecom"] == [
        {"system": "sms", "value": "+15550104477", "rank": 1},
        {"system": "email", "value": "sam@example.org"},
    ]
    assert patient["extension"][0]["valueString"] == "weekday mornings"

    [response] = resources(bundle, "QuestionnaireResponse")
    assert response["status"] == "completed"
    assert response["questionnaire"] == contraindications_canonical(db_settings)
    patient_url = bundle["entry"][0]["fullUrl"]
    assert response["subject"] == {"reference": patient_url}
    assert [item["linkId"] for item in response["item"]] == default_questions().ids
    items = {item["linkId"]: item for item in response["item"]}

    pregnancy = items["pregnant_or_nursing"]
    [answer] = pregnancy["answer"]
    assert answer["valueCoding"]["code"] == "yes"
    assert answer["extension"] == [
        {
            "url": f"{CANONICAL}/StructureDefinition/verbatim-reply",
            "valueString": "I'm 20 weeks along",
        }
    ]
    assert pregnancy["extension"] == [
        {"url": f"{CANONICAL}/StructureDefinition/clinician-review", "valueBoolean": True}
    ]
    assert items["high_blood_pressure"]["answer"][0]["valueCoding"]["code"] == "no"
    assert "extension" not in items["high_blood_pressure"]  # not flagged
    assert items["current_medications"]["answer"] == [{"valueString": "sertraline 50 mg"}]
    assert not resources(bundle, "Flag")


def test_partial_answers_are_in_progress(make_handoff, load_handoff, db_settings):
    bundle = export_handoff(load_handoff(make_handoff(complete=False)), db_settings)
    [response] = resources(bundle, "QuestionnaireResponse")
    assert response["status"] == "in-progress"
    assert {item["linkId"] for item in response["item"]} == {
        "pregnant_or_nursing",
        "high_blood_pressure",
        "current_medications",
    }


def test_crisis_handoff_carries_an_active_flag(make_handoff, load_handoff, engine, db_settings):
    with session_scope(engine) as session:
        mark_urgent(session=session, conversation_id="conv-crisis")
    handoff = load_handoff(make_handoff(reason="crisis", cid="conv-crisis", complete=False))
    bundle = export_handoff(handoff, db_settings)
    [flag] = resources(bundle, "Flag")
    assert flag["status"] == "active" and "urgent" in flag["code"]["text"]
    assert flag["period"]["start"] == handoff.summary_json["crisis_at"]


def test_no_answers_no_response_and_booleans_read_as_yes_no(
    make_handoff, load_handoff, db_settings
):
    summary = summary_from_dict(load_handoff(make_handoff()).summary_json)
    assert resources(handoff_bundle(replace(summary, answers=()), db_settings), "Patient")
    assert not resources(
        handoff_bundle(replace(summary, answers=()), db_settings), "QuestionnaireResponse"
    )
    legacy = replace(summary, answers=(replace(summary.answers[0], value=True),))
    [response] = resources(handoff_bundle(legacy, db_settings), "QuestionnaireResponse")
    assert response["item"][0]["answer"][0]["valueCoding"]["code"] == "yes"
