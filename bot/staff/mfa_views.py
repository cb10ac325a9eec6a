"""The second sign-in step: enrolment at the first sign-in, then a code at every sign-in.

Both pages are open to a session that has given only its password (``mfa_step``); every
other staff page sends such a session here (:func:`bot.staff.guard.protected`). The logic
lives in :mod:`bot.staff.mfa`.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.db.staff_models import StaffSession, StaffUser
from bot.db.types import utcnow
from bot.settings import Settings
from bot.staff.accounts import record_account_event
from bot.staff.auth import LOGIN_PATH, clear_session_cookie
from bot.staff.context import run_db, settings_for
from bot.staff.guard import protected
from bot.staff.mfa import (
    account_is_throttled,
    check_code,
    mark_verified,
    new_recovery_codes,
    new_secret,
    provisioning_uri,
    qr_code_svg,
    record_failure,
    remaining_recovery_codes,
)
from bot.staff.templating import error_page, render

HOME_PATH = "/staff/"
DEFAULT_ISSUER = "KAP intake"
WRONG_CODE = "That code is not right (or was already used). Try the newest code from the app."


@protected("admin", "staff", mfa_step=True, password_change=True)
async def mfa_form(request: Request) -> Response:
    """GET /staff/mfa: the enrolment page (first sign-in) or the code form."""
    principal = request.state.staff
    if not principal.mfa_pending:
        return RedirectResponse(HOME_PATH, status_code=303)
    page = await run_db(
        request,
        _page_state,
        session_id=principal.session_id,
        user_id=principal.user_id,
        settings=settings_for(request),
    )
    return render(request, "mfa.html", page)


@protected("admin", "staff", mfa_step=True, password_change=True)
async def mfa_submit(request: Request) -> Response:
    """POST /staff/mfa: check the code; on the first success show the recovery codes."""
    principal = request.state.staff
    if not principal.mfa_pending:
        return RedirectResponse(HOME_PATH, status_code=303)
    settings = settings_for(request)
    code = (await request.form()).get("code")
    outcome, extra = await run_db(
        request,
        _submit,
        session_id=principal.session_id,
        user_id=principal.user_id,
        username=principal.username,
        code=code if isinstance(code, str) else "",
        settings=settings,
    )
    if outcome == "throttled":
        return error_page(request, 429, "Too many wrong codes for this account. Try later.")
    if outcome == "ended":
        response = RedirectResponse(LOGIN_PATH, status_code=303)
        clear_session_cookie(response, settings)
        return response
    if outcome == "wrong":
        return render(request, "mfa.html", {**extra, "error": WRONG_CODE}, status_code=401)
    if extra.get("codes"):
        return render(request, "recovery_codes.html", {"codes": extra["codes"]})
    return RedirectResponse(HOME_PATH, status_code=303)


def _page_state(
    *, session: Session, session_id: int, user_id: int, settings: Settings
) -> dict[str, Any]:
    """Template values: the code form, or the secret being enrolled with its QR code."""
    user = session.get(StaffUser, user_id)
    row = session.get(StaffSession, session_id)
    if user is None or row is None or user.totp_secret:
        return {"enrol": False}
    if not row.pending_totp_secret:
        row.pending_totp_secret = new_secret()
    secret = row.pending_totp_secret
    uri = provisioning_uri(secret, user.username, settings.clinic.name or DEFAULT_ISSUER)
    return {"enrol": True, "secret": secret, "qr_svg": qr_code_svg(uri)}


def _submit(
    *,
    session: Session,
    session_id: int,
    user_id: int,
    username: str,
    code: str,
    settings: Settings,
) -> tuple[str, dict[str, Any]]:
    now = utcnow()
    user = session.get(StaffUser, user_id)
    row = session.get(StaffSession, session_id)
    if user is None or row is None:
        return "ended", {}
    window = timedelta(minutes=settings.login_lockout_minutes)
    if account_is_throttled(session=session, user=user, window=window, now=now):
        return "throttled", {}
    enrolling = user.totp_secret is None
    how = check_code(
        session=session,
        user=user,
        code=code,
        now=now,
        secret=row.pending_totp_secret if enrolling else None,
    )
    if how is None:
        if record_failure(session=session, staff_session=row, username=username):
            session.delete(row)
            return "ended", {}
        return "wrong", _page_state(
            session=session, session_id=session_id, user_id=user_id, settings=settings
        )
    codes: list[str] = []
    if enrolling:
        user.totp_secret = row.pending_totp_secret
        user.mfa_enrolled_at = now
        codes = new_recovery_codes(session=session, user=user, now=now)
    mark_verified(staff_session=row, now=now)
    details: dict[str, Any] = {"method": "enrolment" if enrolling else how}
    if how == "recovery":
        details["recovery_codes_left"] = remaining_recovery_codes(session=session, user_id=user.id)
    record_account_event(
        session=session,
        actor=username,
        action="mfa.enrolled" if enrolling else "mfa.verified",
        user_id=user.id,
        details=details,
    )
    return "ok", {"codes": codes}
