"""compose.yaml and the nginx configuration in front of the replicas, checked statically.

When Debian's nginx is installed (`which nginx`), the configuration is also checked with
`nginx -t`, and a real nginx on loopback ports routes to two stand-in replicas to show the
conversation pinning and the fail-over; otherwise those two tests are skipped, saying why.
"""

from __future__ import annotations

import http.server
import json
import re
import subprocess
import threading
import time
import urllib.request
import uuid
from contextlib import contextmanager
from ipaddress import ip_address
from urllib.parse import urlsplit

import pytest

from bot.cli.nginx import local_conf
from devtools.stack import free_port
from tests.deploy.conftest import (
    INTERPOLATED,
    ROOT,
    compose_env,
    find_tool,
    interpolation_default,
    nginx_regex,
    run,
    url_path,
)


@pytest.fixture(scope="module")
def replicas(app_services) -> dict[str, dict]:
    """The long-running app services: the image's own command (the migration job overrides it)."""
    found = {name: s for name, s in app_services.items() if "command" not in s}
    assert len(found) >= 2, f"at least two replicas of the app image, got {sorted(found)}"
    return found


@pytest.fixture(scope="module")
def replica_settings(replicas, settings_from, dockerfile):
    """Each replica's settings: the image's environment, then the service's."""
    return {
        name: settings_from(
            {
                **dockerfile.final.env(),
                **{k: interpolation_default(v) for k, v in compose_env(service).items()},
            }
        )
        for name, service in replicas.items()
    }


def _address(service: dict) -> str | None:
    networks = service.get("networks")
    if isinstance(networks, dict):
        for network in networks.values():
            if network and network.get("ipv4_address"):
                return network["ipv4_address"]
    return None


def test_compose_parses_and_every_service_has_an_image(compose):
    for name, service in compose["services"].items():
        assert service.get("image"), f"{name} names no image"
        assert ":" in interpolation_default(service["image"]), f"{name}: pin a tag"


def test_app_services_share_the_image_the_dockerfile_builds(compose, app_services):
    builders = [s for s in app_services.values() if "build" in s]
    context = builders[0]["build"]
    context = context if isinstance(context, str) else context.get("context", ".")
    assert (ROOT / context / "Dockerfile").is_file()


def test_app_environment_names_real_settings_only(app_services, setting_names):
    for name, service in app_services.items():
        unknown = set(compose_env(service)) - setting_names
        assert not unknown, f"{name}: not settings of bot/settings.py: {sorted(unknown)}"


def test_secrets_come_from_env_file_not_from_compose_yaml(app_services, secret_setting_names):
    for name, service in app_services.items():
        env = compose_env(service)
        assert service.get("env_file"), f"{name} reads no env_file for its secrets"
        literal = {k for k in env if k in secret_setting_names and "${" not in env[k]}
        literal -= {"DATABASE_URL"}
        assert not literal, f"{name}: secrets written in compose.yaml: {sorted(literal)}"
        for key, value in env.items():
            if "://" in value:
                password = urlsplit(interpolation_default(value)).password
                assert password in (None, INTERPOLATED), f"{name}: {key} holds a password"


def test_no_literal_password_in_any_service(compose):
    for name, service in compose["services"].items():
        for key, value in compose_env(service).items():
            if re.search(r"PASSWORD|SECRET|TOKEN", key):
                assert value.startswith("${"), f"{name}: {key} is written in compose.yaml"


def test_replicas_are_production_and_reach_postgres_and_redis(compose, replica_settings):
    services = compose["services"]
    for name, settings in replica_settings.items():
        assert settings.is_production, name
        assert settings.replicas == 1, f"{name}: one replica per container"
        database = urlsplit(settings.database_url)
        assert database.scheme.startswith("postgresql"), name
        assert database.hostname in services and "postgres" in services[database.hostname]["image"]
        redis = urlsplit(settings.redis_url)
        assert redis.hostname in services and "redis" in services[redis.hostname]["image"]


def test_every_service_has_a_healthcheck(compose):
    for name, service in compose["services"].items():
        check = service.get("healthcheck") or {}
        if check.get("disable"):
            assert service.get("restart") == "no", f"{name}: only a one-shot job may skip it"
            continue
        assert check.get("test"), f"{name} has no healthcheck"


