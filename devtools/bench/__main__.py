"""``make bench``: the product vs the stock `rasa init` assistant, same machine and load.

Writes reports/bench.json and reports/bench_latency.png; with --replicas (default 1,2) it also
measures the production profile on PostgreSQL and Redis with that many app replicas. A run
without the stock baseline (--skip-stock) writes bench-partial.json and
bench_latency-partial.png instead, so a quick or profiling run never replaces the full report.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
from collections.abc import Sequence
from pathlib import Path

from bot.settings import PROJECT_ROOT
from devtools.bench.load import LoadResult, Send, product_sender, rasa_rest_sender, run_load
from devtools.bench.procs import children, cmdline, rss_mb, tree_rss
from devtools.bench.profile import breakdown, record
from devtools.bench.replicas import measure_replicas
from devtools.bench.stock import STOCK_SCRIPTS, ensure_stock_project, start_stock
from devtools.stack import start_stack

REPORTS = PROJECT_ROOT / "reports"

# Scripted visitors: FAQ questions, a full screening, a request for a human.
PRODUCT_SCRIPTS = [
    ["hi", "what is ketamine?", "side effects?", "how much does it cost", "thanks"],
    ["/start_screening", "/affirm"]
    + ["No"] * 13
    + ["none", "Sam Visitor", "email", "sam@example.org", "mornings", "/affirm"],
    ["hello", "can I talk to a real person", "Alex", "call", "+1 907 555 0142", "afternoons"],
    ["how many sessions are there?", "what happens during a session", "is it FDA approved"],
]


def training_seconds() -> float | None:
    """Seconds of the last full training run, as recorded by devtools.tooling.training."""
    stamp = PROJECT_ROOT / "models" / ".training-hash.json"
    try:
        return json.loads(stamp.read_text()).get("seconds")
    except (OSError, ValueError):
        return None


def plot(product: list[float], stock: list[float], path: Path) -> None:
    """Latency distributions of both targets, log scale."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(8, 4.5))
    for label, values in (("KAP intake assistant", product), ("stock rasa init", stock)):
        if values:
            ordered = sorted(v * 1000 for v in values)
            ax.plot(ordered, [i / len(ordered) for i in range(len(ordered))], label=label)
    ax.set_xscale("log")
    ax.set_xlabel("latency per message (ms, log scale)")
    ax.set_ylabel("fraction of messages")
    ax.set_title("Latency CDF at equal concurrency")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def report_paths(skip_stock: bool) -> tuple[Path, Path]:
    """Where a run writes its JSON report and latency plot (partial runs keep their own)."""
    suffix = "-partial" if skip_stock else ""
    return REPORTS / f"bench{suffix}.json", REPORTS / f"bench_latency{suffix}.png"


def ratio(a: float, b: float) -> float | None:
    """a / b rounded, or None when b is zero."""
    return round(a / b, 2) if b else None


async def same_load(
    args: argparse.Namespace, send: Send, scripts: Sequence[Sequence[str]], server_pid: int
) -> LoadResult:
    """``scripts`` sent through ``send`` at the run's concurrency and for its duration, so
    both targets meet the same load; ``server_pid`` is the server whose CPU is counted."""
    return await run_load(send, scripts, args.concurrency, args.duration, server_pid=server_pid)


async def measure(args: argparse.Namespace) -> dict:
    """Run both targets under the same load and return the report."""
    report: dict = {"concurrency": args.concurrency, "duration_s": args.duration}
    REPORTS.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        stack = start_stack(Path(tmp))
        try:
            profiler = None
            if args.profile:
                app_pid = next(
                    pid for pid in children(stack.process.pid) if "uvicorn" in cmdline(pid)
                )
                profiler = asyncio.create_task(
                    asyncio.to_thread(
                        record, app_pid, int(args.duration), REPORTS / "profile_app.txt"
                    )
                )
            load = await same_load(
                args, product_sender(stack.base_url), PRODUCT_SCRIPTS, stack.process.pid
            )
            if profiler:
                await profiler
                report["profile_app_percent"] = dict(
                    breakdown((REPORTS / "profile_app.txt").read_text())
                )
            report["product"] = {
                **load.summary(),
                "seconds_to_first_reply": stack.seconds_to_first_reply,
                "rss_mb": tree_rss(stack.process.pid),
                "training_seconds": training_seconds(),
            }
            product_latencies = load.latencies
        finally:
            stack.stop()
    stock_latencies: list[float] = []
    if not args.skip_stock:
        stock_dir = PROJECT_ROOT / "build" / "bench" / "stock"
        trained = ensure_stock_project(stock_dir)
        server = start_stock(stock_dir)
        try:
            load = await same_load(
                args, rasa_rest_sender(server.url), STOCK_SCRIPTS, server.process.pid
            )
            report["stock"] = {
                **load.summary(),
                "seconds_to_first_reply": server.seconds_to_first_reply,
                "rss_mb": {"rasa server": rss_mb(server.process.pid)},
                "training_seconds": trained or None,
            }
            stock_latencies = load.latencies
        finally:
            server.stop()
        p, s = report["product"], report["stock"]
        report["ratios_product_over_stock"] = {
            "p95": ratio(p["p95_ms"], s["p95_ms"]),
            "throughput": ratio(p["throughput_msg_s"], s["throughput_msg_s"]),
            "seconds_to_first_reply": ratio(
                p["seconds_to_first_reply"], s["seconds_to_first_reply"]
            ),
            "rss": ratio(p["rss_mb"].get("app", 0), s["rss_mb"]["rasa server"]),
            "server_cpu_ms_per_message": ratio(
                p["server_cpu_ms_per_message"], s["server_cpu_ms_per_message"]
            ),
        }
    if args.replicas:
        with tempfile.TemporaryDirectory() as tmp:
            report["prod_profile_by_replicas"] = await measure_replicas(
                args.replicas, PRODUCT_SCRIPTS, args.concurrency, args.duration, Path(tmp)
            )
    REPORTS.mkdir(exist_ok=True)
    plot(product_latencies, stock_latencies, report_paths(args.skip_stock)[1])
    return report


def main(argv: list[str] | None = None) -> int:
    """CLI: ``python -m devtools.bench [--concurrency 10] [--duration 30] [--skip-stock]
    [--replicas 1,2] [--profile]``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--concurrency", type=int, default=10)
    parser.add_argument("--duration", type=float, default=30.0)
    parser.add_argument("--skip-stock", action="store_true")
    parser.add_argument(
        "--replicas",
        type=lambda value: [int(n) for n in value.split(",") if n.strip()],
        default=[1, 2],
        help="also run the prod profile (PostgreSQL, Redis) with these replica counts; '' skips",
    )
    parser.add_argument(
        "--profile", action="store_true", help="sample the Rasa server with py-spy during the load"
    )
    args = parser.parse_args(argv)
    report = asyncio.run(measure(args))
    report_paths(args.skip_stock)[0].write_text(json.dumps(report, indent=2))
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
