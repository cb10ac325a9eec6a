"""``Questionnaire`` resources for the clinic's questions (``intake content fhir``).

The contraindication questionnaire is made from ``content/screening_questions.yml``, so a
clinic that edits its questions exports matching resources. Its ``version`` is a digest of
what the visitor sees (ids, wording, kinds, answer options): answers point at
``url|version`` and an edited file gets a new version instead of silently changing the old.
"""

from __future__ import annotations

from typing import Any

from bot.fhir.codes import (
    ANSWER_DISPLAY,
    CONTRAINDICATIONS_ID,
    answer_system,
    content_version,
    questionnaire_resource,
    questionnaire_url,
)
from bot.fhir.instruments import instrument_questionnaires
from bot.fhir.triage import cssrs_questionnaire
from bot.questionnaire.questions import QuestionSet, default_questions
from bot.settings import Settings

# Recorded although never offered as a button (a reply that could not be read), so a
# validator that checks answers against the Questionnaire accepts every stored value.
ALWAYS_RECORDABLE = ("unclear",)


def questions_version(questions: QuestionSet) -> str:
    """Short digest of the questions as shown to visitors (changes when wording changes)."""
    return content_version([[q.id, q.text, q.kind, list(q.options)] for q in questions])


def contraindications_canonical(settings: Settings, questions: QuestionSet | None = None) -> str:
    """``url|version`` of the contraindication Questionnaire, as answers reference it."""
    questions = questions or default_questions()
    url = questionnaire_url(settings, CONTRAINDICATIONS_ID)
    return f"{url}|{questions_version(questions)}"


def _item(question: Any, settings: Settings) -> dict[str, Any]:
    item: dict[str, Any] = {"linkId": question.id, "text": question.text, "required": False}
    if question.is_free_text:
        item["type"] = "text"
        return item
    item["type"] = "choice"
    codes = [*question.options, *(c for c in ALWAYS_RECORDABLE if c not in question.options)]
    item["answerOption"] = [
        {
            "valueCoding": {
                "system": answer_system(settings),
                "code": code,
                "display": ANSWER_DISPLAY.get(code, code),
            }
        }
        for code in codes
    ]
    return item


def contraindications_questionnaire(
    settings: Settings, questions: QuestionSet | None = None
) -> dict[str, Any]:
    """The preliminary contraindication questionnaire as a FHIR R4 ``Questionnaire``."""
    questions = questions or default_questions()
    return questionnaire_resource(
        settings,
        CONTRAINDICATIONS_ID,
        version=questions_version(questions),
        name="KapContraindicationScreen",
        title="Preliminary contraindication questionnaire (ketamine-assisted psychotherapy)",
        description=(
            "Questions a prospective client answers in the intake chat before a clinician "
            "reviews them. Answers are for clinician review; they are not a diagnosis and "
            "do not decide eligibility."
        ),
        items=[_item(question, settings) for question in questions],
    )


def all_questionnaires(settings: Settings) -> list[dict[str, Any]]:
    """Every Questionnaire a hand-off can answer (printed by ``intake content fhir``)."""
    return [
        contraindications_questionnaire(settings),
        *instrument_questionnaires(settings),
        cssrs_questionnaire(settings),
    ]
