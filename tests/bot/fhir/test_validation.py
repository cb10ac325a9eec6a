"""Validation refuses what a FHIR R4 server would refuse, and accepts what we build."""

from __future__ import annotations

import pytest

from bot.fhir.validation import FhirValidationError, validate_resource

SUBJECT = {"reference": "urn:uuid:6f1c2b9e-0000-4000-8000-000000000001"}


@pytest.mark.parametrize(
    ("resource", "problem"),
    [
        ({"resourceType": "Questionnaire", "url": "https://x.example/q"}, "status"),
        ({"resourceType": "QuestionnaireResponse", "status": "done"}, "status 'done'"),
        (
            {"resourceType": "QuestionnaireResponse", "status": "completed", "authored": "today"},
            "datetime",
        ),
        ({"resourceType": "Patient", "nickname": "Sam"}, "extra fields"),
        ({"resourceType": "Patient", "telecom": [{"system": "pigeon", "value": "x"}]}, "pigeon"),
        ({"resourceType": "Bundle", "type": "pile"}, "bundle type"),
        (
            {
                "resourceType": "Bundle",
                "type": "collection",
                "entry": [
                    {
                        "resource": {
                            "resourceType": "Flag",
                            "status": "on",
                            "code": {"text": "x"},
                            "subject": SUBJECT,
                        }
                    }
                ],
            },
            "Flag.status 'on'",
        ),
        (
            {
                "resourceType": "Questionnaire",
                "status": "active",
                "item": [{"linkId": "a", "type": "yesno"}],
            },
            "item type",
        ),
        ({"resourceType": "NotAResource"}, "NotAResource"),
        ({"status": "active"}, "resourceType"),
    ],
)
def test_invalid_resources_are_refused_with_the_reason(resource, problem):
    with pytest.raises(FhirValidationError) as raised:
        validate_resource(resource)
    assert problem in str(raised.value)


def test_a_valid_resource_is_returned_unchanged():
    flag = {
        "resourceType": "Flag",
        "status": "active",
        "code": {"text": "urgent"},
        "subject": SUBJECT,
        "period": {"start": "2026-12-04T07:00:00+00:00"},
    }
    assert validate_resource(flag) is flag
