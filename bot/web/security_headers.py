"""Security headers on every response of the web app."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from bot.settings import Settings

# The widget may be embedded on the clinic's own site, so frames are allowed
# only for the widget's static files; every page and API response denies them.
BASE_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "x-frame-options": "DENY",
    "content-security-policy": (
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; "
        "form-action 'self'"
    ),
}
# API answers (the chat transcript among them) are never cached, whatever their status.
API_PREFIX = "/api/"
NO_STORE_HEADERS = {"cache-control": "no-store", "pragma": "no-cache"}


class SecurityHeadersMiddleware:
    """Pure ASGI middleware (no body buffering) adding :data:`BASE_HEADERS`, and
    :data:`NO_STORE_HEADERS` to every response under ``/api/`` (errors included)."""

    def __init__(self, app: ASGIApp, settings: Settings):
        self.app = app
        self.hsts = settings.cookie_secure

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        extra = dict(BASE_HEADERS)
        if scope.get("path", "").startswith(API_PREFIX):
            extra.update(NO_STORE_HEADERS)

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                for key, value in extra.items():
                    if key.encode() not in present:
                        headers.append((key.encode(), value.encode()))
                if self.hsts:
                    headers.append((b"strict-transport-security", b"max-age=31536000"))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
