"""The route guard: every staff endpoint is wrapped in :func:`protected`.

It checks, in this order: a live session (:func:`bot.staff.auth.load_principal`), the role,
the second factor (a session that only gave its password reaches the MFA page and
nothing else), a pending password change (an admin set the password) and, for unsafe
methods, the CSRF synchronizer token.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response

from bot.db.staff_models import STAFF_ROLES
from bot.staff.auth import (
    ACCOUNT_PAGE,
    LOGIN_PATH,
    SAFE_METHODS,
    SESSION_COOKIE,
    Principal,
    clear_session_cookie,
    idle_timeout,
    load_principal,
)
from bot.staff.context import run_db, settings_for
from bot.staff.csrf import CSRF_FIELD, CSRF_HEADER, tokens_equal
from bot.staff.templating import error_page, harden

MFA_PAGE = "/staff/mfa"


async def current_principal(request: Request) -> Principal | None:
    """The principal for the request's session cookie, or None."""
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    idle = idle_timeout(settings_for(request))
    return await run_db(request, load_principal, token=token, idle=idle)


Endpoint = Callable[[Request], Awaitable[Response]]


def protected(
    *roles: str, api: bool = False, password_change: bool = False, mfa_step: bool = False
) -> Callable[[Endpoint], Endpoint]:
    """Guard an endpoint: signed in, one of ``roles``, and a valid CSRF token on POST.

    HTML routes send anonymous visitors to the login page; API routes answer 401 JSON.
    A wrong role is 403 on both. While the account must change its password, only the
    endpoints marked ``password_change`` (changing it, signing out) answer: pages redirect
    to the change-password page, the API answers 403. The roles are kept on the endpoint
    as ``staff_roles`` so the tests can check every route in the table. Until the session
    has given its second factor only the endpoints marked ``mfa_step`` (the MFA page,
    signing out) answer: pages redirect to the MFA page, the API answers 403.
    """
    unknown = set(roles) - set(STAFF_ROLES)
    if not roles or unknown:
        raise ValueError(f"roles must be a non-empty subset of {STAFF_ROLES}")

    def decorate(endpoint: Endpoint) -> Endpoint:
        @functools.wraps(endpoint)
        async def guarded(request: Request) -> Response:
            principal = await current_principal(request)
            if principal is None:
                return harden(_unauthenticated(request, api))
            if principal.role not in roles:
                return harden(_forbidden(request, api, "Your role cannot use this page."))
            if principal.mfa_pending and not mfa_step:
                if api:
                    return harden(JSONResponse({"error": "second factor required"}, 403))
                return harden(RedirectResponse(MFA_PAGE, status_code=303))
            if principal.must_change_password and not password_change:
                if api:
                    body = {"error": "password change required"}
                    return harden(JSONResponse(body, status_code=403))
                return harden(RedirectResponse(ACCOUNT_PAGE, status_code=303))
            request.state.staff = principal
            if request.method not in SAFE_METHODS:
                form = await request.form()
                given = form.get(CSRF_FIELD) or request.headers.get(CSRF_HEADER)
                if not tokens_equal(principal.csrf_token, given):
                    return harden(_forbidden(request, api, "The form expired. Reload and retry."))
            return harden(await endpoint(request))

        guarded.staff_roles = frozenset(roles)  # type: ignore[attr-defined]
        guarded.staff_api = api  # type: ignore[attr-defined]
        guarded.staff_password_change = password_change  # type: ignore[attr-defined]
        guarded.staff_mfa_step = mfa_step  # type: ignore[attr-defined]
        return guarded

    return decorate


def action_view(
    role: str, apply: Callable[[Request, str], Awaitable[Response]], action: str, doc: str
) -> Endpoint:
    """A POST endpoint for ``role`` that only does ``apply(request, action)``.

    For the one-click actions of a page (claim, resolve, unlock, ...); ``doc`` becomes the
    endpoint's docstring.
    """

    async def view(request: Request) -> Response:
        return await apply(request, action)

    view.__doc__ = doc
    return protected(role)(view)


def _unauthenticated(request: Request, api: bool) -> Response:
    if api:
        return JSONResponse({"error": "authentication required"}, status_code=401)
    response = RedirectResponse(LOGIN_PATH, status_code=303)
    # A stale or expired cookie is useless: drop it.
    if SESSION_COOKIE in request.cookies:
        clear_session_cookie(response, settings_for(request))
    return response


def _forbidden(request: Request, api: bool, message: str) -> Response:
    if api:
        return JSONResponse({"error": "forbidden"}, status_code=403)
    return error_page(request, 403, message)
