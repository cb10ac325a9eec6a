"""nginx for the prod profile: the deployment's configuration made local, and accepted by nginx."""

from __future__ import annotations

import re
import subprocess

import pytest

from bot.cli import nginx
from bot.settings import Settings


def test_local_conf_has_the_local_upstreams_listener_and_paths(tmp_path):
    template = nginx.TEMPLATE.read_text(encoding="utf-8")
    text = nginx.local_conf(
        template, "127.0.0.1:9000", ["127.0.0.1:9001", "127.0.0.1:9002"], tmp_path
    )
    servers = re.findall(r"(?m)^\s*server\s+(\S+)\s+max_fails=1 fail_timeout=10s;", text)
    assert servers == ["127.0.0.1:9001", "127.0.0.1:9002"]
    assert "app-1" not in text and "listen 127.0.0.1:9000;" in text
    assert f"access_log {tmp_path}/access.log" in text
    assert f"proxy_temp_path {tmp_path}/proxy;" in text
    # Routing stays the deployment's: the consistent hash on the conversation key.
    assert re.search(r"hash \$conversation_key consistent;", text)


def test_nginx_accepts_the_written_conf(tmp_path):
    try:
        binary = nginx.find_nginx()
    except nginx.NginxMissingError:
        pytest.skip("nginx not installed (make nginx)")
    spec = nginx.nginx_spec(Settings(web_port=9100), [9101, 9102], prefix=tmp_path)
    assert not (tmp_path / "nginx.conf").exists()  # written only when it starts
    spec.before_start()
    conf = tmp_path / "nginx.conf"
    result = subprocess.run(
        [binary, "-t", "-p", str(tmp_path), "-c", str(conf), "-g", f"pid {tmp_path}/t.pid;"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert spec.port == 9100 and spec.health_url.endswith(":9100/nginx-health")


def test_a_missing_nginx_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(nginx.shutil, "which", lambda name: None)
    monkeypatch.setattr(nginx, "NGINX_CANDIDATES", ("/no/such/nginx",))
    with pytest.raises(nginx.NginxMissingError, match="make nginx"):
        nginx.find_nginx()
