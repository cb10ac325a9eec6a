"""Column types and clock helpers shared by the models.

Every timestamp is stored and returned as an *aware UTC* ``datetime`` on every backend:
SQLite keeps no time zone, PostgreSQL returns aware values; :class:`UTCDateTime` makes
both look the same so comparisons never mix naive and aware datetimes.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy.types import DateTime, TypeDecorator


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


def as_utc(value: datetime | None) -> datetime | None:
    """Return ``value`` as aware UTC; naive values are taken to be UTC already."""
    if value is None:
        return None
    if value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value.astimezone(UTC)


class UTCDateTime(TypeDecorator):
    """``DateTime(timezone=True)`` that always round-trips aware UTC datetimes."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value, dialect):  # noqa: D102 - TypeDecorator hook
        value = as_utc(value)
        if value is not None and dialect.name == "sqlite":
            # SQLite stores text; a fixed naive UTC form keeps string comparison = time order.
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value, dialect):  # noqa: D102 - TypeDecorator hook
        return as_utc(value)
