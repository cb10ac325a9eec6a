"""Which address a request comes from: X-Forwarded-For only from FORWARDED_ALLOW_IPS."""

from __future__ import annotations

from dataclasses import replace

import pytest
from starlette.applications import Starlette
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from bot.cli.run import process_specs, procfile
from bot.proxies import (
    TrustedProxies,
    client_ip,
    trusted_proxies,
    uvicorn_args,
    uvicorn_options,
)
from bot.settings import Settings


def test_no_proxies_configured_means_the_peer_is_the_client():
    proxies = TrustedProxies([])
    assert not proxies
    assert proxies.client_address("198.51.100.1", ["203.0.113.9"]) == "198.51.100.1"
    assert proxies.client_address("127.0.0.1", ["203.0.113.9"]) == "127.0.0.1"
    assert proxies.client_address(None, []) == "unknown"


@pytest.mark.parametrize(
    ("peer", "forwarded", "expected"),
    [
        ("10.0.0.5", ["203.0.113.9"], "203.0.113.9"),  # one proxy of ours
        ("10.0.0.5", ["1.1.1.1, 203.0.113.9"], "203.0.113.9"),  # client-written hop ignored
        ("10.0.0.5", ["203.0.113.9, 10.0.0.7"], "203.0.113.9"),  # two proxies of ours
        ("10.0.0.5", ["203.0.113.9", "10.0.0.7"], "203.0.113.9"),  # header given twice
        ("10.0.0.5", ["203.0.113.9:4444"], "203.0.113.9"),
        ("10.0.0.5", ["[2001:db8::1]:443"], "2001:db8::1"),
        ("10.0.0.5", [], "10.0.0.5"),  # no header: the proxy itself
        ("10.0.0.5", ["10.0.0.9"], "10.0.0.9"),  # every hop ours: the leftmost
        ("198.51.100.1", ["203.0.113.9"], "198.51.100.1"),  # not our proxy: header ignored
        ("::1", ["203.0.113.9"], "203.0.113.9"),
        ("10.0.0.5", ["x" * 500], "x" * 64),  # never longer than a column holds
    ],
)
def test_listed_proxies(peer, forwarded, expected):
    proxies = TrustedProxies(["10.0.0.0/8", "::1"])
    assert proxies.client_address(peer, forwarded) == expected


def test_star_trusts_every_peer_and_bad_entries_are_refused():
    assert TrustedProxies(["*"]).client_address("198.51.100.1", ["203.0.113.9"]) == "203.0.113.9"
    with pytest.raises(ValueError, match="FORWARDED_ALLOW_IPS"):
        TrustedProxies(["not-an-address"])


def _app(settings: Settings) -> TestClient:
    async def echo(request):
        return PlainTextResponse(client_ip(request))

    app = Starlette(routes=[Route("/", echo)])
    app.state.proxies = trusted_proxies(settings)
    return TestClient(app, client=("127.0.0.1", 5000))


def test_client_ip_on_a_request():
    spoof = {"X-Forwarded-For": "203.0.113.9"}
    assert _app(Settings()).get("/", headers=spoof).text == "127.0.0.1"
    behind = _app(Settings(forwarded_allow_ips=("127.0.0.1",)))
    assert behind.get("/", headers=spoof).text == "203.0.113.9"


def test_uvicorn_is_told_the_same_proxies():
    [app] = process_specs(Settings(app_processes=1))
    assert app.name == "app" and "--no-proxy-headers" in app.argv
    assert "--forwarded-allow-ips" not in app.argv
    assert uvicorn_options(Settings()) == {"proxy_headers": False, "forwarded_allow_ips": ""}
    settings = Settings(forwarded_allow_ips=("10.0.0.0/8", "192.0.2.1"))
    for profile in ("dev", "prod"):
        [app] = process_specs(replace(settings, replicas=1, app_processes=1), profile)
        assert app.argv[-3:] == ["--proxy-headers", "--forwarded-allow-ips", "10.0.0.0/8,192.0.2.1"]
    assert uvicorn_args(settings) == app.argv[-3:]
    one = replace(settings, app_processes=1)
    assert "--forwarded-allow-ips 10.0.0.0/8,192.0.2.1" in procfile(process_specs(one))
    assert uvicorn_options(settings)["forwarded_allow_ips"] == ["10.0.0.0/8", "192.0.2.1"]


def test_replicas_behind_nginx_believe_nginx_and_the_proxies_in_front_of_it():
    settings = Settings(forwarded_allow_ips=("10.0.0.0/8",), replicas=2)
    *apps, nginx = process_specs(settings, "prod")
    assert [a.name for a in apps] == ["app-1", "app-2"] and nginx.name == "nginx"
    assert [a.port for a in apps] == [settings.web_port + 1, settings.web_port + 2]
    for app in apps:
        assert app.argv[-2:] == ["--forwarded-allow-ips", "10.0.0.0/8,127.0.0.1"]
        assert app.env["FORWARDED_ALLOW_IPS"] == "10.0.0.0/8,127.0.0.1"
        assert app.host == "127.0.0.1" and app.restart


def test_the_web_app_keeps_idle_connections_longer_than_its_clients_do():
    import httpx

    from bot.proxies import KEEP_ALIVE_SECONDS

    for profile in ("dev", "prod"):
        for app in process_specs(Settings(), profile):
            if app.name.startswith("app"):
                flag = app.argv.index("--timeout-keep-alive")
                assert int(app.argv[flag + 1]) == KEEP_ALIVE_SECONDS
    # httpx (the tests' and many API clients) drops an idle connection after 5 s by default;
    # the app must not be the one closing it at that very moment.
    assert httpx.Limits().keepalive_expiry < KEEP_ALIVE_SECONDS


def test_setting_is_read_from_the_environment(monkeypatch):
    from bot.settings import load_settings

    monkeypatch.setenv("FORWARDED_ALLOW_IPS", " 10.0.0.1 , 10.1.0.0/16 ,")
    assert load_settings().forwarded_allow_ips == ("10.0.0.1", "10.1.0.0/16")
    monkeypatch.setenv("FORWARDED_ALLOW_IPS", "")
    assert load_settings().forwarded_allow_ips == ()
