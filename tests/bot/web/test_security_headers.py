"""Security headers on every response (bot/web/security_headers.py): framing and sniffing
refused everywhere, no caching under /api/, HSTS only behind HTTPS."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.settings import Settings
from bot.web.security_headers import BASE_HEADERS, SecurityHeadersMiddleware


def page(_request):
    return PlainTextResponse("page")


def own_frame_rule(_request):
    return PlainTextResponse("framed", headers={"X-Frame-Options": "SAMEORIGIN"})


def client_for(settings: Settings) -> TestClient:
    routes = [Route("/page", page), Route("/api/thing", page), Route("/own", own_frame_rule)]
    middleware = [Middleware(SecurityHeadersMiddleware, settings=settings)]
    return TestClient(Starlette(routes=routes, middleware=middleware))


def test_security_headers(client):
    headers = client.get("/healthz").headers
    assert headers["x-content-type-options"] == "nosniff"
    assert "frame-ancestors 'none'" in headers["content-security-policy"]


def test_every_response_gets_the_base_headers_but_only_the_api_no_store():
    client = client_for(Settings())
    for path in ("/page", "/missing"):
        headers = client.get(path).headers
        assert {name: headers[name] for name in BASE_HEADERS} == BASE_HEADERS
        assert "cache-control" not in headers
    for path in ("/api/thing", "/api/missing"):
        headers = client.get(path).headers
        assert headers["cache-control"] == "no-store" and headers["pragma"] == "no-cache"


def test_a_header_the_response_sets_is_kept():
    headers = client_for(Settings()).get("/own").headers
    assert headers.get_list("x-frame-options") == ["SAMEORIGIN"]


def test_hsts_only_when_cookies_are_secure():
    assert "strict-transport-security" not in client_for(Settings()).get("/page").headers
    secure = client_for(Settings(cookie_secure=True)).get("/page").headers
    assert secure["strict-transport-security"] == "max-age=31536000"
