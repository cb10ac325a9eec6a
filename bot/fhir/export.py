"""One way to export a hand-off: its stored summary -> a validated FHIR R4 Bundle.

Used by ``intake handoffs fhir``, ``GET /staff/api/handoffs/{id}/fhir`` and the push to the
clinic's FHIR server, so all three send the same document.
"""

from __future__ import annotations

from typing import Any

from bot.db.models import Handoff
from bot.fhir.bundle import handoff_bundle
from bot.fhir.questionnaires import all_questionnaires
from bot.fhir.validation import validate_resource
from bot.settings import Settings
from bot.summary.handoff import summary_from_dict


class ExportError(ValueError):
    """The hand-off cannot be exported (the message says why)."""


def export_handoff(handoff: Handoff, settings: Settings) -> dict[str, Any]:
    """The hand-off as a validated Bundle, built from the summary stored when it was sent."""
    # Not bot.handoffs.sent.sent_summary: that module queues notifications, and the outbox's
    # senders import this one (an import cycle).
    if not isinstance(handoff.summary_json, dict):
        raise ExportError(f"hand-off #{handoff.id} has no stored summary to export")
    return validate_resource(handoff_bundle(summary_from_dict(handoff.summary_json), settings))


def questionnaires_bundle(settings: Settings) -> dict[str, Any]:
    """Every Questionnaire, validated, in a ``collection`` Bundle (``intake content fhir``)."""
    entries = [
        {"fullUrl": questionnaire["url"], "resource": validate_resource(questionnaire)}
        for questionnaire in all_questionnaires(settings)
    ]
    return validate_resource({"resourceType": "Bundle", "type": "collection", "entry": entries})
