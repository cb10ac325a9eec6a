"""Login and logout pages.

The login form is the only staff page open to anonymous visitors. Its CSRF protection uses
a pre-login cookie (see :mod:`bot.staff.csrf`); a successful login discards that cookie and
any earlier session and issues a brand-new session token (no session fixation).
"""

from __future__ import annotations

from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from bot.staff.accounts import record_account_event
from bot.staff.auth import (
    GENERIC_LOGIN_ERROR,
    MAX_PASSWORD_LENGTH,
    SESSION_COOKIE,
    authenticate,
    clear_session_cookie,
    cookie_options,
    create_session,
    end_session,
    ip_is_throttled,
    set_session_cookie,
)
from bot.staff.context import client_ip, run_db, settings_for, text_fields
from bot.staff.csrf import (
    CSRF_FIELD,
    LOGIN_CSRF_COOKIE,
    is_well_formed,
    login_form_token,
    new_token,
    verify_login_token,
)
from bot.staff.guard import MFA_PAGE, current_principal, protected
from bot.staff.hash_gate import BUSY_TEXT, RETRY_AFTER_SECONDS, HashGateBusy, hash_gate_for
from bot.staff.templating import error_page, harden, render

HOME_PATH = "/staff/"
LOGIN_COOKIE_MAX_AGE = 3600


def _login_page(
    request: Request,
    nonce: str,
    *,
    error: str | None = None,
    message: str | None = None,
    username: str = "",
    status_code: int = 200,
) -> Response:
    settings = settings_for(request)
    response = render(
        request,
        "login.html",
        {
            "login_token": login_form_token(nonce, settings.session_secret),
            "error": error,
            "message": message,
            "username": username,
        },
        status_code,
    )
    response.set_cookie(
        LOGIN_CSRF_COOKIE, nonce, max_age=LOGIN_COOKIE_MAX_AGE, **cookie_options(settings)
    )
    return response


async def login_form(request: Request) -> Response:
    """GET /staff/login: the sign-in form (signed-in staff go to their home page)."""
    if await current_principal(request) is not None:
        return harden(RedirectResponse(HOME_PATH, status_code=303))
    nonce = request.cookies.get(LOGIN_CSRF_COOKIE)
    message = None
    if request.query_params.get("idle") == "1":
        minutes = settings_for(request).staff_idle_minutes
        message = f"You were signed out after {minutes} minutes without activity."
    return _login_page(request, nonce if is_well_formed(nonce) else new_token(), message=message)


async def login_submit(request: Request) -> Response:
    """POST /staff/login: check the CSRF pair, throttle, credentials; then a new session."""
    settings = settings_for(request)
    form = await request.form()
    nonce = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not verify_login_token(nonce, form.get(CSRF_FIELD), settings.session_secret):
        return error_page(request, 403, "The sign-in form expired. Reload the page and retry.")
    fields = text_fields(form, "username", "password")
    if fields is None:
        return error_page(request, 400, "Username and password are required.")
    username, password = fields
    if len(username) > 200 or len(password) > MAX_PASSWORD_LENGTH:
        return _login_page(request, nonce, error=GENERIC_LOGIN_ERROR, status_code=400)
    if not username.strip() or not password:
        return _login_page(
            request,
            nonce,
            error="Enter your username and password.",
            username=username,
            status_code=400,
        )
    ip = client_ip(request)
    if await run_db(request, ip_is_throttled, ip=ip, settings=settings):
        return _login_page(
            request,
            nonce,
            error="Too many failed sign-ins from this address. Try again later.",
            status_code=429,
        )
    try:
        async with hash_gate_for(request, settings).slot():
            outcome = await run_db(
                request,
                authenticate,
                username=username,
                password=password,
                settings=settings,
                ip=ip,
            )
    except HashGateBusy:
        busy = _login_page(request, nonce, error=BUSY_TEXT, username=username, status_code=503)
        busy.headers["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return busy
    if not outcome.ok:
        return _login_page(
            request, nonce, error=GENERIC_LOGIN_ERROR, username=username, status_code=401
        )
    token = await run_db(
        request,
        _rotate_session,
        old_token=request.cookies.get(SESSION_COOKIE),
        user_id=outcome.user_id,
        ip=ip,
        user_agent=request.headers.get("user-agent", ""),
        mfa_verified=not settings.staff_mfa,
    )
    # The password alone opens nothing but the second step (STAFF_MFA, on by default).
    next_page = MFA_PAGE if settings.staff_mfa else HOME_PATH
    response = harden(RedirectResponse(next_page, status_code=303))
    set_session_cookie(response, token, settings)
    response.delete_cookie(LOGIN_CSRF_COOKIE, **cookie_options(settings))
    return response


def _rotate_session(
    *,
    session: Session,
    old_token: str | None,
    user_id: int,
    ip: str,
    user_agent: str,
    mfa_verified: bool,
) -> str:
    """Drop whatever session the browser had and start a new one (new token, new CSRF)."""
    end_session(session=session, token=old_token)
    return create_session(
        session=session,
        user_id=user_id,
        ip=ip,
        user_agent=user_agent,
        mfa_verified=mfa_verified,
    )


@protected("admin", "staff", password_change=True, mfa_step=True)
async def logout(request: Request) -> Response:
    """POST /staff/logout: delete the server-side session and the cookie."""
    principal = request.state.staff
    await run_db(
        request,
        _logout,
        token=request.cookies.get(SESSION_COOKIE),
        username=principal.username,
        user_id=principal.user_id,
    )
    response = RedirectResponse("/staff/login", status_code=303)
    clear_session_cookie(response, settings_for(request))
    return response


def _logout(*, session: Session, token: str | None, username: str, user_id: int) -> None:
    end_session(session=session, token=token)
    record_account_event(session=session, actor=username, action="logout", user_id=user_id)
