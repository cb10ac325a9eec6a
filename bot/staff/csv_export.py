"""The unanswered-questions report as CSV, safe to open in a spreadsheet.

Every question cell is visitor-typed text. A cell that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return is read as a formula by Excel, LibreOffice and Google
Sheets (CSV injection), so such cells get a leading apostrophe, as OWASP recommends.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from datetime import datetime

from bot.db.types import as_utc
from bot.staff.report_queries import UnansweredGroup

HEADER = (
    "kind",
    "question (latest wording)",
    "times asked",
    "conversations",
    "first asked (UTC)",
    "last asked (UTC)",
    "nearest FAQ topics",
)
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(value: str) -> str:
    """``value`` with a leading apostrophe when a spreadsheet would run it as a formula."""
    return "'" + value if value.startswith(_FORMULA_STARTS) else value


def _timestamp(value: datetime | None) -> str:
    return as_utc(value).strftime("%Y-%m-%d %H:%M:%S") if value else ""


def unanswered_csv(groups: Iterable[UnansweredGroup]) -> str:
    """One row per question group, in the report's order, under :data:`HEADER`."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    for group in groups:
        writer.writerow(
            (
                group.kind,
                neutralise_formula(group.example),
                group.count,
                group.conversation_count,
                _timestamp(group.first_asked),
                _timestamp(group.last_asked),
                "; ".join(group.top_topics),
            )
        )
    return buffer.getvalue()
