"""The signed-in staff member's own account: changing their password.

After an admin set the password (a reset, or a new account) this is the only page the
account can use until it chooses its own (:func:`bot.staff.guard.protected`).

The current password is checked exactly like a sign-in (same lockout counter and login
log), so a borrowed or stolen session cannot be used to guess it or to take the account
over: once the account locks, the session that kept guessing is ended too. A change ends
every other session of the account.
"""

from __future__ import annotations

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.db.audit import record_audit
from bot.db.staff_models import StaffUser
from bot.settings import Settings
from bot.staff.accounts import record_account_event, set_password
from bot.staff.auth import (
    ACCOUNT_PAGE,
    MAX_PASSWORD_LENGTH,
    SESSION_COOKIE,
    Principal,
    authenticate,
    clear_session_cookie,
    create_session,
    end_session,
    end_user_sessions,
    password_problem,
    set_session_cookie,
)
from bot.staff.context import client_ip, run_db, settings_for, text_fields
from bot.staff.guard import protected
from bot.staff.hash_gate import BUSY_TEXT, RETRY_AFTER_SECONDS, HashGateBusy, hash_gate_for
from bot.staff.templating import harden, render

SIGNED_OUT = ""  # _change's answer when the account locked and this session was ended
WRONG_CURRENT = "Your current password is not right."


CHANGED_TEXT = "Your password was changed."
MUST_CHANGE_TEXT = (
    "Your password was set by an administrator. Choose your own to continue; until then "
    "this is the only page you can use."
)


@protected("admin", "staff", password_change=True)
async def password_form(request: Request) -> Response:
    """GET /staff/account/password: the change-password form."""
    principal = request.state.staff
    await run_db(request, _audit_view, principal=principal)
    pending = principal.must_change_password
    changed = request.query_params.get("changed") == "1" and not pending
    notice = CHANGED_TEXT if changed else (MUST_CHANGE_TEXT if pending else None)
    return render(request, "password.html", {"message": notice})


@protected("admin", "staff", password_change=True)
async def change_password(request: Request) -> Response:
    """POST /staff/account/password: ``current_password``, ``new_password``, ``confirm``."""
    fields = text_fields(await request.form(), "current_password", "new_password", "confirm")
    if fields is None:
        return _form_again(request, "Fill in all three fields.", 400)
    current, new, confirm = fields
    if not current or len(current) > MAX_PASSWORD_LENGTH:
        return _form_again(request, WRONG_CURRENT, 400)
    problem = (
        password_problem(new, request.state.staff.username)
        or ("The two new passwords are not the same." if new != confirm else None)
        or ("Choose a password you are not using now." if new == current else None)
    )
    if problem:
        return _form_again(request, problem, 400)
    settings = settings_for(request)
    try:
        async with hash_gate_for(request, settings).slot():
            token = await run_db(
                request,
                _change,
                principal=request.state.staff,
                current=current,
                new=new,
                settings=settings,
                ip=client_ip(request),
                user_agent=request.headers.get("user-agent", ""),
                session_token=request.cookies.get(SESSION_COOKIE),
            )
    except HashGateBusy:
        busy = _form_again(request, BUSY_TEXT, 503)
        busy.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return busy
    if token == SIGNED_OUT:
        response = harden(RedirectResponse("/staff/login", status_code=303))
        clear_session_cookie(response, settings)
        return response
    if token is None:
        return _form_again(request, WRONG_CURRENT, 401)
    response = harden(RedirectResponse(f"{ACCOUNT_PAGE}?changed=1", status_code=303))
    set_session_cookie(response, token, settings)
    return response


def _form_again(request: Request, error: str, status_code: int) -> Response:
    return render(request, "password.html", {"error": error}, status_code)


def _audit_view(*, session: Session, principal: Principal) -> None:
    record_audit(session=session, actor=principal.username, action="account.view")


def _change(
    *,
    session: Session,
    principal: Principal,
    current: str,
    new: str,
    settings: Settings,
    ip: str,
    user_agent: str,
    session_token: str | None,
) -> str | None:
    """Re-authenticate, set the password, end every session, open a new one; its token.

    None for a wrong current password; SIGNED_OUT when the account is locked, after ending
    this session.
    """
    outcome = authenticate(
        session=session, username=principal.username, password=current, settings=settings, ip=ip
    )
    if outcome.reason in ("locked_now", "locked"):
        end_session(session=session, token=session_token)
        record_account_event(
            session=session,
            actor=principal.username,
            action="account.signed_out_locked",
            user_id=principal.user_id,
        )
        return SIGNED_OUT
    if not outcome.ok or outcome.user_id != principal.user_id:
        return None
    user = session.get(StaffUser, principal.user_id)
    set_password(session=session, user=user, password=new)
    ended = end_user_sessions(session=session, user_id=user.id)
    record_account_event(
        session=session,
        actor=principal.username,
        action="account.password_change",
        user_id=user.id,
        details={"sessions_ended": ended},
    )
    # This page opens only after the second factor: the new session keeps it.
    return create_session(
        session=session,
        user_id=user.id,
        ip=ip,
        user_agent=user_agent,
        mfa_verified=not principal.mfa_pending,
    )
