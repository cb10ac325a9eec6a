"""Small portable SQL helpers (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session


def insert_if_absent(
    *, session: Session, model: type, values: dict[str, Any], conflict_columns: Sequence[str]
) -> bool:
    """``INSERT ... ON CONFLICT DO NOTHING``; True when this call inserted the row.

    Race-free idempotency without savepoints: a concurrent or retried insert of the same
    key is silently skipped instead of aborting the caller's transaction.
    """
    dialect = session.get_bind().dialect.name
    if dialect == "postgresql":
        statement = postgresql.insert(model).values(**values)
    elif dialect == "sqlite":
        statement = sqlite.insert(model).values(**values)
    else:  # pragma: no cover - only SQLite and PostgreSQL are supported
        raise RuntimeError(f"unsupported database dialect: {dialect}")
    statement = statement.on_conflict_do_nothing(index_elements=list(conflict_columns))
    inserted: int = session.execute(statement).rowcount
    return inserted == 1
