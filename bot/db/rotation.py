"""Re-encrypt every stored encrypted value under the primary data key (``intake keys rotate``).

Safe while the app runs: each batch is its own short transaction, and a value is replaced
only if it is still the one read (compare-and-set), so a value the app rewrote meanwhile
(already under the primary key, since the app runs with the same key list) is left as is.
Old and new keys both decrypt throughout; drop the old key from ``DATA_ENCRYPTION_KEYS``
only after a run that reports nothing left under it.

Plaintext in an encrypted column is reported, never encrypted here: a value nobody could
have written through the app might have been planted, and migration 0006 is the one way
rows from before encryption become encrypted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Connection, Engine

from bot.db.crypto import Keyring, UndecryptableValueError, is_encrypted, keyring
from bot.db.models import Base
from bot.db.tracker_events import EVENTS_TABLE, events_table_present
from bot.db.types import EncryptedJSON, EncryptedText

DEFAULT_BATCH = 200


@dataclass
class RotationCounts:
    """What happened to the values of one column (or all of them)."""

    rotated: int = 0  # re-encrypted under the primary key
    current: int = 0  # already under the primary key
    changed: int = 0  # rewritten by the app between read and write (so already current)
    plaintext: int = 0  # not encrypted at all: run `intake db upgrade`
    undecryptable: int = 0  # no configured key opens it

    def add(self, other: RotationCounts) -> None:
        """Add ``other``'s counts to these."""
        for item in fields(self):
            setattr(self, item.name, getattr(self, item.name) + getattr(other, item.name))

    @property
    def left_behind(self) -> int:
        """Values not under the primary key after the run."""
        return self.plaintext + self.undecryptable

    def as_dict(self) -> dict[str, int]:
        """The counts by name (for printing and the audit trail)."""
        return {item.name: getattr(self, item.name) for item in fields(self)}


def encrypted_columns(engine: Engine) -> Iterator[tuple[str, str, str]]:
    """``(table, primary key, column)`` of every encrypted column, Rasa's events included."""
    for table in Base.metadata.sorted_tables:
        [key] = [c.name for c in table.primary_key.columns]
        for column in table.columns:
            if isinstance(column.type, EncryptedText | EncryptedJSON):
                yield table.name, key, column.name
    with engine.connect() as connection:
        if events_table_present(connection):
            yield EVENTS_TABLE, "id", "data"


def rotate_column(
    engine: Engine,
    table: str,
    key: str,
    column: str,
    *,
    ring: Keyring,
    batch_size: int = DEFAULT_BATCH,
) -> RotationCounts:
    """Re-encrypt one column's values, ``batch_size`` rows per transaction."""
    rows = sa.table(table, sa.column(key), sa.column(column, sa.Text()))
    counts = RotationCounts()
    last = None
    while True:
        with engine.begin() as connection:
            query = sa.select(rows.c[key], rows.c[column]).where(rows.c[column].is_not(None))
            if last is not None:
                query = query.where(rows.c[key] > last)
            batch = connection.execute(query.order_by(rows.c[key]).limit(batch_size)).all()
            if not batch:
                return counts
            for pk, stored in batch:
                _rotate_one(connection, rows, key, column, pk, stored, ring, counts)
            last = batch[-1][0]


def _rotate_one(
    connection: Connection,
    rows: sa.TableClause,
    key: str,
    column: str,
    pk: Any,
    stored: str,
    ring: Keyring,
    counts: RotationCounts,
) -> None:
    if not is_encrypted(stored):
        counts.plaintext += 1
        return
    if ring.is_current(stored):
        counts.current += 1
        return
    try:
        fresh = ring.rotate(stored)
    except UndecryptableValueError:
        counts.undecryptable += 1
        return
    result = connection.execute(
        sa.update(rows).where(rows.c[key] == pk, rows.c[column] == stored).values({column: fresh})
    )
    if result.rowcount:
        counts.rotated += 1
    else:
        counts.changed += 1


def rotate_all(
    engine: Engine,
    *,
    batch_size: int = DEFAULT_BATCH,
    ring: Keyring | None = None,
    progress: Callable[[str, RotationCounts], None] | None = None,
) -> dict[str, RotationCounts]:
    """Rotate every encrypted column; counts per ``table.column``."""
    ring = ring or keyring()
    results: dict[str, RotationCounts] = {}
    for table, key, column in list(encrypted_columns(engine)):
        name = f"{table}.{column}"
        results[name] = rotate_column(engine, table, key, column, ring=ring, batch_size=batch_size)
        if progress:
            progress(name, results[name])
    return results
