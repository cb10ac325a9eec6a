"""Rendering staff pages: one Jinja2 environment with autoescape always on.

Everything a visitor wrote reaches staff pages through these templates, so autoescape is
forced for every template (not only ``.html``): visitor HTML is shown as text, never run.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from bot.db.types import as_utc, utcnow

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"

# Staff pages hold clinical data: never cache them, never frame them, and run no script
# but our own files (the automatic sign-out, bot/static/staff-idle.js); nothing inline.
SECURITY_HEADERS = {
    "Cache-Control": "no-store",
    "Pragma": "no-cache",
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Content-Security-Policy": (
        "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self'; "
        "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
    ),
}
# Where the sign-out script goes, and how long past the server's deadline it waits.
IDLE_LOGIN_URL = "/staff/login?idle=1"
IDLE_MARGIN_SECONDS = 2

AnyResponse = TypeVar("AnyResponse", bound=Response)


def format_time(value: datetime | None) -> str:
    """A timestamp as ``YYYY-MM-DD HH:MM UTC`` (empty for None)."""
    if value is None:
        return ""
    return value.strftime("%Y-%m-%d %H:%M UTC")


def format_age(value: datetime | None, now: datetime | None = None) -> str:
    """How long ago ``value`` was, coarse (``5 min``, ``3 h``, ``2 d``)."""
    if value is None:
        return ""
    seconds = max(0, int(((now or utcnow()) - as_utc(value)).total_seconds()))
    if seconds < 3600:
        return f"{seconds // 60} min"
    if seconds < 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"


def _build_environment() -> jinja2.Environment:
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES_DIR)),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["time"] = format_time
    environment.filters["age"] = format_age
    return environment


environment = _build_environment()


def harden(response: AnyResponse) -> AnyResponse:
    """Add the staff security headers to ``response`` and return it."""
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


def render(
    request: Request, name: str, context: dict[str, Any] | None = None, status_code: int = 200
) -> HTMLResponse:
    """Render ``staff/<name>`` with the signed-in principal and CSRF token in the context."""
    principal = getattr(request.state, "staff", None)
    values: dict[str, Any] = {
        "request": request,
        "principal": principal,
        "csrf_token": principal.csrf_token if principal is not None else "",
        "error": None,
        "message": None,
        "idle_login_url": IDLE_LOGIN_URL,
        "idle_margin": IDLE_MARGIN_SECONDS,
    }
    values.update(context or {})
    html = environment.get_template(f"staff/{name}").render(values)
    return harden(HTMLResponse(html, status_code=status_code))


def error_page(request: Request, status_code: int, message: str) -> HTMLResponse:
    """A small error page (403, 404, 400, 409, 429) that never echoes raw input as HTML."""
    return render(
        request, "error.html", {"status_code": status_code, "message": message}, status_code
    )
