"""The unanswered-questions CSV without the web app: shape, order and formula neutralising."""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime

import pytest

from bot.staff.csv_export import HEADER, neutralise_formula, unanswered_csv
from bot.staff.report_queries import UnansweredGroup


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1 555 0100", "'+1 555 0100"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("Is it = to therapy?", "Is it = to therapy?"),
        ("", ""),
    ],
)
def test_neutralise_formula(text, expected):
    assert neutralise_formula(text) == expected


def test_rows_follow_the_report_order_with_times_and_topics():
    asked = datetime(2026, 11, 20, 9, 30, 5)
    groups = [
        UnansweredGroup(
            example="Parking nearby?",
            kind="unanswered",
            count=3,
            conversations={"a", "b"},
            first_asked=asked,
            last_asked=asked.replace(hour=10),
            near_topics=Counter({"location": 2, "cost": 1}),
        ),
        UnansweredGroup(example="=cmd|' /C calc'!A0", kind="out_of_scope", count=1),
    ]
    rows = list(csv.reader(io.StringIO(unanswered_csv(groups))))
    assert rows == [
        list(HEADER),
        [
            "unanswered",
            "Parking nearby?",
            "3",
            "2",
            "2026-11-20 09:30:05",
            "2026-11-20 10:30:05",
            "location; cost",
        ],
        ["out_of_scope", "'=cmd|' /C calc'!A0", "1", "0", "", "", ""],
    ]


def test_empty_report_is_just_the_header():
    assert unanswered_csv([]) == ",".join(HEADER) + "\r\n"
