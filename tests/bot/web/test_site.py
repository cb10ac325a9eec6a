"""The demo page and widget files served by ``bot.web.site`` (HTTP level, no browser)."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.testclient import TestClient

from bot.settings import get_settings
from bot.web.site import routes, safe_http_url, tel_href

CLINIC_VARS = (
    "CLINIC_NAME",
    "CLINIC_CITY",
    "CLINIC_PHONE",
    "CLINIC_EMAIL",
    "CLINIC_HOURS",
    "CLINIC_BOOKING_URL",
)


@pytest.fixture()
def client_with(monkeypatch):
    """A client for the site routes with the given CLINIC_* settings (others empty)."""

    def make(**clinic: str) -> TestClient:
        for name in CLINIC_VARS:
            monkeypatch.setenv(name, clinic.get(name, ""))
        get_settings.cache_clear()
        return TestClient(Starlette(routes=routes))

    yield make
    get_settings.cache_clear()


def test_unconfigured_clinic_gets_neutral_wording(client_with):
    """No clinic details configured: neutral text, no invented phone, hours or booking link."""
    page = client_with().get("/")
    assert page.status_code == 200
    assert "text/html" in page.headers["content-type"]
    assert "have not been configured" in page.text
    assert 'href="tel:988"' in page.text
    assert "Book a consultation" not in page.text
    assert "Hours" not in page.text
    assert '<script src="/static/widget.js"' in page.text


def test_configured_clinic_details_are_shown(client_with):
    """Configured details appear, the phone becomes a tel: link, the booking URL a link."""
    page = client_with(
        CLINIC_NAME="Riverside Wellness",
        CLINIC_CITY="Portland, OR",
        CLINIC_PHONE="(503) 555-0100",
        CLINIC_HOURS="Mon-Fri 9-5",
        CLINIC_BOOKING_URL="https://example.org/book",
    ).get("/")
    assert "Riverside Wellness" in page.text
    assert "Portland, OR" in page.text
    assert 'href="tel:5035550100"' in page.text
    assert "Mon-Fri 9-5" in page.text
    assert 'href="https://example.org/book"' in page.text
    assert 'data-clinic-name="Riverside Wellness"' in page.text
    assert "have not been configured" not in page.text


def test_clinic_settings_cannot_inject_markup(client_with):
    """Settings are escaped, and a non-http booking URL never becomes a link."""
    page = client_with(
        CLINIC_NAME='<script>alert(1)</script>"',
        CLINIC_BOOKING_URL="javascript:alert(1)",
    ).get("/")
    assert "<script>alert(1)</script>" not in page.text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page.text
    assert "javascript:" not in page.text


@pytest.mark.parametrize(
    ("path", "media"),
    [
        ("/static/widget.js", "javascript"),
        ("/widget.js", "javascript"),
        ("/static/widget.css", "text/css"),
        ("/static/site.css", "text/css"),
    ],
)
def test_widget_files_are_served(client_with, path, media):
    """The widget's files are served with the right types."""
    response = client_with().get(path)
    assert response.status_code == 200
    assert media in response.headers["content-type"]
    assert len(response.content) > 1000


def test_widget_never_uses_inner_html():
    """Visitor and bot text only ever go through text nodes (a guard against regressions)."""
    client = TestClient(Starlette(routes=routes))
    source = client.get("/static/widget.js").text
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in source


@pytest.mark.parametrize("url", ["https://example.org/book", "http://example.org"])
def test_safe_http_url_keeps_absolute_http_urls(url):
    assert safe_http_url(url) == url


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//example.org", "example.org", ""])
def test_safe_http_url_drops_everything_else(url):
    """Only absolute http(s) URLs are kept."""
    assert safe_http_url(url) == ""


def test_tel_href():
    """Phone numbers become tel: URLs of digits; text without digits gives none."""
    assert tel_href("+1 (503) 555-0100") == "tel:+15035550100"
    assert tel_href("call us") == ""
