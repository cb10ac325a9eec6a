"""Canonical URLs and codes of our own FHIR artefacts (one place for every URL we mint), and
the frame all our Questionnaires share."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from bot.settings import Settings

CONTRAINDICATIONS_ID = "kap-contraindications"
# FHIR ids allow no underscore, so not the screener file's own id (cssrs_screener).
CSSRS_ID = "cssrs-screener"
# How the assistant read a reply: the answer values of bot/questionnaire/questions.py, and
# "declined" of the C-SSRS screener (bot/triage/reading.py: prefer not to say to one question).
ANSWER_DISPLAY = {
    "yes": "Yes",
    "no": "No",
    "not_sure": "Not sure",
    "prefer_not_to_say": "Prefer not to say",
    "unclear": "Could not be read",
    "provided": "Details given",
    "none": "None",
    "declined": "Declined to answer",
}


def questionnaire_url(settings: Settings, questionnaire_id: str) -> str:
    """Canonical URL of one of our Questionnaires."""
    return f"{settings.fhir_canonical}/Questionnaire/{questionnaire_id}"


def content_version(shown: Any) -> str:
    """Short digest of what a Questionnaire shows (JSON data): its ``version``.

    It changes when the wording does, so answers that point at ``url|version`` keep pointing
    at the wording they were given to.
    """
    digest = hashlib.sha256(json.dumps(shown, sort_keys=True).encode("utf-8")).hexdigest()
    return digest[:12]


def questionnaire_resource(
    settings: Settings,
    questionnaire_id: str,
    *,
    name: str,
    title: str,
    description: str,
    items: list[dict[str, Any]],
    version: str | None = None,
    code: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    """One of our FHIR R4 ``Questionnaire`` resources: active, answered about a Patient.

    ``version`` and ``code`` are left out when not given; the keys keep FHIR's usual order.
    """
    resource: dict[str, Any] = {
        "resourceType": "Questionnaire",
        "id": questionnaire_id,
        "url": questionnaire_url(settings, questionnaire_id),
    }
    if version is not None:
        resource["version"] = version
    resource |= {"name": name, "title": title, "status": "active", "subjectType": ["Patient"]}
    if code is not None:
        resource["code"] = code
    return resource | {"description": description, "item": items}


def answer_system(settings: Settings) -> str:
    """Code system of the recorded answer values (yes, no, not_sure, ...)."""
    return f"{settings.fhir_canonical}/CodeSystem/screening-answer"


def code_system(settings: Settings, name: str) -> str:
    """One of our own code systems (``name``: cssrs-triage-level, observation-code)."""
    return f"{settings.fhir_canonical}/CodeSystem/{name}"


def verbatim_extension(settings: Settings) -> str:
    """Extension on an answer: the visitor's reply word for word, beside the coded value."""
    return f"{settings.fhir_canonical}/StructureDefinition/verbatim-reply"


def review_extension(settings: Settings) -> str:
    """Extension on an item: the answer is marked for clinician review."""
    return f"{settings.fhir_canonical}/StructureDefinition/clinician-review"


def best_time_extension(settings: Settings) -> str:
    """Extension on the Patient: when the visitor asked to be contacted."""
    return f"{settings.fhir_canonical}/StructureDefinition/best-time-to-contact"


def identifier_system(settings: Settings, kind: str) -> str:
    """Identifier system of our records (``kind``: handoff, conversation)."""
    return f"{settings.fhir_canonical}/identifier/{kind}"
