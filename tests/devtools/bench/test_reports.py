"""Where a benchmark run writes its report: partial runs never replace the full one."""

from __future__ import annotations

from devtools.bench.__main__ import REPORTS, report_paths


def test_full_run_writes_the_report_the_readme_quotes():
    assert report_paths(skip_stock=False) == (
        REPORTS / "bench.json",
        REPORTS / "bench_latency.png",
    )


def test_run_without_the_stock_baseline_writes_its_own_files():
    partial = report_paths(skip_stock=True)
    assert partial == (REPORTS / "bench-partial.json", REPORTS / "bench_latency-partial.png")
    assert set(partial).isdisjoint(report_paths(skip_stock=False))
