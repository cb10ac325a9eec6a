"""Validation of our FHIR output with ``fhir.resources`` (R4 4.0.1 models, pydantic 1).

``fhir.resources`` 6.4.0 is the last release whose models are R4 (6.5 moved to R4B, 7 to
R5 and pydantic 2, which Rasa 3.6 cannot share a process with). It checks types, required
elements, value formats (dateTime, uri, code) and refuses unknown elements, nested
resources of a Bundle included. It does not check codes against their value sets, so the
required bindings of the elements we write are checked here too, and that skip logic
(``enableWhen``) names a question of the same Questionnaire.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from fhir.resources import construct_fhir_element
from pydantic import ValidationError

# Required bindings (FHIR R4 value sets) of the coded elements our resources use.
_STATUS = {
    "Questionnaire": {"draft", "active", "retired", "unknown"},
    "QuestionnaireResponse": {
        "in-progress",
        "completed",
        "amended",
        "entered-in-error",
        "stopped",
    },
    "Flag": {"active", "inactive", "entered-in-error"},
    "Observation": {
        "registered",
        "preliminary",
        "final",
        "amended",
        "corrected",
        "cancelled",
        "entered-in-error",
        "unknown",
    },
}
_BUNDLE_TYPES = {
    "document",
    "message",
    "transaction",
    "transaction-response",
    "batch",
    "batch-response",
    "history",
    "searchset",
    "collection",
}
_ITEM_TYPES = {
    "group",
    "display",
    "boolean",
    "decimal",
    "integer",
    "date",
    "dateTime",
    "time",
    "string",
    "text",
    "url",
    "choice",
    "open-choice",
    "attachment",
    "reference",
    "quantity",
}
_ENABLE_WHEN_OPERATORS = {"exists", "=", "!=", ">", "<", ">=", "<="}
_TELECOM_SYSTEMS = {"phone", "fax", "email", "pager", "url", "sms", "other"}


class FhirValidationError(ValueError):
    """A resource we built is not valid FHIR R4 (the message lists what is wrong)."""


def validate_resource(resource: dict[str, Any]) -> dict[str, Any]:
    """Check one resource (any type, Bundles with their entries); return it unchanged."""
    resource_type = resource.get("resourceType") if isinstance(resource, dict) else None
    if not isinstance(resource_type, str):
        raise FhirValidationError("not a FHIR resource: no resourceType")
    try:
        construct_fhir_element(resource_type, resource)
    except (ValidationError, LookupError, ValueError, TypeError) as exc:
        raise FhirValidationError(f"invalid {resource_type}: {exc}") from exc
    problems = list(_code_problems(resource))
    if problems:
        raise FhirValidationError(f"invalid {resource_type}: " + "; ".join(problems))
    return resource


def _code_problems(resource: dict[str, Any]) -> Iterator[str]:
    """Codes outside the required value sets, in this resource and the ones it holds."""
    kind = resource.get("resourceType")
    if kind in _STATUS and resource.get("status") not in _STATUS[kind]:
        yield f"{kind}.status {resource.get('status')!r} is not a {kind} status"
    if kind == "Bundle":
        if resource.get("type") not in _BUNDLE_TYPES:
            yield f"Bundle.type {resource.get('type')!r} is not a bundle type"
        for entry in resource.get("entry") or []:
            yield from _code_problems(entry.get("resource") or {})
    if kind == "Questionnaire":
        items = resource.get("item") or []
        yield from _item_type_problems(items)
        yield from _enable_when_problems(items, set(_link_ids(items)))
    for point in resource.get("telecom") or []:
        if point.get("system") not in _TELECOM_SYSTEMS:
            yield f"telecom.system {point.get('system')!r} is not a contact point system"


def _item_type_problems(items: list[dict[str, Any]]) -> Iterator[str]:
    for item in items:
        if item.get("type") not in _ITEM_TYPES:
            yield f"item {item.get('linkId')!r}: type {item.get('type')!r} is not an item type"
        yield from _item_type_problems(item.get("item") or [])


def _link_ids(items: list[dict[str, Any]]) -> Iterator[Any]:
    for item in items:
        yield item.get("linkId")
        yield from _link_ids(item.get("item") or [])


def _enable_when_problems(items: list[dict[str, Any]], link_ids: set[Any]) -> Iterator[str]:
    """Skip logic must name a question of this Questionnaire with an R4 operator."""
    for item in items:
        for condition in item.get("enableWhen") or []:
            at = f"item {item.get('linkId')!r}: enableWhen"
            if condition.get("operator") not in _ENABLE_WHEN_OPERATORS:
                yield f"{at} operator {condition.get('operator')!r} is not an operator"
            if condition.get("question") not in link_ids:
                yield f"{at} question {condition.get('question')!r} is not an item"
        yield from _enable_when_problems(item.get("item") or [], link_ids)
