"""The process supervisor behind `intake run`, with real child processes."""

from __future__ import annotations

import socket
import sys
import threading
import time

import pytest

from bot.supervisor import PortInUseError, ProcessSpec, Supervisor, check_ports, port_is_free
from devtools.stack import free_port


def http_server(port: int) -> ProcessSpec:
    return ProcessSpec(
        name=f"http{port}",
        argv=[sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
        port=port,
        health_url=f"http://127.0.0.1:{port}/",
    )


def test_taken_port_is_reported_with_the_variable_to_change():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen()
        port = sock.getsockname()[1]
        assert not port_is_free("127.0.0.1", port)
        with pytest.raises(PortInUseError, match="WEB_PORT"):
            check_ports([ProcessSpec(name="web", argv=["true"], port=port)])


def test_children_become_healthy_and_stop_cleanly():
    specs = [http_server(free_port()), http_server(free_port())]
    supervisor = Supervisor(specs)
    supervisor.start()
    try:
        assert supervisor.wait_healthy(timeout=20)
    finally:
        supervisor.stop(grace=10)
    assert all(c.returncode is not None for c in supervisor.children.values())
    assert all(port_is_free("127.0.0.1", s.port) for s in specs)


def test_a_dying_child_stops_the_others_with_an_error():
    port = free_port()
    dying = ProcessSpec(
        name="dies", argv=[sys.executable, "-c", "import time; time.sleep(1)"], port=free_port()
    )
    supervisor = Supervisor([http_server(port), dying])
    started = time.monotonic()
    assert supervisor.run_forever(ready_timeout=20) == 1
    assert time.monotonic() - started < 20
    assert port_is_free("127.0.0.1", port)


def test_sigterm_stops_everything_with_success():
    import os
    import signal

    spec = http_server(free_port())
    supervisor = Supervisor([spec])
    threading.Timer(3, lambda: os.kill(os.getpid(), signal.SIGTERM)).start()
    assert supervisor.run_forever(ready_timeout=20) == 0
    assert port_is_free("127.0.0.1", spec.port)


def test_a_replica_that_dies_is_restarted_and_the_stack_keeps_running():
    import os
    import signal

    port = free_port()
    replica = ProcessSpec(**{**http_server(port).__dict__, "restart": True})
    supervisor = Supervisor([replica])
    supervisor.start()
    try:
        assert supervisor.wait_healthy(timeout=20)
        first_pid = supervisor.children[replica.name].pid
        os.killpg(first_pid, signal.SIGKILL)
        supervisor.children[replica.name].wait()
        assert supervisor.essential_alive()
        assert supervisor.restart_dead_replicas() == [replica.name]
        assert supervisor.children[replica.name].pid != first_pid
        assert supervisor.wait_healthy(timeout=20)
    finally:
        supervisor.stop(grace=10)


def test_a_process_that_keeps_dying_stops_the_stack_with_an_error(capsys):
    import sys

    crashing = ProcessSpec(
        name="app", argv=[sys.executable, "-c", "raise SystemExit(3)"], port=free_port(),
        restart=True,
    )  # fmt: skip
    supervisor = Supervisor([crashing])
    assert supervisor.run_forever(ready_timeout=20) == 1
    assert supervisor.gave_up == "app" and len(supervisor._restarts["app"]) == 5
    assert "app died 6 times" in capsys.readouterr().err


def test_a_port_that_answers_without_http_is_not_healthy_yet():
    """What answers on the port echoes the request back (as a poll connected to itself does)."""
    from bot.supervisor import wait_until_healthy

    with socket.socket() as server:
        server.bind(("127.0.0.1", free_port()))
        server.listen()
        port = server.getsockname()[1]

        def echo_once():
            connection, _ = server.accept()
            with connection:
                connection.sendall(connection.recv(1024))

        threading.Thread(target=echo_once, daemon=True).start()
        assert wait_until_healthy(f"http://127.0.0.1:{port}/healthz", timeout=1.5) is False


def test_a_replica_that_dies_while_starting_is_restarted_and_the_stack_comes_up(tmp_path):
    port = free_port()
    marker = tmp_path / "started-once"
    # The first start fails, as one whose port was taken for a moment does; the second serves.
    script = (
        "import pathlib, runpy, sys\n"
        f"marker = pathlib.Path({str(marker)!r})\n"
        "if not marker.exists():\n"
        "    marker.touch(); sys.exit(1)\n"
        f"sys.argv = ['http.server', '{port}', '--bind', '127.0.0.1']\n"
        "runpy.run_module('http.server', run_name='__main__')\n"
    )
    replica = ProcessSpec(
        name="app", argv=[sys.executable, "-c", script], port=port,
        health_url=f"http://127.0.0.1:{port}/", restart=True,
    )  # fmt: skip
    supervisor = Supervisor([replica])
    supervisor.start()
    try:
        assert supervisor.wait_healthy(timeout=20)
        assert len(supervisor._restarts["app"]) == 1
    finally:
        supervisor.stop(grace=10)
