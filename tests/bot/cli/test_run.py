"""``intake run``'s processes: how many app processes, on which ports, behind nginx or not."""

from __future__ import annotations

import pytest

from bot.cli import run
from bot.settings import Settings


@pytest.mark.parametrize(
    ("configured", "nginx", "cores", "expected"),
    [(0, True, 2, 2), (0, False, 2, 1), (0, True, None, 1), (3, True, 2, 3), (1, True, 4, 1)],
)
def test_make_run_uses_one_process_per_core_only_behind_nginx(
    monkeypatch, configured, nginx, cores, expected
):
    monkeypatch.setattr(run, "nginx_available", lambda: nginx)
    monkeypatch.setattr(run.os, "cpu_count", lambda: cores)
    assert run.dev_process_count(Settings(app_processes=configured)) == expected


def test_one_dev_process_listens_on_the_web_port_itself():
    [app] = run.process_specs(Settings(app_processes=1, web_port=9200))
    assert app.port == 9200 and app.restart and "RASA_ENDPOINTS" not in app.env


def test_several_processes_sit_behind_nginx_on_the_web_port(monkeypatch):
    monkeypatch.setattr("bot.cli.nginx.find_nginx", lambda: "/usr/sbin/nginx")
    *apps, nginx = run.process_specs(Settings(app_processes=2, web_port=9200))
    assert [(a.name, a.port, a.host) for a in apps] == [
        ("app-1", 9201, "127.0.0.1"),
        ("app-2", 9202, "127.0.0.1"),
    ]
    assert all("RASA_ENDPOINTS" not in a.env for a in apps)  # the dev endpoints: no Redis
    assert nginx.port == 9200 and not nginx.restart


def test_prod_replicas_use_redis_locks(monkeypatch):
    monkeypatch.setattr("bot.cli.nginx.find_nginx", lambda: "/usr/sbin/nginx")
    settings = Settings(replicas=2, redis_url="redis://cache:6380/3")
    *apps, _ = run.process_specs(settings, "prod")
    for app in apps:
        assert app.env["RASA_ENDPOINTS"] == "endpoints.prod.yml"
        assert (app.env["REDIS_HOST"], app.env["REDIS_PORT"], app.env["REDIS_DB"]) == (
            "cache",
            "6380",
            "3",
        )
    [single] = run.process_specs(Settings(replicas=1), "prod")
    assert single.port == Settings().web_port and single.env["RASA_ENDPOINTS"]
