"""Pushing each hand-off's Bundle to the clinic's FHIR server, through the outbox.

The outbox row holds only the hand-off id (the outbox never stores clinical data); the
Bundle is built from the stored summary when it is sent. The POST is a conditional create
(``If-None-Exist`` on the Bundle's identifier), so a retry after a lost answer does not
store the hand-off twice. A failure of any kind leaves the row due for a retry with the
outbox's backoff: nothing is lost while the server is down.

A hand-off whose summary changed after it was pushed (the C-SSRS screener ended) is sent
again as a conditional update, ``PUT {base}/Bundle?identifier=...``: the server replaces the
Bundle it holds for that hand-off (or creates it if the first push has not arrived yet).
A second conditional create would not do: the server would find the first Bundle and keep
it, without the screener. Either way the server holds one Bundle per hand-off.
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


def fhir_payload(handoff: Handoff, update: bool = False) -> dict[str, Any]:
    """What the outbox row keeps: the hand-off id, and whether it replaces an earlier push."""
    payload: dict[str, Any] = {"handoff_id": handoff.id}
    if update:
        payload["update"] = True
    return payload


def identifier_query(bundle: dict[str, Any]) -> str:
    """``system|value`` of the Bundle's identifier: the search both kinds of push match on."""
    identifier = bundle["identifier"]
    return f"{identifier['system']}|{identifier['value']}"


def push_headers(
    bundle: dict[str, Any], settings: Settings, update: bool = False
) -> dict[str, str]:
    """Content type, the bearer token and, for a first push, conditional create on the
    Bundle identifier (an update names it in the URL instead)."""
    headers = {"Content-Type": FHIR_JSON, "Accept": FHIR_JSON}
    if not update:
        headers["If-None-Exist"] = f"identifier={identifier_query(bundle)}"
    if settings.fhir_bearer_token:
        headers["Authorization"] = f"Bearer {settings.fhir_bearer_token}"
    return headers


def send_fhir(payload: dict[str, Any], settings: Settings) -> None:
    """POST the hand-off's Bundle to ``{FHIR_BASE_URL}/Bundle`` (PUT with the identifier
    search for an update); raise on any failure."""
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
    update = bool(payload.get("update"))
    try:
        response = httpx.request(
            "PUT" if update else "POST",
            f"{settings.fhir_base_url}/Bundle",
            params={"identifier": identifier_query(bundle)} if update else None,
            content=json.dumps(bundle).encode("utf-8"),
            headers=push_headers(bundle, settings, update),
            timeout=FHIR_TIMEOUT_SECONDS,
        )
    except httpx.HTTPError as exc:
        raise FhirPushError(f"FHIR server: {type(exc).__name__}") from exc
    if not 200 <= response.status_code < 300:
        raise FhirPushError(f"FHIR server: HTTP {response.status_code}")
