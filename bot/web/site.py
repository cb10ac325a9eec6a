"""Public site routes: the clinic demo page and the embeddable chat widget's static files.

The web app (``bot/web/app.py``) mounts :data:`routes`. The widget itself is plain
JavaScript/CSS in ``bot/static/``; one ``<script>`` tag embeds it on any page (see the
comment at the top of ``bot/templates/site/index.html``).
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import FileResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.templating import Jinja2Templates

from bot.settings import ClinicSettings, get_settings

BOT_DIR = Path(__file__).resolve().parent.parent
STATIC_DIR = BOT_DIR / "static"
TEMPLATES_DIR = BOT_DIR / "templates"

# Jinja2Templates autoescapes .html templates, so clinic settings can never inject markup.
templates = Jinja2Templates(directory=str(TEMPLATES_DIR))


def safe_http_url(value: str) -> str:
    """Return ``value`` if it is an absolute http(s) URL, else an empty string.

    A misconfigured booking link such as ``javascript:...`` must never become a link.
    """
    parts = urlsplit(value.strip())
    if parts.scheme in {"http", "https"} and parts.netloc:
        return value.strip()
    return ""


def tel_href(phone: str) -> str:
    """A ``tel:`` URL for ``phone`` (digits and a leading +), or "" when there are no digits."""
    digits = re.sub(r"[^\d+]", "", phone)
    return f"tel:{digits}" if re.search(r"\d", digits) else ""


def clinic_context(clinic: ClinicSettings) -> dict[str, str]:
    """Template values for the clinic; empty strings mean "not configured" (never invented)."""
    return {
        "name": clinic.name,
        "display_name": clinic.display_name,
        "city": clinic.city,
        "phone": clinic.phone,
        "phone_href": tel_href(clinic.phone),
        "email": clinic.email,
        "hours": clinic.hours,
        "booking_url": safe_http_url(clinic.booking_url),
    }


async def index(request: Request) -> Response:
    """The demo page: clinic details plus the widget embedded with the one-line snippet."""
    settings = get_settings()
    return templates.TemplateResponse(
        request,
        "site/index.html",
        {
            "clinic": clinic_context(settings.clinic),
            "max_message_chars": settings.max_message_chars,
            # Relative URLs (plus any proxy sub-path) so http/https never mix behind a proxy.
            "root_path": request.scope.get("root_path", "").rstrip("/"),
        },
    )


async def widget_js(request: Request) -> Response:
    """Shortcut ``/widget.js`` for the widget script (same file as ``/static/widget.js``)."""
    return FileResponse(
        STATIC_DIR / "widget.js",
        media_type="text/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300"},
    )


routes: list[BaseRoute] = [
    Route("/", index, methods=["GET", "HEAD"], name="site_index"),
    Route("/widget.js", widget_js, methods=["GET", "HEAD"], name="widget_js"),
    Mount("/static", app=StaticFiles(directory=str(STATIC_DIR)), name="static"),
]