def test_replica_healthchecks_call_a_real_route_on_the_web_port(
    replicas, replica_settings, route_exists
):
    for name, service in replicas.items():
        command = " ".join(service["healthcheck"]["test"])
        url = re.search(r"https?://127\.0\.0\.1:\d+[^'\"\s]*", command)
        assert url, f"{name}: the healthcheck calls the app on loopback"
        assert urlsplit(url.group(0)).port == replica_settings[name].web_port, name
        assert route_exists(url_path(url.group(0))), f"{name}: {url.group(0)} is no route"


def test_replica_ports_match_the_image(replica_settings, dockerfile):
    exposed = {p.split("/")[0] for i in dockerfile.final.all("EXPOSE") for p in i.words()}
    for name, settings in replica_settings.items():
        assert str(settings.web_port) in exposed, f"{name} listens where the image exposes"
        assert ip_address(settings.web_host).is_unspecified, f"{name} must listen beyond loopback"


def test_nginx_service_mounts_an_existing_conf(nginx_conf_path):
    assert nginx_conf_path.is_file()
    assert ROOT in nginx_conf_path.parents, "the conf is part of the repository"


def test_nginx_upstream_is_the_replicas_on_their_web_port(
    compose, nginx_conf, replicas, replica_settings
):
    (proxied,) = set(re.findall(r"proxy_pass\s+http://([\w-]+)", nginx_conf.code))
    servers = nginx_conf.upstream_servers(proxied)
    assert {host for host, _ in servers} == set(replicas), "one server line per replica"
    for host, port in servers:
        assert port == replica_settings[host].web_port, host
    nginx = next(s for s in compose["services"].values() if "nginx" in s["image"])
    hosts = dict(entry.split(":", 1) for entry in nginx.get("extra_hosts", []))
    for host in replicas:
        assert hosts.get(host) == _address(replicas[host]), f"{host}'s fixed address"


def test_only_nginx_is_trusted_for_forwarded_headers(compose, replica_settings):
    nginx = next(s for s in compose["services"].values() if "nginx" in s["image"])
    for name, settings in replica_settings.items():
        assert settings.forwarded_allow_ips == (_address(nginx),), name


def test_nginx_hashes_consistently_on_the_conversation_id(nginx_conf, route_exists):
    (proxied,) = set(re.findall(r"proxy_pass\s+http://([\w-]+)", nginx_conf.code))
    hashed = re.search(r"(?m)^\s*hash\s+\$(\w+)\s+consistent\s*;", nginx_conf.upstream(proxied))
    assert hashed, "the upstream uses `hash <key> consistent`"
    key_map = nginx_conf.map_block(hashed.group(1))
    sources = re.findall(r"\$(\w+)", key_map.splitlines()[0])
    assert sources, "the key is built from other variables"

    conversation = str(uuid.uuid4())
    history = f"/api/chat/{conversation}/history"
    assert route_exists("/api/chat", "POST") and route_exists(history)
    captured = {}
    for variable in sources:
        block = nginx_conf.map_block(variable)
        source = block.splitlines()[0].strip()
        patterns = re.findall(r'(?m)^\s*("~[^"]*(?:\\"[^"]*)*"|~\S+)\s+\$\w+\s*;', block)
        assert patterns, f"${variable} has no regex"
        if source == "$request_body":
            for body in (
                json.dumps({"conversation_id": conversation, "message": "hi"}),
                # the widget's JSON.stringify: no spaces
                json.dumps(
                    {"conversation_id": conversation, "message": "x"}, separators=(",", ":")
                ),
                # a message that quotes a key does not steer the routing
                json.dumps(
                    {
                        "message": f'"conversation_id": "{uuid.uuid4()}"',
                        "conversation_id": conversation,
                    }
                ),
            ):
                match = nginx_regex(patterns[0]).search(body)
                assert match and conversation in match.group(0), body
            captured["body"] = True
        elif source == "$uri":
            match = nginx_regex(patterns[0]).search(history)
            assert match and match.groupdict() and conversation in match.groupdict().values()
            captured["path"] = True
    assert captured == {"body": True, "path": True}, "POST bodies and history paths are keyed"


def test_nginx_fails_over_without_resending_chat_messages(nginx_conf):
    upstream = nginx_conf.upstream(
        re.search(r"proxy_pass\s+http://([\w-]+)", nginx_conf.code).group(1)
    )
    assert re.search(r"max_fails=\d+", upstream) and re.search(r"fail_timeout=\w+", upstream)
    next_upstream = nginx_conf.directives("proxy_next_upstream")
    assert next_upstream and all("error" in d for d in next_upstream)
    assert not any("non_idempotent" in d for d in next_upstream), "a POST is never sent twice"


