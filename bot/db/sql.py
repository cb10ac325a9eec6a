"""Small portable SQL helpers (SQLite and PostgreSQL)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session
from sqlalchemy.sql import Executable

Scalar = TypeVar("Scalar")


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


def scalar_or_none(*, session: Session, statement: Executable, kind: type[Scalar]) -> Scalar | None:
    """The first column of the statement's one row, or None when there is no row.

    More than one row raises ``MultipleResultsFound``. SQLAlchemy 1.4 carries no types, so
    ``kind`` names what the statement selects (a model, or a column's type) and the result
    is typed here once rather than through a typed local at every caller.
    """
    found: Scalar | None = session.execute(statement).scalar_one_or_none()
    return found
