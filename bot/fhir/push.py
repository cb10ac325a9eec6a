"""Pushing each hand-off's Bundle to the clinic's FHIR server, through the outbox.

The outbox row holds only the hand-off id (the outbox never stores clinical data); the
Bundle is built from the stored summary when it is sent. The POST is a conditional create
(``If-None-Exist`` on the Bundle's identifier), so a retry after a lost answer does not
store the hand-off twice. A failure of any kind leaves the row due for a retry with the
outbox's backoff: nothing is lost while the server is down.
"""

from __future__ import annotations

import json
from typing import Any

import httpx

from bot.db.engine import get_engine, session_scope
from bot.db.models import Handoff
from bot.fhir.export import ExportError, export_handoff
from bot.settings import Settings

FHIR_TIMEOUT_SECONDS = 15
FHIR_JSON = "application/fhir+json"


class FhirPushError(RuntimeError):
    """The Bundle could not be delivered (it stays in the outbox to retry)."""


def fhir_configured(settings: Settings) -> bool:
    """True when FHIR_BASE_URL is set."""
    return bool(settings.fhir_base_url)


def fhir_payload(handoff: Handoff) -> dict[str, Any]:
    """What the outbox row keeps: the hand-off id only."""
    return {"handoff_id": handoff.id}


def push_headers(bundle: dict[str, Any], settings: Settings) -> dict[str, str]:
    """Content type, conditional create on the Bundle identifier, and the bearer token."""
    identifier = bundle["identifier"]
    headers = {
        "Content-Type": FHIR_JSON,
        "Accept": FHIR_JSON,
        "If-None-Exist": f"identifier={identifier['system']}|{identifier['value']}",
    }
    if settings.fhir_bearer_token:
        headers["Authorization"] = f"Bearer {settings.fhir_bearer_token}"
    return headers


def send_fhir(payload: dict[str, Any], settings: Settings) -> None:
    """POST the hand-off's Bundle to ``{FHIR_BASE_URL}/Bundle``; raise on any failure."""
    if not fhir_configured(settings):
        raise FhirPushError("FHIR is not configured (FHIR_BASE_URL)")
    with session_scope(get_engine(settings.database_url)) as session:
        handoff = session.get(Handoff, payload.get("handoff_id"))
        if handoff is None:
            raise FhirPushError(f"hand-off {payload.get('handoff_id')} no longer exists")
        try:
            bundle = export_handoff(handoff, settings)
        except ExportError as exc:
            raise FhirPushError(str(exc)) from exc
    try:
        response = httpx.post(
            f"{settings.fhir_base_url}/Bundle",
            content=json.dumps(bundle).encode("utf-8"),
            headers=push_headers(bundle, settings),
            timeout=FHIR_TIMEOUT_SECONDS,
        )
    except httpx.HTTPError as exc:
        raise FhirPushError(f"FHIR server: {type(exc).__name__}") from exc
    if not 200 <= response.status_code < 300:
        raise FhirPushError(f"FHIR server: HTTP {response.status_code}")
