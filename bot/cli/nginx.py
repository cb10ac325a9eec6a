"""nginx in front of several app processes on this machine (``make run``, ``make run-prod``).

The configuration is deploy/nginx/nginx.conf, the one compose.yaml mounts, with its
upstream servers, listener, log and temporary paths turned into local ones, so the same
routing (consistent hash of the conversation id, fail-over) runs here as in a deployment.
"""

from __future__ import annotations

import re
import shutil
from collections.abc import Sequence
from pathlib import Path

from bot.settings import PROJECT_ROOT, VAR_DIR, Settings
from bot.supervisor import ProcessSpec

TEMPLATE = PROJECT_ROOT / "deploy" / "nginx" / "nginx.conf"
NGINX_CANDIDATES = ("/usr/sbin/nginx", "/usr/bin/nginx")
SERVER_LINE = re.compile(r"(?m)^(\s*)server\s+[\w.-]+:\d+(\s[^;]*)?;\n")
TEMP_KINDS = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")


class NginxMissingError(RuntimeError):
    """nginx is not installed (``make nginx`` installs Debian's)."""


def nginx_available() -> bool:
    """True when nginx is installed."""
    try:
        find_nginx()
    except NginxMissingError:
        return False
    return True


def find_nginx() -> str:
    """The nginx binary, or :class:`NginxMissingError` saying how to install it."""
    found = shutil.which("nginx") or next(
        (path for path in NGINX_CANDIDATES if Path(path).is_file()), None
    )
    if not found:
        raise NginxMissingError(
            "Several app processes need nginx in front: run `make nginx` to install it."
        )
    return found


def local_conf(template: str, listen: str, upstreams: Sequence[str], prefix: Path) -> str:
    """The deployment's configuration with local upstreams, listener and paths."""
    first = SERVER_LINE.search(template)
    if first is None:
        raise ValueError("the nginx template has no upstream server lines")
    indent, options = first.group(1), first.group(2) or ""
    servers = "".join(f"{indent}server {address}{options};\n" for address in upstreams)
    text = SERVER_LINE.sub("", template)
    text = text[: first.start()] + servers + text[first.start() :]
    text = re.sub(r"listen\s+[^;]+;", f"listen {listen};", text, count=1)
    text = re.sub(r"access_log\s+/[^\s;]+", f"access_log {prefix}/access.log", text)
    temp = "".join(f"    {kind}_temp_path {prefix}/{kind};\n" for kind in TEMP_KINDS)
    return text.replace("http {\n", "http {\n" + temp, 1)


def nginx_spec(settings: Settings, ports: Sequence[int], prefix: Path | None = None) -> ProcessSpec:
    """nginx on ``WEB_PORT`` in front of the app processes on ``ports`` (loopback).

    Its configuration is written under ``prefix`` (``var/nginx``) just before it starts.
    """
    prefix = prefix or VAR_DIR / "nginx"
    conf = prefix / "nginx.conf"
    listen = f"{settings.web_host}:{settings.web_port}"
    upstreams = [f"127.0.0.1:{port}" for port in ports]

    def write_conf() -> None:
        prefix.mkdir(parents=True, exist_ok=True)
        template = TEMPLATE.read_text(encoding="utf-8")
        conf.write_text(local_conf(template, listen, upstreams, prefix), encoding="utf-8")

    return ProcessSpec(
        name="nginx",
        argv=[
            find_nginx(),
            "-p",
            str(prefix),
            "-c",
            str(conf),
            "-g",
            f"daemon off; pid {prefix}/nginx.pid;",
        ],
        port=settings.web_port,
        host=settings.web_host,
        health_url=f"http://{settings.web_host}:{settings.web_port}/nginx-health",
        before_start=write_conf,
    )
