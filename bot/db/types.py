"""Column types and clock helpers shared by the models.

Every timestamp is stored and returned as an *aware UTC* ``datetime`` on every backend:
SQLite keeps no time zone, PostgreSQL returns aware values; :class:`UTCDateTime` makes
both look the same so comparisons never mix naive and aware datetimes.

:class:`EncryptedText` and :class:`EncryptedJSON` keep personal and clinical values
encrypted in the database (:mod:`bot.db.crypto`). The database sees only ciphertext, so
such columns can be tested for NULL but never compared, searched or ordered in SQL.

:class:`HashedLookup` keeps values the database must find by equality (conversation ids)
as keyed hashes: every bound value, written or compared, is hashed on the way in, so
``Message.conversation_id == raw_id`` keeps working; reading returns the hash.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any, overload

from sqlalchemy.engine import Dialect
from sqlalchemy.sql import ClauseElement, operators
from sqlalchemy.types import DateTime, String, Text, TypeDecorator

from bot.db.crypto import (
    CryptoError,
    LookupDigest,
    decrypt_text,
    encrypt_text,
    is_lookup_digest_shaped,
    lookup_hash,
)


def utcnow() -> datetime:
    """The current time as an aware UTC datetime."""
    return datetime.now(UTC)


@overload
def as_utc(value: datetime) -> datetime: ...
@overload
def as_utc(value: None) -> None: ...
@overload
def as_utc(value: datetime | None) -> datetime | None: ...
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

    def process_bind_param(  # noqa: D102 - TypeDecorator hook
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        value = as_utc(value)
        if value is not None and dialect.name == "sqlite":
            # SQLite stores text; a fixed naive UTC form keeps string comparison = time order.
            return value.replace(tzinfo=None)
        return value

    def process_result_value(  # noqa: D102 - TypeDecorator hook
        self, value: datetime | None, dialect: Dialect
    ) -> datetime | None:
        return as_utc(value)


class _NullTestsOnly(Text.Comparator):
    """Comparisons on ciphertext would silently match nothing (every encryption differs):
    refuse them, and ordering, outright. Only NULL tests are meaningful."""

    _ALLOWED = (operators.is_, operators.is_not)

    def operate(self, op: Any, *other: Any, **kwargs: Any) -> Any:
        equality = op in (operators.eq, operators.ne)
        null_test = equality and len(other) == 1 and other[0] is None
        # SQLAlchemy itself compares columns with columns (result maps of cached statements):
        # that is never a filter on a value, and must keep working.
        between_columns = (
            equality and bool(other) and all(isinstance(o, ClauseElement) for o in other)
        )
        if op not in self._ALLOWED and not null_test and not between_columns:
            raise TypeError(f"encrypted column {self.expr}: SQL can only test it for NULL")
        return super().operate(op, *other, **kwargs)


class EncryptedText(TypeDecorator):
    """Text stored encrypted; None stays NULL. Reads fail closed (:mod:`bot.db.crypto`)."""

    impl = Text
    cache_ok = True
    comparator_factory = _NullTestsOnly

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Encrypt the text for storage."""
        return None if value is None else encrypt_text(str(value))

    def process_result_value(self, value: str | None, dialect: Dialect) -> str | None:
        """Decrypt a stored value."""
        return None if value is None else decrypt_text(value)


class EncryptedJSON(TypeDecorator):
    """A JSON-able value stored encrypted as its JSON text; None is stored as NULL."""

    impl = Text
    cache_ok = True
    comparator_factory = _NullTestsOnly

    def process_bind_param(self, value: Any, dialect: Dialect) -> str | None:
        """Encrypt the value's JSON for storage."""
        if value is None:
            return None
        return encrypt_text(json.dumps(value, ensure_ascii=False, separators=(",", ":")))

    def process_result_value(self, value: str | None, dialect: Dialect) -> Any:
        """Decrypt and parse a stored value."""
        return None if value is None else json.loads(decrypt_text(value))


class UnhashedValueError(CryptoError):
    """A lookup column holds a value that is not a keyed hash (a row not migrated)."""


class _EqualityOnly(String.Comparator):
    """A keyed hash answers "is this the same id?" and nothing else: equality, IN and NULL
    tests (the bound values are hashed alike), and ordering. A range or pattern would
    compare hashes, never ids, and silently match the wrong rows: refused."""

    _ALLOWED = frozenset(
        {
            operators.eq,
            operators.ne,
            operators.in_op,
            operators.not_in_op,
            operators.is_,
            operators.is_not,
            operators.asc_op,
            operators.desc_op,
            operators.nulls_first_op,
            operators.nulls_last_op,
            operators.distinct_op,
        }
    )

    def operate(self, op: Any, *other: Any, **kwargs: Any) -> Any:
        if op not in self._ALLOWED:
            raise TypeError(
                f"keyed-hash column {self.expr}: SQL can only test it for equality or NULL"
            )
        return super().operate(op, *other, **kwargs)


class HashedLookup(TypeDecorator):
    """An id stored as its keyed hash (:func:`bot.db.crypto.lookup_hash`); None stays NULL.

    Writes and comparisons hash the bound value: ``Model.conversation_id == raw_id`` and
    ``session.get(Conversation, raw_id)`` find the row. A value read back is the hash, a
    :class:`~bot.db.crypto.LookupDigest`, which binds unchanged, so ids read from one row
    find the related rows (``list_messages(conversation_id=handoff.conversation_id)``). Any
    other string is hashed, even one shaped like a hash: text from outside (a visitor's id,
    a URL) can never address rows by their stored hash. Reading a value that is not in the
    hashed form (a row from before migration 0007) raises :class:`UnhashedValueError`.
    """

    impl = String(64)
    cache_ok = True
    comparator_factory = _EqualityOnly

    def process_bind_param(  # noqa: D102 - TypeDecorator hook
        self, value: str | None, dialect: Dialect
    ) -> str | None:
        return None if value is None else str(lookup_hash(value))

    def process_result_value(  # noqa: D102 - TypeDecorator hook
        self, value: str | None, dialect: Dialect
    ) -> LookupDigest | None:
        if value is None:
            return None
        if not is_lookup_digest_shaped(value):
            raise UnhashedValueError(
                "a keyed-hash column holds a value not in hashed form; run `intake db "
                "upgrade` (migration 0007 hashes ids written before)"
            )
        return LookupDigest(value)
