"""The contraindication Questionnaire: valid R4, one item per question, versioned by wording."""

from __future__ import annotations

from dataclasses import replace

from bot.fhir.codes import CONTRAINDICATIONS_ID
from bot.fhir.questionnaires import (
    all_questionnaires,
    contraindications_canonical,
    contraindications_questionnaire,
    questions_version,
)
from bot.fhir.validation import validate_resource
from bot.questionnaire.questions import QuestionSet, default_questions
from tests.bot.fhir.conftest import CANONICAL


def test_every_question_is_an_item_in_order(fhir_settings):
    questionnaire = validate_resource(contraindications_questionnaire(fhir_settings))
    questions = default_questions()
    assert [item["linkId"] for item in questionnaire["item"]] == questions.ids
    assert questionnaire["url"] == f"{CANONICAL}/Questionnaire/{CONTRAINDICATIONS_ID}"
    for item, question in zip(questionnaire["item"], questions, strict=True):
        assert item["text"] == question.text
        if question.is_free_text:
            assert item["type"] == "text" and "answerOption" not in item
        else:
            codes = [option["valueCoding"]["code"] for option in item["answerOption"]]
            # every button, then "unclear" (recorded when a reply could not be read)
            assert codes == [*question.options, "unclear"]


def test_version_follows_the_wording_visitors_see(fhir_settings):
    questions = default_questions()
    first = questions.questions[0]
    reworded = QuestionSet(
        questions=(replace(first, text=first.text + " (edited)"), *questions.questions[1:])
    )
    helped = QuestionSet(
        questions=(replace(first, help="Other help text"), *questions.questions[1:])
    )
    assert questions_version(reworded) != questions_version(questions)
    assert questions_version(helped) == questions_version(questions)  # help is not an answer
    assert contraindications_canonical(fhir_settings).endswith(f"|{questions_version(questions)}")


def test_all_questionnaires_validate(fhir_settings):
    for questionnaire in all_questionnaires(fhir_settings):
        assert validate_resource(questionnaire)["status"] == "active"


def test_canonical_base_defaults_to_the_public_url(fhir_settings):
    settings = replace(
        fhir_settings, fhir_canonical_base="", public_base_url="https://kap.example/"
    )
    assert contraindications_questionnaire(settings)["url"] == (
        f"https://kap.example/fhir/Questionnaire/{CONTRAINDICATIONS_ID}"
    )
