"""Case tables for the screening tests, kept as data in cases/<module>.yml.

A test module reads the cases for its own source module: ``cases("reading", "value")`` is the
table ``value`` in cases/reading.yml, each row one ``pytest.param`` in the table's column order.
The assertion stays in the test function; the file only lists the cases.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml

CASES_DIR = Path(__file__).parent / "cases"


@cache
def _tables(module: str) -> dict[str, list]:
    """Every table in cases/<module>.yml, by name."""
    return yaml.safe_load((CASES_DIR / f"{module}.yml").read_text(encoding="utf-8"))


def cases(module: str, table: str) -> list:
    """The rows of ``table`` in cases/<module>.yml as parameters, each named by its values.

    A row is a list of cells, or a single cell. Every row of a table has the same number of
    cells: a row that lost or gained one would otherwise shift its values into the wrong
    arguments, so it fails here, by name.
    """
    rows = [row if isinstance(row, list) else [row] for row in _tables(module)[table]]
    widths = {len(row) for row in rows}
    if len(widths) != 1:
        raise ValueError(f"cases/{module}.yml {table}: rows of {sorted(widths)} cells")
    return [pytest.param(*row, id="-".join(map(str, row))) for row in rows]
