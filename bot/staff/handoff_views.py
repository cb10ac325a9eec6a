"""Hand-off pages: the queue, one hand-off in full, and claim / note / resolve.

Every view and change writes an audit event (ids and filter values only, never what the
visitor wrote).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.db.conversations import list_messages
from bot.db.models import HANDOFF_REASONS, HANDOFF_URGENCIES
from bot.handoffs.lifecycle import (
    MAX_NOTE_CHARS,
    HandoffConflict,
    add_note,
    claim_handoff,
    resolve_handoff,
)
from bot.settings import Settings
from bot.staff.auth import Principal
from bot.staff.context import run_db, settings_for
from bot.staff.guard import action_view, protected
from bot.staff.queries import (
    CLAIMED_CHOICES,
    STATUS_CHOICES,
    FilterError,
    HandoffRow,
    QueueFilters,
    get_handoff,
    handoff_row,
    list_notes,
    parse_filters,
    view_handoff,
    view_queue,
)
from bot.staff.templating import error_page, render
from bot.staff.triage_view import TriageBadge, queue_badges, triage_view
from bot.summary.handoff import METHOD_LABELS, REVIEW_LABEL, format_value, render_text

NOT_FOUND = "No such hand-off."


@protected("admin", "staff")
async def home(request: Request) -> Response:
    """GET /staff/: staff go to the queue, admins to staff management."""
    target = "/staff/admin/users" if request.state.staff.is_admin else "/staff/handoffs"
    return RedirectResponse(target, status_code=303)


@protected("staff")
async def queue(request: Request) -> Response:
    """GET /staff/handoffs: hand-offs by urgency, then age, with filters."""
    try:
        filters = parse_filters(request.query_params)
    except FilterError as exc:
        return error_page(request, 400, str(exc))
    staff = request.state.staff
    rows, triage_badges = await run_db(
        request, _queue, filters=filters, viewer_id=staff.user_id, actor=staff.username
    )
    return render(
        request,
        "queue.html",
        {
            "rows": rows,
            "triage_badges": triage_badges,
            "filters": filters.as_dict(),
            "status_choices": STATUS_CHOICES,
            "reason_choices": HANDOFF_REASONS,
            "urgency_choices": HANDOFF_URGENCIES,
            "claimed_choices": CLAIMED_CHOICES,
        },
    )


def _queue(
    *, session: Session, filters: QueueFilters, viewer_id: int, actor: str
) -> tuple[list[HandoffRow], dict[int, TriageBadge]]:
    rows = view_queue(
        session=session, filters=filters, viewer_id=viewer_id, actor=actor, action="handoff.list"
    )
    return rows, queue_badges(session=session, rows=rows)


@protected("staff")
async def detail(request: Request) -> Response:
    """GET /staff/handoffs/{id}: summary, answers for clinician review, full transcript."""
    context = await run_db(
        request,
        _detail,
        handoff_id=request.path_params["handoff_id"],
        principal=request.state.staff,
        settings=settings_for(request),
    )
    if context is None:
        return error_page(request, 404, NOT_FOUND)
    return render(request, "handoff.html", context)


def _is_crisis_message(data: Any) -> bool:
    """True for bot messages sent as crisis replies (``custom.kind == "crisis"``)."""
    custom = data.get("custom") if isinstance(data, dict) else None
    return isinstance(custom, dict) and custom.get("kind") == "crisis"


def _detail(
    *, session: Session, handoff_id: Any, principal: Principal, settings: Settings
) -> dict[str, Any] | None:
    found = view_handoff(
        session=session,
        handoff_id=handoff_id,
        settings=settings,
        actor=principal.username,
        action="handoff.view",
    )
    if found is None:
        return None
    handoff, summary, changed = found
    messages = [
        {
            "sender": m.sender,
            "text": m.text,
            "created_at": m.created_at,
            "crisis": _is_crisis_message(m.data),
        }
        for m in list_messages(session=session, conversation_id=handoff.conversation_id)
    ]
    return {
        "handoff": handoff_row(session=session, handoff=handoff),
        "summary": summary,
        "summary_text": render_text(summary),
        "method_label": METHOD_LABELS.get(summary.contact_method or "", summary.contact_method),
        "triage": triage_view(summary.triage),
        "changed_since_sent": changed,
        "answers": [
            {
                "question": a.question,
                "raw_text": a.raw_text,
                "value": format_value(a.value),
                "flagged": a.flagged,
                "answered_at": a.answered_at,
            }
            for a in summary.answers
        ],
        "review_label": REVIEW_LABEL,
        "messages": messages,
        "notes": list_notes(session=session, handoff_id=handoff.id),
        "max_note_chars": MAX_NOTE_CHARS,
        "is_mine": handoff.claimed_by_id == principal.user_id,
    }


def _redirect_to(handoff_id: int) -> Response:
    return RedirectResponse(f"/staff/handoffs/{handoff_id}", status_code=303)


def _change(
    *, session: Session, handoff_id: Any, principal: Principal, action: str, note_text: str = ""
) -> int | None:
    """Apply ``action`` to the hand-off (audited by the lifecycle); None when it does not exist."""
    handoff = get_handoff(session=session, handoff_id=handoff_id)
    if handoff is None:
        return None
    who = {"session": session, "handoff": handoff, "user_id": principal.user_id}
    if action == "handoff.claim":
        claim_handoff(**who, actor=principal.username)
    elif action == "handoff.resolve":
        resolve_handoff(**who, actor=principal.username)
    elif action == "handoff.note":
        add_note(**who, actor=principal.username, text=note_text)
    changed: int = handoff.id
    return changed


async def _apply(request: Request, action: str, note_text: str = "") -> Response:
    try:
        handoff_id = await run_db(
            request,
            _change,
            handoff_id=request.path_params["handoff_id"],
            principal=request.state.staff,
            action=action,
            note_text=note_text,
        )
    except HandoffConflict as exc:
        return error_page(request, 409, str(exc))
    except ValueError as exc:
        return error_page(request, 400, str(exc))
    if handoff_id is None:
        return error_page(request, 404, NOT_FOUND)
    return _redirect_to(handoff_id)


claim = action_view(
    "staff", _apply, "handoff.claim", "POST /staff/handoffs/{id}/claim: take an open hand-off."
)
resolve = action_view(
    "staff", _apply, "handoff.resolve", "POST /staff/handoffs/{id}/resolve: mark a hand-off done."
)


@protected("staff")
async def note(request: Request) -> Response:
    """POST /staff/handoffs/{id}/notes: add a staff note (field ``text``)."""
    text = (await request.form()).get("text")
    if not isinstance(text, str) or not text.strip():
        return error_page(request, 400, "A note needs some text.")
    if len(text) > MAX_NOTE_CHARS:
        return error_page(request, 400, f"Notes are at most {MAX_NOTE_CHARS} characters.")
    return await _apply(request, "handoff.note", note_text=text)
