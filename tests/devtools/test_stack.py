"""The test stack's helpers that need no running stack."""

from __future__ import annotations

from pathlib import Path

from bot.supervisor import port_is_free
from devtools.stack import TEST_PORTS, free_port


def ephemeral_ports() -> range:
    """The kernel's range for outgoing connections' own ports."""
    low, high = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()
    return range(int(low), int(high) + 1)


def test_free_ports_stay_out_of_the_range_outgoing_connections_use():
    # A health poll can connect to itself on a port in that range that nothing listens on.
    assert not set(TEST_PORTS) & set(ephemeral_ports())
    ports = {free_port() for _ in range(50)}
    assert ports <= set(TEST_PORTS)
    assert all(port_is_free("127.0.0.1", port) for port in ports)
