"""bot.summary.records: times written one way, records rebuilt from stored JSON."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from bot.summary.records import iso_seconds, record_from


@dataclass(frozen=True)
class _Item:
    question_id: str
    value: str
    answered_at: str | None = None


def test_times_are_written_to_the_second_and_none_stays_none():
    moment = datetime(2026, 12, 5, 22, 30, 15, 987654, tzinfo=UTC)
    assert iso_seconds(moment) == "2026-12-05T22:30:15+00:00"
    assert iso_seconds(None) is None


def test_a_record_is_rebuilt_from_stored_json_without_the_keys_it_does_not_have():
    stored = {"question_id": "liver_disease", "value": "no", "value_label": "No"}
    assert record_from(_Item, stored) == _Item("liver_disease", "no")
    assert record_from(_Item, stored, value="yes").value == "yes"
