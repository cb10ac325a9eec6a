"""Case tables kept as data beside the tests that use them: tests/<folder>/cases/<file>.yml.

``load("bot/safety/request_rules")`` is the document tests/bot/safety/cases/request_rules.yml;
``cases("bot/screening/reading", "value")`` is its table ``value`` as pytest parameters. The
assertions stay in the test functions; these files only list the cases.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

TESTS_DIR = Path(__file__).parent


@cache
def _document(name: str) -> Any:
    folder, file = name.rsplit("/", 1)
    path = TESTS_DIR / folder / "cases" / f"{file}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def load(name: str) -> Any:
    """The whole document of ``<folder>/cases/<file>.yml`` (a fresh copy for each caller)."""
    return copy.deepcopy(_document(name))


def cases(name: str, table: str) -> list[Any]:
    """The rows of ``table`` in ``<folder>/cases/<file>.yml`` as parameters, named by value.

    A row is a list of cells, or a single cell. Every row of a table has the same number of
    cells: a row that lost or gained one would otherwise shift its values into the wrong
    arguments, so it fails here, by name.
    """
    rows = [row if isinstance(row, list) else [row] for row in _document(name)[table]]
    widths = {len(row) for row in rows}
    if len(widths) != 1:
        raise ValueError(f"{name}.yml {table}: rows of {sorted(widths)} cells")
    return [pytest.param(*row, id="-".join(map(str, row))) for row in rows]
