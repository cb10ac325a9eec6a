"""Network guard loaded into every process of a test stack (via PYTHONPATH).

When ``NETGUARD_LOG`` is set, every outbound connection attempt and name lookup whose
target is not the loopback interface is appended to that file as one JSON line (process
id, command, kind, target); the call then proceeds unchanged, so the test sees what the
product would do. Covered: ``socket.socket.connect``/``connect_ex`` (blocking clients,
asyncio's selector loop), ``socket.getaddrinfo``/``gethostbyname`` and asyncio's
``create_connection``/``getaddrinfo`` (also reached through uvloop's Python API).
Not covered: connections opened inside C extensions without Python's socket module.
"""

from __future__ import annotations

import json
import os
import socket
import sys
import threading

_LOG = os.environ.get("NETGUARD_LOG")
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost", "ip6-loopback"}
# The machine's own name (smtplib looks it up for EHLO via socket.getfqdn): answered from
# /etc/hosts, not the network.
_LOOPBACK_NAMES.add(socket.gethostname().lower())
_lock = threading.Lock()


def _is_loopback(host) -> bool:
    if host is None or host == "":
        return True  # getaddrinfo(None, port): a local bind
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    host = str(host).strip("[]").lower()
    if host in _LOOPBACK_NAMES or host.startswith("127.") or host in ("::1", "0.0.0.0", "::"):  # noqa: S104 - a name, not a bind
        return True
    return host.startswith("::ffff:127.")


def _record(kind: str, target) -> None:
    line = json.dumps(
        {"pid": os.getpid(), "argv": " ".join(sys.argv[:3]), "kind": kind, "target": repr(target)}
    )
    with _lock, open(_LOG, "a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def _check_address(kind: str, family, address) -> None:
    if family == getattr(socket, "AF_UNIX", None) or not isinstance(address, tuple):
        return
    if not _is_loopback(address[0]):
        _record(kind, address)


def _install() -> None:
    original_connect = socket.socket.connect
    original_connect_ex = socket.socket.connect_ex
    original_getaddrinfo = socket.getaddrinfo
    original_gethostbyname = socket.gethostbyname

    def connect(self, address):
        _check_address("connect", self.family, address)
        return original_connect(self, address)

    def connect_ex(self, address):
        _check_address("connect_ex", self.family, address)
        return original_connect_ex(self, address)

    def getaddrinfo(host, *args, **kwargs):
        if not _is_loopback(host):
            _record("getaddrinfo", host)
        return original_getaddrinfo(host, *args, **kwargs)

    def gethostbyname(host):
        if not _is_loopback(host):
            _record("gethostbyname", host)
        return original_gethostbyname(host)

    socket.socket.connect = connect
    socket.socket.connect_ex = connect_ex
    socket.getaddrinfo = getaddrinfo
    socket.gethostbyname = gethostbyname

    import asyncio.base_events as base_events

    original_create_connection = base_events.BaseEventLoop.create_connection
    original_loop_getaddrinfo = base_events.BaseEventLoop.getaddrinfo

    async def create_connection(self, protocol_factory, host=None, port=None, *args, **kwargs):
        if host is not None and not _is_loopback(host):
            _record("create_connection", (host, port))
        return await original_create_connection(self, protocol_factory, host, port, *args, **kwargs)

    async def loop_getaddrinfo(self, host, *args, **kwargs):
        if not _is_loopback(host):
            _record("loop.getaddrinfo", host)
        return await original_loop_getaddrinfo(self, host, *args, **kwargs)

    base_events.BaseEventLoop.create_connection = create_connection
    base_events.BaseEventLoop.getaddrinfo = loop_getaddrinfo


if _LOG:
    _install()
    # Chain to any other sitecustomize further down the path (none in this venv today).
    _here = os.path.dirname(os.path.abspath(__file__))
    _rest = [p for p in sys.path if os.path.abspath(p or ".") != _here]
    import importlib.machinery
    import importlib.util

    _spec = importlib.machinery.PathFinder.find_spec("sitecustomize", _rest)
    if _spec is not None and _spec.origin and os.path.dirname(_spec.origin) != _here:
        _module = importlib.util.module_from_spec(_spec)
        _spec.loader.exec_module(_module)
