"""Memory and CPU time of a process tree, read from /proc (Linux)."""

from __future__ import annotations

import os
from pathlib import Path


def children(pid: int) -> list[int]:
    """Direct children of ``pid``."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def rss_mb(pid: int) -> float:
    """Resident set size of one process in MB (0 if it is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return 0.0


def cmdline(pid: int) -> str:
    """The command line of ``pid``."""
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode().strip()
    except OSError:
        return ""


def cpu_seconds(pid: int) -> float:
    """User and system CPU time ``pid`` has used so far (0 if it is gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    # utime and stime are fields 14 and 15 of stat(5); fields[0] here is field 3.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def tree_cpu_seconds(pid: int) -> float:
    """CPU time used so far by ``pid`` and every process below it."""
    total, stack = 0.0, [pid]
    while stack:
        current = stack.pop()
        total += cpu_seconds(current)
        stack += children(current)
    return total


def tree_rss(pid: int) -> dict[str, float]:
    """RSS of every process below ``pid`` keyed by a short label from its command line."""
    result: dict[str, float] = {}
    stack = list(children(pid))
    while stack:
        child = stack.pop()
        stack += children(child)
        command = cmdline(child)
        if "uvicorn" in command:
            label = "app"
        elif "nginx" in command:
            label = "nginx"
        elif "bot.rasa_runtime" in command or "rasa run" in command:
            label = "rasa server"
        else:
            continue
        key = label
        n = 2
        while key in result:
            key = f"{label} {n}"
            n += 1
        result[key] = rss_mb(child)
    return result
