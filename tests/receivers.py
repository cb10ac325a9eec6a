"""Real receivers for tests: an aiosmtpd SMTP server, a webhook endpoint, a FHIR endpoint."""

from __future__ import annotations

import json
import threading
import time
from email import message_from_bytes
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

from aiosmtpd.controller import Controller

from bot.fhir.validation import FhirValidationError, validate_resource


class QuietHandler(BaseHTTPRequestHandler):
    """A request handler that reads and answers in one call each, and logs nothing."""

    def read_body(self) -> bytes:
        """The request's body (``Content-Length`` bytes)."""
        return self.rfile.read(int(self.headers.get("Content-Length", 0)))

    def reply(self, status: int, content_type: str, body: bytes) -> None:
        """Answer ``status`` with ``body``."""
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        # Keep the test output free of one line per request.
        pass


def serve(handler: type[BaseHTTPRequestHandler]) -> ThreadingHTTPServer:
    """A server for ``handler`` on a free local port, serving in a daemon thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class _LocalReceiver:
    """A receiver serving HTTP on a free local port until :meth:`close`."""

    server: ThreadingHTTPServer

    def _serve(self, handler: type[BaseHTTPRequestHandler], path: str) -> str:
        """Start serving ``handler``; the URL of ``path`` on it."""
        self.server = serve(handler)
        return f"http://127.0.0.1:{self.server.server_address[1]}{path}"

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class SmtpSink:
    """aiosmtpd handler keeping every received message."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd hook
        self.messages.append(
            {"to": list(envelope.rcpt_tos), "message": message_from_bytes(envelope.content)}
        )
        return "250 Message accepted"


class SmtpServer:
    """Start/stop a real SMTP server on a fixed port (so it can be 'down' and come back)."""

    def __init__(self, port: int):
        self.port = port
        self.sink = SmtpSink()
        self.controller = None

    def start(self):
        self.controller = Controller(self.sink, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


class WebhookReceiver(_LocalReceiver):
    """A real HTTP server recording JSON POSTs; answers with the queued status codes."""

    def __init__(self):
        self.requests = []
        self.statuses = []  # consumed first; 200 afterwards
        receiver = self

        class Handler(QuietHandler):
            def do_POST(self):  # noqa: N802 - http.server hook
                body = self.read_body()
                status = receiver.statuses.pop(0) if receiver.statuses else 200
                receiver.requests.append(
                    {
                        "path": self.path,
                        "status": status,
                        "json": json.loads(body),
                        "content_type": self.headers.get("Content-Type"),
                    }
                )
                self.reply(status, "text/plain", b"ok")

        self.url = self._serve(Handler, "/hooks/intake")

    @property
    def delivered(self):
        """Requests that got a 2xx answer."""
        return [r for r in self.requests if 200 <= r["status"] < 300]


class FhirReceiver(_LocalReceiver):
    """A local FHIR endpoint: validates each POSTed resource as R4 and answers like a server.

    201 with the stored resource for a valid one, 400 with an ``OperationOutcome`` for an
    invalid one; ``statuses`` queues other answers first, ``delay`` makes it slow. A
    conditional create whose ``If-None-Exist`` matches a stored Bundle answers 200 and
    stores nothing (as a FHIR server does), so retries never duplicate. A conditional
    update (``PUT .../Bundle?identifier=system|value``) replaces the matching Bundle (200)
    or stores it when none matches (201), as a FHIR server does.
    """

    def __init__(self):
        self.requests = []
        self.stored = []
        self.statuses = []
        self.delay = 0.0
        receiver = self

        class Handler(QuietHandler):
            def do_POST(self):  # noqa: N802 - http.server hook
                self._answer(receiver._create)

            def do_PUT(self):  # noqa: N802 - http.server hook
                self._answer(receiver._update)

            def _answer(self, store):
                body = json.loads(self.read_body())
                if receiver.delay:
                    time.sleep(receiver.delay)
                status, answer = receiver.statuses.pop(0) if receiver.statuses else (None, None)
                if status is None:
                    try:
                        validate_resource(body)
                        status, answer = store(body, self.headers, self.path)
                    except FhirValidationError as exc:
                        status, answer = 400, _outcome(str(exc))
                receiver.requests.append(
                    {
                        "method": self.command,
                        "path": self.path,
                        "status": status,
                        "json": body,
                        "headers": self.headers,
                    }
                )
                self.reply(status, "application/fhir+json", json.dumps(answer or {}).encode())

        self.base_url = self._serve(Handler, "/fhir/r4")

    def _create(self, body, headers, path):
        condition = headers.get("If-None-Exist", "")
        for stored in self.stored:
            identifier = stored.get("identifier") or {}
            if condition == f"identifier={identifier.get('system')}|{identifier.get('value')}":
                return 200, stored
        self.stored.append(body)
        return 201, {**body, "id": str(len(self.stored))}

    def _update(self, body, headers, path):
        [searched] = parse_qs(urlsplit(path).query).get("identifier") or [""]
        if not searched:
            return 400, _outcome("only conditional updates (?identifier=...) are supported")
        for index, stored in enumerate(self.stored):
            identifier = stored.get("identifier") or {}
            if searched == f"{identifier.get('system')}|{identifier.get('value')}":
                self.stored[index] = body
                return 200, {**body, "id": str(index + 1)}
        self.stored.append(body)
        return 201, {**body, "id": str(len(self.stored))}


def _outcome(message: str) -> dict:
    return {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": "invalid", "diagnostics": message}],
    }
