"""Request body limits (bot/web/body_limit.py): refused from the declared length before a
byte is read, or as soon as a streamed body passes the limit."""

from __future__ import annotations

import contextlib

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.web.body_limit import DEFAULT_MAX_BODY_BYTES, BodyLimitMiddleware

API_LIMIT, DEFAULT_LIMIT = 10, 20


class Recorder:
    """The app behind the middleware: echoes the body's length and notes each call."""

    def __init__(self) -> None:
        self.calls = 0
        self.started = False

    async def echo(self, request: Request) -> JSONResponse:
        self.calls += 1
        return JSONResponse({"length": len(await request.body())})

    @contextlib.asynccontextmanager
    async def lifespan(self, _app):
        self.started = True
        yield


def limited_client(recorder: Recorder) -> TestClient:
    limits = Middleware(BodyLimitMiddleware, limits=[("/api/", API_LIMIT)], default=DEFAULT_LIMIT)
    routes = [Route("/api/chat", recorder.echo, methods=["POST"])]
    routes.append(Route("/staff/login", recorder.echo, methods=["POST"]))
    app = Starlette(routes=routes, middleware=[limits], lifespan=recorder.lifespan)
    return TestClient(app)


def chunks(total: int, size: int = 4):
    """A body without Content-Length (sent chunked) of ``total`` bytes."""
    for start in range(0, total, size):
        yield b"x" * min(size, total - start)


def test_bodies_within_the_limit_reach_the_app():
    recorder = Recorder()
    client = limited_client(recorder)
    assert client.post("/api/chat", content=b"x" * API_LIMIT).json() == {"length": API_LIMIT}
    assert client.post("/staff/login", content=chunks(DEFAULT_LIMIT)).json() == {
        "length": DEFAULT_LIMIT
    }
    assert recorder.calls == 2


def test_a_declared_length_over_the_limit_is_refused_unread():
    recorder = Recorder()
    response = limited_client(recorder).post("/api/chat", content=b"x" * (API_LIMIT + 1))
    assert response.status_code == 413
    assert response.json() == {"error": "That message is too long."}
    assert response.headers["connection"] == "close"
    assert recorder.calls == 0


def test_a_streamed_body_is_refused_once_it_passes_the_limit():
    recorder = Recorder()
    client = limited_client(recorder)
    response = client.post("/staff/login", content=chunks(DEFAULT_LIMIT + 1))
    assert response.status_code == 413
    assert response.json() == {"error": "The request is too large."}
    assert client.post("/api/chat", content=chunks(API_LIMIT + 5)).status_code == 413


def test_limits_go_by_path_prefix_first_match_first():
    middleware = BodyLimitMiddleware(
        app=None, limits=[("/api/chat", 5), ("/api/", 50)], default=500
    )
    assert middleware.limit_for("/api/chat/x/history") == 5
    assert middleware.limit_for("/api/other") == 50
    assert middleware.limit_for("/staff/login") == 500
    assert BodyLimitMiddleware(app=None).limit_for("/") == DEFAULT_MAX_BODY_BYTES


def test_other_scopes_pass_through():
    recorder = Recorder()
    with limited_client(recorder):
        assert recorder.started
