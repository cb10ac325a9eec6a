"""Admin pages: staff accounts (create, unlock, deactivate, reactivate, set a new password)
and the audit log.

A password an admin chose (a new account's, or a reset) must be changed by its owner at the
next sign-in (``must_change_password``): the admin knows it, and passed it on somehow.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.db.audit import record_audit
from bot.db.models import AuditEvent
from bot.db.staff_models import STAFF_ROLES, StaffUser
from bot.db.types import utcnow
from bot.staff.accounts import (
    create_staff_user,
    get_staff_user,
    list_staff_users,
    record_account_event,
    set_password,
)
from bot.staff.auth import (
    Principal,
    end_user_sessions,
    normalize_username,
    password_problem,
    username_problem,
)
from bot.staff.context import run_db, text_fields
from bot.staff.guard import action_view, protected
from bot.staff.queries import parse_id
from bot.staff.report_queries import list_audit_events
from bot.staff.templating import error_page, render

USERS_PATH = "/staff/admin/users"
AUDIT_PAGE = 200


def _users(*, session: Session, actor: str | None = None) -> list[dict[str, Any]]:
    now = utcnow()
    if actor:
        record_audit(session=session, actor=actor, action="staff_user.list")
    return [
        {
            "id": u.id,
            "username": u.username,
            "role": u.role,
            "is_active": u.is_active,
            "failed_logins": u.failed_logins,
            "locked_until": u.locked_until,
            "locked": u.locked_until is not None and u.locked_until > now,
            "last_login_at": u.last_login_at,
            "must_change_password": u.must_change_password,
            "created_at": u.created_at,
        }
        for u in list_staff_users(session=session)
    ]


async def _users_page(
    request: Request,
    *,
    error: str | None = None,
    form: dict[str, str] | None = None,
    status_code: int = 200,
    audit: bool = True,
) -> Response:
    actor = request.state.staff.username if audit else None
    users = await run_db(request, _users, actor=actor)
    return render(
        request,
        "users.html",
        {
            "users": users,
            "roles": STAFF_ROLES,
            "error": error,
            "form": form or {"username": "", "role": "staff"},
        },
        status_code,
    )


@protected("admin")
async def users(request: Request) -> Response:
    """GET /staff/admin/users: every staff account with its lock state."""
    return await _users_page(request)


@protected("admin")
async def create_user(request: Request) -> Response:
    """POST /staff/admin/users: create an account (``username``, ``password``, ``role``)."""
    fields = text_fields(await request.form(), "username", "password", "role")
    if fields is None:
        return error_page(request, 400, "Username, password and role are required.")
    username, password, role = fields
    username = normalize_username(username)
    problem = (
        username_problem(username)
        or password_problem(password, username)
        or (None if role in STAFF_ROLES else "Choose a role.")
    )
    echo = {"username": username[:100], "role": role if role in STAFF_ROLES else "staff"}
    if problem:
        return await _users_page(request, error=problem, form=echo, status_code=400, audit=False)
    created = await run_db(
        request,
        _create,
        username=username,
        password=password,
        role=role,
        principal=request.state.staff,
    )
    if not created:
        return await _users_page(
            request, error="That username is taken.", form=echo, status_code=409, audit=False
        )
    return RedirectResponse(USERS_PATH, status_code=303)


def _create(
    *, session: Session, username: str, password: str, role: str, principal: Principal
) -> bool:
    if get_staff_user(session=session, username=username) is not None:
        return False
    user = create_staff_user(session=session, username=username, password=password, role=role)
    user.must_change_password = True
    record_account_event(
        session=session,
        actor=principal.username,
        action="staff_user.create",
        user_id=user.id,
        details={"role": role},
    )
    return True


OWN_ACCOUNT_PAGE_HINT = "Change your own password under Change password."
# Changes an admin may not make to their own account, with the reason shown.
SELF_REFUSALS = {
    "deactivate": "You cannot deactivate your own account.",
    "password_reset": OWN_ACCOUNT_PAGE_HINT,
}


async def _change_user(request: Request, action: str, password: str | None = None) -> Response:
    result = await run_db(
        request,
        _change,
        user_id=request.path_params["user_id"],
        action=action,
        principal=request.state.staff,
        password=password,
    )
    if result == "missing":
        return error_page(request, 404, "No such staff user.")
    if result == "self":
        return error_page(request, 409, SELF_REFUSALS[action])
    if result == "contains_username":
        error = "Choose a password that does not contain the username."
        return await _users_page(request, error=error, status_code=400, audit=False)
    return RedirectResponse(USERS_PATH, status_code=303)


@protected("admin")
async def reset_password(request: Request) -> Response:
    """POST /staff/admin/users/{user_id}/password: set a new password for a forgotten one.

    The account's sessions end, so whoever held one must sign in with the new password;
    the admin passes it on outside this app, and its owner must replace it at that
    sign-in. Your own: use Change password.
    """
    form = await request.form()
    password = form.get("password")
    if not isinstance(password, str):
        return error_page(request, 400, "Enter the new password.")
    problem = password_problem(password)
    if problem:
        return await _users_page(request, error=problem, status_code=400, audit=False)
    return await _change_user(request, "password_reset", password=password)


unlock_user = action_view(
    "admin",
    _change_user,
    "unlock",
    "POST /staff/admin/users/{user_id}/unlock: clear failed logins and the lock.",
)
deactivate_user = action_view(
    "admin",
    _change_user,
    "deactivate",
    "POST /staff/admin/users/{user_id}/deactivate: block sign-in and end their sessions.",
)
activate_user = action_view(
    "admin",
    _change_user,
    "activate",
    "POST /staff/admin/users/{user_id}/activate: allow sign-in again.",
)


def _change(
    *, session: Session, user_id: Any, action: str, principal: Principal, password: str | None
) -> str:
    number = parse_id(user_id)
    user = session.get(StaffUser, number) if number is not None else None
    if user is None:
        return "missing"
    if action in SELF_REFUSALS and user.id == principal.user_id:
        return "self"
    details: dict[str, Any] = {}
    if action == "unlock":
        user.failed_logins = 0
        user.locked_until = None
    elif action == "deactivate":
        user.is_active = False
        details["sessions_ended"] = end_user_sessions(session=session, user_id=user.id)
    elif action == "password_reset":
        if password is None or password_problem(password, user.username):
            return "contains_username"
        set_password(session=session, user=user, password=password, must_change=True)
        details["sessions_ended"] = end_user_sessions(session=session, user_id=user.id)
    else:
        user.is_active = True
    record_account_event(
        session=session,
        actor=principal.username,
        action=f"staff_user.{action}",
        user_id=user.id,
        details=details or None,
    )
    return "ok"


@protected("admin")
async def audit_log(request: Request) -> Response:
    """GET /staff/admin/audit: newest events first; ``actor``, ``action``, ``before`` filters."""
    params = request.query_params
    actor = (params.get("actor") or "").strip()[:100] or None
    action = (params.get("action") or "").strip()[:64] or None
    before = params.get("before")
    before_id = parse_id(before) if before else None
    if before and before_id is None:
        return error_page(request, 400, "before must be an event id.")
    events = await run_db(
        request,
        _audit,
        actor=actor,
        action=action,
        before_id=before_id,
        viewer=request.state.staff.username,
    )
    return render(
        request,
        "audit.html",
        {
            "events": events,
            "actor": actor or "",
            "action": action or "",
            "next_before": events[-1].id if len(events) == AUDIT_PAGE else None,
        },
    )


def _audit(
    *,
    session: Session,
    actor: str | None,
    action: str | None,
    before_id: int | None,
    viewer: str,
) -> list[AuditEvent]:
    events = list_audit_events(
        session=session, actor=actor, action=action, before_id=before_id, limit=AUDIT_PAGE
    )
    record_audit(session=session, actor=viewer, action="audit.view")
    return events
