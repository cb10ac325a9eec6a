"""What the summary's records share: times written the same way, and rebuilding a record
from its stored JSON."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Record = TypeVar("Record", bound="DataclassInstance")


def iso_seconds(value: datetime | None) -> str | None:
    """A time as ISO 8601 to the second (None stays None)."""
    return value.isoformat(timespec="seconds") if value else None


def record_from(cls: type[Record], data: Mapping[str, Any], **values: Any) -> Record:
    """The dataclass ``cls`` from stored ``data``, with ``values`` in place of some keys.

    Keys ``cls`` has no field for are dropped: stored JSON also holds derived values (e.g.
    ``reason_label``) and keys written by other versions.
    """
    names = {field.name for field in fields(cls)}
    return cls(**{key: value for key, value in data.items() if key in names} | values)