def test_nginx_drops_idle_replica_connections_before_the_replica_does(nginx_conf):
    # Otherwise nginx can send a chat message on a connection the app is closing, and a POST
    # is never retried: the visitor would get a 502 for a message nobody read.
    from bot.proxies import KEEP_ALIVE_SECONDS

    upstream = nginx_conf.upstream(
        re.search(r"proxy_pass\s+http://([\w-]+)", nginx_conf.code).group(1)
    )
    assert re.search(r"(?m)^\s*keepalive\s+\d+", upstream), "connections to replicas are reused"
    timeout = re.search(r"keepalive_timeout\s+(\d+)s?\s*;", upstream)
    idle_seconds = int(timeout.group(1)) if timeout else 60  # nginx's default
    assert idle_seconds < KEEP_ALIVE_SECONDS


# ---- with a real nginx -----------------------------------------------------------------------


def _nginx_or_skip() -> str:
    nginx = find_tool("nginx")
    if not nginx:
        pytest.skip("nginx not installed (Debian package nginx): conf checked statically only")
    return nginx


def _local_copy(nginx_conf, tmp_path, ports: dict[str, int], listen: int):
    """The deployment's conf made local by the code ``make run-prod`` uses (bot/cli/nginx.py),
    each replica named in it replaced by a loopback port."""
    for host in ports:
        assert len(re.findall(rf"server\s+{re.escape(host)}:\d+", nginx_conf.text)) == 1, host
    upstreams = [f"127.0.0.1:{port}" for port in ports.values()]
    conf = tmp_path / "nginx.conf"
    text = local_conf(nginx_conf.text, f"127.0.0.1:{listen}", upstreams, tmp_path)
    conf.write_text(text, encoding="utf-8")
    return conf


def test_nginx_accepts_the_conf(nginx_conf, replicas, tmp_path):
    nginx = _nginx_or_skip()
    conf = _local_copy(nginx_conf, tmp_path, {h: free_port() for h in replicas}, free_port())
    result = run([nginx, "-t", "-p", str(tmp_path), "-c", str(conf), "-g", f"pid {tmp_path}/pid;"])
    assert result.returncode == 0, result.stderr


@contextmanager
def _stand_in(name: str):
    """A replica stand-in on a loopback port that answers with its own name."""

    class Handler(http.server.BaseHTTPRequestHandler):
        def _answer(self):
            self.rfile.read(int(self.headers.get("content-length") or 0))
            body = json.dumps({"replica": name}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def test_nginx_pins_each_conversation_and_fails_over(nginx_conf, replicas, tmp_path):
    nginx = _nginx_or_skip()
    names = sorted(replicas)
    with _stand_in(names[0]) as first, _stand_in(names[1]) as second:
        servers = {names[0]: first, names[1]: second}
        ports = {n: s.server_address[1] for n, s in servers.items()}
        ports |= {n: free_port() for n in names[2:]}  # further replicas: down
        listen = free_port()
        conf = _local_copy(nginx_conf, tmp_path, ports, listen)
        process = subprocess.Popen(
            [nginx, "-p", str(tmp_path), "-c", str(conf), "-g", f"daemon off; pid {tmp_path}/pid;"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            base = f"http://127.0.0.1:{listen}"
            deadline = time.monotonic() + 10
            while time.monotonic() < deadline:
                try:
                    urllib.request.urlopen(f"{base}/nginx-health", timeout=1)
                    break
                except OSError:
                    time.sleep(0.1)

            def send(conversation: str, text: str = "hi") -> str:
                request = urllib.request.Request(
                    f"{base}/api/chat",
                    data=json.dumps({"conversation_id": conversation, "message": text}).encode(),
                    headers={"Content-Type": "application/json"},
                )
                with urllib.request.urlopen(request, timeout=5) as response:
                    return json.load(response)["replica"]

            def history(conversation: str) -> str:
                with urllib.request.urlopen(
                    f"{base}/api/chat/{conversation}/history", timeout=5
                ) as r:
                    return json.load(r)["replica"]

            conversations = [str(uuid.UUID(int=i * 7919 + 1)) for i in range(60)]
            home = {c: send(c) for c in conversations}
            assert set(home.values()) == set(servers), "conversations spread over the replicas"
            for i, conversation in enumerate(conversations):
                assert send(conversation, "another message " * i) == home[conversation]
                assert history(conversation) == home[conversation]

            servers[names[1]].shutdown()
            servers[names[1]].server_close()
            for conversation in conversations:  # no error: the next replica takes over
                assert send(conversation) == names[0]
        finally:
            process.terminate()
            process.wait(timeout=10)
