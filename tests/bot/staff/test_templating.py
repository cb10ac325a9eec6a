"""Rendering staff pages (bot/staff/templating.py): autoescape always, the staff security
headers, coarse times."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from starlette.requests import Request
from starlette.responses import Response

from bot.staff.auth import Principal
from bot.staff.templating import (
    SECURITY_HEADERS,
    environment,
    error_page,
    format_age,
    format_time,
    harden,
    render,
)

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def request_as(principal: Principal | None = None) -> Request:
    request = Request({"type": "http", "method": "GET", "path": "/staff/x", "headers": []})
    if principal is not None:
        request.state.staff = principal
    return request


def test_times_are_shown_in_utc_to_the_minute():
    assert format_time(datetime(2026, 5, 1, 9, 7, 59, tzinfo=UTC)) == "2026-05-01 09:07 UTC"
    assert format_time(None) == ""


def test_ages_are_coarse_and_never_negative():
    ages = [timedelta(seconds=30), timedelta(minutes=59), timedelta(hours=3), timedelta(days=2)]
    assert [format_age(NOW - age, now=NOW) for age in ages] == ["0 min", "59 min", "3 h", "2 d"]
    assert format_age(NOW + timedelta(hours=1), now=NOW) == "0 min"
    assert format_age(NOW.replace(tzinfo=None) - timedelta(hours=2), now=NOW) == "2 h"
    assert format_age(None) == ""


def test_harden_adds_the_headers_without_overriding_the_responses_own():
    response = harden(Response("x", headers={"Cache-Control": "private"}))
    assert response.headers["cache-control"] == "private"
    for name, value in SECURITY_HEADERS.items():
        if name != "Cache-Control":
            assert response.headers[name] == value


def test_every_template_escapes_even_without_an_html_name():
    assert environment.autoescape is True
    assert environment.from_string("{{ x }}").render(x="<b>") == "&lt;b&gt;"


def test_error_pages_escape_the_message_and_offer_the_way_back():
    anonymous = error_page(request_as(), 404, "No <script>x</script> here")
    body = anonymous.body.decode()
    assert anonymous.status_code == 404 and "<script>x" not in body
    assert "No &lt;script&gt;x&lt;/script&gt; here" in body
    assert 'href="/staff/login"' in body
    assert anonymous.headers["x-frame-options"] == "DENY"
    signed_in = Principal(user_id=1, username="ann", role="staff", session_id=1, csrf_token="t")
    assert (
        'href="/staff/"'
        in render(
            request_as(signed_in), "error.html", {"status_code": 409, "message": "taken"}
        ).body.decode()
    )
