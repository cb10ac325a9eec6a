"""Which address a request comes from, believing ``X-Forwarded-For`` only from our proxies.

The web app is the edge unless ``FORWARDED_ALLOW_IPS`` names the reverse proxies in front
of it (addresses or networks, comma-separated; ``*`` trusts any peer). Rate limits and the
staff sign-in throttle key on :func:`client_ip`, so a visitor who sends a made-up
``X-Forwarded-For`` straight to the app must not get a fresh address per request.

uvicorn is started with the same list (:func:`uvicorn_args`), so its own proxy-header
handling agrees; :func:`client_ip` applies the rule again, which changes nothing when
uvicorn already did and keeps other servers (and the tests' client) honest.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from typing import Any

from starlette.requests import Request

from bot.settings import Settings, get_settings

MAX_ADDRESS_LENGTH = 64
# uvicorn's idle keep-alive, longer than any proxy in front keeps an idle connection to us
# (nginx's upstream keepalive_timeout, 60 s in deploy/nginx/nginx.conf). When both sides
# used about the same idle limit (uvicorn's and httpx's are both 5 s), the app closed a
# connection just as a request went out on it, and that POST failed with nothing answered.
KEEP_ALIVE_SECONDS = 75


class TrustedProxies:
    """The configured proxies: addresses, networks, or ``*`` for any peer."""

    def __init__(self, entries: Iterable[str]):
        entries = [e.strip() for e in entries if e.strip()]
        self.any = "*" in entries
        self.addresses: set[ipaddress.IPv4Address | ipaddress.IPv6Address] = set()
        self.networks: list[ipaddress.IPv4Network | ipaddress.IPv6Network] = []
        for entry in entries:
            if entry == "*":
                continue
            try:
                if "/" in entry:
                    self.networks.append(ipaddress.ip_network(entry, strict=False))
                else:
                    self.addresses.add(ipaddress.ip_address(entry))
            except ValueError:
                message = f"FORWARDED_ALLOW_IPS: not an address or network: {entry}"
                raise ValueError(message) from None

    def __bool__(self) -> bool:
        return self.any or bool(self.addresses or self.networks)

    def trusts(self, host: str | None) -> bool:
        """True when ``host`` is one of the configured proxies."""
        if not host:
            return False
        if self.any:
            return True
        try:
            address = ipaddress.ip_address(host)
        except ValueError:
            return False
        return address in self.addresses or any(address in net for net in self.networks)

    def client_address(self, peer: str | None, forwarded_for: Iterable[str]) -> str:
        """The client's address: the peer, unless the peer is a proxy of ours.

        Behind our proxies, each proxy appends the address it saw to ``X-Forwarded-For``:
        reading from the right, the first address that is not one of our proxies is the
        client (anything to its left was written by the client and proves nothing).
        """
        peer = peer or "unknown"
        if not self.trusts(peer):
            return peer[:MAX_ADDRESS_LENGTH]
        hops = [h.strip() for value in forwarded_for for h in value.split(",") if h.strip()]
        if not hops:
            return peer[:MAX_ADDRESS_LENGTH]
        for hop in reversed(hops):
            host = _host_of(hop)
            if not self.trusts(host):
                return host[:MAX_ADDRESS_LENGTH]
        return _host_of(hops[0])[:MAX_ADDRESS_LENGTH]


def _host_of(hop: str) -> str:
    """``1.2.3.4:5678`` -> ``1.2.3.4``; ``[::1]:80`` -> ``::1``; anything else unchanged."""
    if hop.startswith("[") and "]" in hop:
        return hop[1 : hop.index("]")]
    if hop.count(":") == 1:
        return hop.split(":", 1)[0]
    return hop


def trusted_proxies(settings: Settings) -> TrustedProxies:
    """The proxies of ``settings`` (``FORWARDED_ALLOW_IPS``)."""
    return TrustedProxies(settings.forwarded_allow_ips)


def client_ip(request: Request) -> str:
    """The caller's address for rate limits, throttling and the login log."""
    proxies = getattr(request.app.state, "proxies", None)
    if not isinstance(proxies, TrustedProxies):
        proxies = trusted_proxies(get_settings())
    peer = request.client.host if request.client else None
    return proxies.client_address(peer, request.headers.getlist("x-forwarded-for"))


def uvicorn_args(settings: Settings) -> list[str]:
    """uvicorn command-line options for ``FORWARDED_ALLOW_IPS`` (proxy headers off if none).

    Without them uvicorn would trust ``X-Forwarded-For`` from 127.0.0.1 (its default), or
    from whatever the ``FORWARDED_ALLOW_IPS`` variable of its environment says.
    """
    if not settings.forwarded_allow_ips:
        return ["--no-proxy-headers"]
    return ["--proxy-headers", "--forwarded-allow-ips", ",".join(settings.forwarded_allow_ips)]


def uvicorn_options(settings: Settings) -> dict[str, Any]:
    """The same as :func:`uvicorn_args`, as ``uvicorn.Config`` keyword arguments."""
    if not settings.forwarded_allow_ips:
        return {"proxy_headers": False, "forwarded_allow_ips": ""}
    return {"proxy_headers": True, "forwarded_allow_ips": list(settings.forwarded_allow_ips)}
