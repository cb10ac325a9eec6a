"""The C-SSRS screener in FHIR: its Questionnaire, the visitor's response and the triage level
as an Observation, each valid R4 (fhir.resources 6.4.0 and our own checks)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.db.engine import session_scope
from bot.fhir.bundle import handoff_bundle
from bot.fhir.codes import CSSRS_ID, answer_system
from bot.fhir.export import export_handoff, questionnaires_bundle
from bot.fhir.questionnaires import all_questionnaires, contraindications_questionnaire
from bot.fhir.triage import cssrs_canonical, cssrs_questionnaire, screener_version
from bot.fhir.validation import FhirValidationError, validate_resource
from bot.instruments.cssrs import default_screener
from bot.summary.handoff import summary_from_dict
from bot.summary.triage import TriageItem, TriageResult
from tests.bot.fhir.conftest import CANONICAL, resources
from tests.bot.triage.screener_replies import store_screener_replies

VERBATIM = f"{CANONICAL}/StructureDefinition/verbatim-reply"
LEVELS = f"{CANONICAL}/CodeSystem/cssrs-triage-level"


def screener_entries(bundle: dict) -> tuple[dict, dict, str]:
    """The screener's response, its triage Observation and the response's fullUrl."""
    [(url, response)] = [
        (e["fullUrl"], e["resource"])
        for e in bundle["entry"]
        if e["resource"].get("questionnaire", "").startswith(f"{CANONICAL}/Questionnaire/cssrs")
    ]
    [observation] = [
        r
        for r in resources(bundle, "Observation")
        if r["code"]["coding"][0]["code"] == "cssrs-screener-triage-level"
    ]
    return response, observation, url


@pytest.fixture
def crisis_with_screener(make_handoff, load_handoff, engine, db_settings):
    """A crisis hand-off made by the real service, the screener answered through storage."""

    def make(replies: list[tuple[str, str, str]], ended: bool = True):
        handoff_id = make_handoff(reason="crisis", cid="conv-triage", complete=False)
        with session_scope(engine) as session:
            store_screener_replies(
                session, "conv-triage", replies, ended=ended, settings=db_settings
            )
        return load_handoff(handoff_id)

    return make


def test_the_questionnaire_is_the_published_screener_with_its_skip_logic(fhir_settings):
    questionnaire = validate_resource(cssrs_questionnaire(fhir_settings))
    screener = default_screener()
    assert questionnaire["url"] == f"{CANONICAL}/Questionnaire/{CSSRS_ID}"
    assert questionnaire["version"] == screener_version(screener)
    items = questionnaire["item"]
    assert [item["linkId"] for item in items] == screener.ids
    assert [item["text"] for item in items] == [q.text for q in screener.questions]
    assert [item["prefix"] for item in items] == [q.number for q in screener.questions]
    assert {item["type"] for item in items} == {"choice"}
    when = {item["linkId"]: item.get("enableWhen") for item in items}
    yes = {"system": answer_system(fhir_settings), "code": "yes", "display": "Yes"}
    for question_id in ("cssrs_3", "cssrs_4", "cssrs_5"):
        assert when[question_id] == [{"question": "cssrs_2", "operator": "=", "answerCoding": yes}]
    assert when["cssrs_6_past_3_months"] == [
        {"question": "cssrs_6", "operator": "=", "answerCoding": yes}
    ]
    assert when["cssrs_1"] is when["cssrs_2"] is when["cssrs_6"] is None
    # Yes / no in the code system the contraindication questionnaire answers yes / no in.
    contraindication_codings = [
        option["valueCoding"]
        for item in contraindications_questionnaire(fhir_settings)["item"]
        for option in item.get("answerOption", [])
    ]
    codings = [option["valueCoding"] for option in items[0]["answerOption"]]
    assert codings[:2] == [yes, {**yes, "code": "no", "display": "No"}]
    assert codings[0] in contraindication_codings
    assert [c["code"] for c in codings[2:]] == ["not_sure", "declined", "unclear"]
    # The examples of question 6 stay beside the wording, not inside it.
    assert items[5]["item"][1]["text"] == screener.questions[5].examples


def test_it_is_printed_with_the_other_questionnaires(fhir_settings):
    assert cssrs_questionnaire(fhir_settings) in all_questionnaires(fhir_settings)
    printed = questionnaires_bundle(fhir_settings)
    urls = [entry["fullUrl"] for entry in printed["entry"]]
    assert f"{CANONICAL}/Questionnaire/{CSSRS_ID}" in urls


def test_a_reworded_question_is_a_new_version(fhir_settings):
    screener = default_screener()
    first = screener.questions[0]
    reworded = replace(
        screener, questions=(replace(first, text="Edited?"), *screener.questions[1:])
    )
    assert screener_version(reworded) != screener_version(screener)
    assert cssrs_canonical(fhir_settings).endswith(f"|{screener_version(screener)}")


def test_a_complete_screener_exports_its_answers_and_the_level(crisis_with_screener, db_settings):
    handoff = crisis_with_screener(
        [
            ("cssrs_1", "yes, most nights", "yes"),
            ("cssrs_2", "no, never that far", "no"),
            ("cssrs_6", "I took pills two years ago", "yes"),
            ("cssrs_6_past_3_months", "no, years ago", "no"),
        ]
    )
    bundle = export_handoff(handoff, db_settings)
    for entry in bundle["entry"]:
        validate_resource(entry["resource"])
    response, observation, response_url = screener_entries(bundle)
    assert response["questionnaire"] == cssrs_canonical(db_settings)
    assert response["status"] == "completed"
    assert response["subject"] == {"reference": bundle["entry"][0]["fullUrl"]}
    assert [item["linkId"] for item in response["item"]] == [
        "cssrs_1",
        "cssrs_2",
        "cssrs_6",
        "cssrs_6_past_3_months",
    ]
    first = response["item"][0]["answer"][0]
    assert first["valueCoding"]["code"] == "yes"
    assert first["valueCoding"]["system"] == answer_system(db_settings)
    assert first["extension"] == [{"url": VERBATIM, "valueString": "yes, most nights"}]

    assert observation["status"] == "final"
    assert observation["category"][0]["coding"][0]["code"] == "survey"
    assert observation["code"]["text"] == "Columbia Protocol triage level (C-SSRS screener)"
    [code] = observation["code"]["coding"]
    assert code["system"].startswith(f"{CANONICAL}/CodeSystem/")
    assert all("loinc" not in c["system"] for c in observation["code"]["coding"])
    assert observation["valueCodeableConcept"] == {
        "coding": [{"system": LEVELS, "code": "moderate", "display": "moderate risk"}],
        "text": "moderate risk",
    }
    assert observation["derivedFrom"] == [{"reference": response_url}]
    notes = [note["text"] for note in observation["note"]]
    assert notes[0] == "screening result, not a diagnosis"
    assert notes[1].startswith("Complete screener")
    assert observation["component"][0]["valueBoolean"] is False
    triage = handoff.summary_json["triage"]
    assert observation["effectivePeriod"] == {
        "start": triage["started_at"],
        "end": triage["answered_at"],
    }


def test_a_partial_screener_keeps_unread_replies_verbatim_without_a_yes_or_no(
    crisis_with_screener, db_settings
):
    handoff = crisis_with_screener(
        [
            ("cssrs_1", "sometimes I guess", "yes"),
            ("cssrs_2", "I'd rather not say", "declined"),
            ("cssrs_6", "hmm, it's complicated <b>", "unclear"),
        ]
    )
    bundle = validate_resource(export_handoff(handoff, db_settings))
    response, observation, _ = screener_entries(bundle)
    assert response["status"] == "in-progress"
    answers = {item["linkId"]: item["answer"][0] for item in response["item"]}
    for question_id, code, typed in (
        ("cssrs_2", "declined", "I'd rather not say"),
        ("cssrs_6", "unclear", "hmm, it's complicated <b>"),
    ):
        assert answers[question_id]["valueCoding"]["code"] == code  # not a yes or a no
        assert answers[question_id]["extension"] == [{"url": VERBATIM, "valueString": typed}]
    assert observation["valueCodeableConcept"]["coding"][0]["code"] == "low"
    assert observation["component"][0]["valueBoolean"] is True
    partial = observation["note"][1]["text"]
    assert partial.startswith("PARTIAL screener") and "may be higher" in partial
    assert partial.endswith("not answered: 2, 3, 4, 5, 6, 6 (past 3 months).")
    assert "screening result, not a diagnosis" in observation["note"][0]["text"]


def test_a_not_sure_and_an_unknown_value(make_handoff, load_handoff, db_settings):
    summary = summary_from_dict(load_handoff(make_handoff(reason="crisis")).summary_json)
    assert summary.triage is None
    assert not [
        r for r in resources(handoff_bundle(summary, db_settings), "Observation")
    ]  # no screener, no triage Observation
    item = TriageItem("cssrs_1", "1", "Q1?", "not really sure", "not_sure", None)
    odd = TriageItem("cssrs_2", "2", "Q2?", "typed words", "something_new", None)
    triage = TriageResult(
        level="none",
        label="no risk identified",
        colour=None,
        staff_label="no risk identified; screening result, not a diagnosis",
        partial=True,
        unanswered=("1", "2", "6"),
        items=(item, odd),
    )
    bundle = validate_resource(handoff_bundle(replace(summary, triage=triage), db_settings))
    response, observation, _ = screener_entries(bundle)
    not_sure, unknown = (i["answer"][0] for i in response["item"])
    assert not_sure["valueCoding"]["code"] == "not_sure"
    assert not_sure["extension"][0]["valueString"] == "not really sure"
    assert unknown == {"valueString": "typed words"}
    assert observation["valueCodeableConcept"]["coding"][0]["code"] == "none"
    # Only answered_at missing everywhere: the hand-off's time stands in.
    assert observation["effectiveDateTime"] == summary.created_at


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"operator": "equals"}, "is not an operator"),
        ({"question": "cssrs_99"}, "is not an item"),
    ],
)
def test_broken_skip_logic_is_refused(fhir_settings, change, message):
    questionnaire = cssrs_questionnaire(fhir_settings)
    questionnaire["item"][2]["enableWhen"][0].update(change)
    with pytest.raises(FhirValidationError, match=message):
        validate_resource(questionnaire)
