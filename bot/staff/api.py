"""JSON API for staff tools: same session cookie as the pages, 401/403 as JSON."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from bot.db.audit import record_audit
from bot.fhir.export import ExportError, export_handoff
from bot.settings import Settings
from bot.staff.context import run_db, settings_for
from bot.staff.guard import protected
from bot.staff.queries import FilterError, get_handoff, parse_filters, view_handoff, view_queue
from bot.summary.handoff import summary_to_dict


@protected("staff", api=True)
async def handoffs(request: Request) -> Response:
    """GET /staff/api/handoffs: the queue (``status``, ``reason``, ``urgency``, ``claimed``
    filters)."""
    try:
        filters = parse_filters(request.query_params)
    except FilterError as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    staff = request.state.staff
    rows = await run_db(
        request,
        view_queue,
        filters=filters,
        viewer_id=staff.user_id,
        actor=staff.username,
        action="api.handoff.list",
    )
    return JSONResponse({"handoffs": [row.to_json() for row in rows], "filters": filters.as_dict()})


@protected("staff", api=True)
async def handoff(request: Request) -> Response:
    """GET /staff/api/handoffs/{id}: the hand-off summary, exactly ``summary_to_dict``."""
    found = await run_db(
        request,
        view_handoff,
        handoff_id=request.path_params["handoff_id"],
        settings=settings_for(request),
        actor=request.state.staff.username,
        action="api.handoff.view",
    )
    if found is None:
        return JSONResponse({"error": "not found"}, status_code=404)
    # The summary and the changes are plain values: nothing is read from the closed session.
    _, summary, changed = found
    return JSONResponse({**summary_to_dict(summary), "changed_since_sent": list(changed)})


@protected("staff", api=True)
async def handoff_fhir(request: Request) -> Response:
    """GET /staff/api/handoffs/{id}/fhir: the hand-off as a FHIR R4 Bundle (audited)."""
    found, bundle = await run_db(
        request,
        _fhir,
        handoff_id=request.path_params["handoff_id"],
        actor=request.state.staff.username,
        settings=settings_for(request),
    )
    if not found:
        return JSONResponse({"error": "not found"}, status_code=404)
    if bundle is None:
        return JSONResponse({"error": "this hand-off has no stored summary"}, status_code=409)
    return JSONResponse(bundle, media_type="application/fhir+json")


def _fhir(
    *, session: Session, handoff_id: Any, actor: str, settings: Settings
) -> tuple[bool, dict[str, Any] | None]:
    found = get_handoff(session=session, handoff_id=handoff_id)
    if found is None:
        return False, None
    try:
        bundle = export_handoff(found, settings)
    except ExportError:
        return True, None
    record_audit(
        session=session, actor=actor, action="api.handoff.fhir", target=f"handoff:{found.id}"
    )
    return True, bundle
