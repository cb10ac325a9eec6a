"""The declarative base (bot/db/base.py): one metadata whose constraint names are fixed by
the naming convention, so migrations name them the same on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Integer, MetaData, String, Table, inspect
from sqlalchemy.schema import CreateTable

import bot.db.models  # noqa: F401 - registers the visitor tables on Base
import bot.db.staff_models  # noqa: F401 - registers the staff tables on Base
from bot.db.base import NAMING_CONVENTION, Base


def test_the_convention_names_every_kind_of_constraint():
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    Table("parents", metadata, Column("id", Integer, primary_key=True))
    child = Table(
        "children",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("parent_id", Integer, ForeignKey("parents.id"), index=True),
        Column("code", String(10), unique=True),
    )
    ddl = str(CreateTable(child).compile())
    assert "CONSTRAINT pk_children PRIMARY KEY" in ddl
    assert "CONSTRAINT uq_children_code UNIQUE" in ddl
    assert "CONSTRAINT fk_children_parent_id_parents FOREIGN KEY" in ddl
    assert {index.name for index in child.indexes} == {"ix_children_parent_id"}


def test_every_table_shares_the_base_metadata_and_its_convention():
    tables = Base.metadata.tables
    assert {"conversations", "handoffs", "staff_users", "staff_sessions"} <= set(tables)
    for name, table in tables.items():
        assert table.primary_key.name == f"pk_{name}"
        for key in table.foreign_key_constraints:
            assert key.name.startswith(f"fk_{name}_"), key.name


def test_the_migrated_database_has_the_declared_constraint_names(engine):
    inspector = inspect(engine)
    for name, table in Base.metadata.tables.items():
        declared = {key.name for key in table.foreign_key_constraints}
        assert {key["name"] for key in inspector.get_foreign_keys(name)} == declared, name
        assert inspector.get_pk_constraint(name)["name"] in (f"pk_{name}", None), name
