"""The declarative base every table is declared on (one metadata for Alembic)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Column, ForeignKey, Integer, MetaData
from sqlalchemy.orm import declarative_base

from bot.db.types import UTCDateTime, utcnow

# Deterministic constraint names so Alembic migrations are identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

Base = declarative_base(metadata=MetaData(naming_convention=NAMING_CONVENTION))


# Columns most tables have. They return Any, as SQLAlchemy 1.4's Column is untyped; the
# model's ``Mapped[...]`` annotation says what the attribute holds.


def id_column() -> Any:
    """The table's own id: an autoincrement integer primary key."""
    return Column(Integer, primary_key=True, autoincrement=True)


def now_column() -> Any:
    """A required time (aware UTC) that is the time of the insert unless given."""
    return Column(UTCDateTime, nullable=False, default=utcnow)


def parent_column(target: str, key_type: Any = Integer, *, index: bool = True) -> Any:
    """The required reference to the row this one belongs to; it goes when its parent does."""
    return Column(key_type, ForeignKey(target, ondelete="CASCADE"), nullable=False, index=index)
