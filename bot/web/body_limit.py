"""Request body limits enforced while the body streams in, before any of it is parsed.

Anonymous callers (the chat API, the sign-in form) must not make the app buffer whatever
they send. A ``Content-Length`` over the limit is refused at once without reading a byte;
a body sent without one (chunked) is counted as it arrives and refused as soon as it
passes the limit, so at most the limit plus one chunk is ever held.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from starlette.types import ASGIApp, Message, Receive, Scope, Send

DEFAULT_MAX_BODY_BYTES = 256 * 1024
TOO_LARGE_MESSAGES = {"/api/": "That message is too long."}
TOO_LARGE_DEFAULT = "The request is too large."


class BodyTooLarge(Exception):
    """Raised from ``receive`` when the body passes its limit (caught by the middleware)."""


class BodyLimitMiddleware:
    """Refuse bodies over a per-path-prefix limit with a 413 JSON error.

    ``limits`` are ``(path prefix, bytes)`` pairs, first match wins; other paths get
    ``default``.
    """

    def __init__(
        self,
        app: ASGIApp,
        limits: Sequence[tuple[str, int]] = (),
        default: int = DEFAULT_MAX_BODY_BYTES,
    ):
        self.app = app
        self.limits = tuple(limits)
        self.default = default

    def limit_for(self, path: str) -> int:
        """The body limit for ``path``."""
        for prefix, limit in self.limits:
            if path.startswith(prefix):
                return limit
        return self.default

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = self.limit_for(path)
        declared = _content_length(scope)
        if declared is not None and declared > limit:
            await _too_large(path, send)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if started:
                raise
            await _too_large(path, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(path: str, send: Send) -> None:
    message = next(
        (text for prefix, text in TOO_LARGE_MESSAGES.items() if path.startswith(prefix)),
        TOO_LARGE_DEFAULT,
    )
    body = json.dumps({"error": message}).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
