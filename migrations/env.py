"""Alembic environment: URL from bot.settings (or the caller), metadata from bot.db.models.

``upgrade_database()`` passes an open connection in ``config.attributes["connection"]``;
the ``alembic`` command line builds its own engine from ``settings.database_url``.
The Rasa tracker store's ``events`` table may live in the same database: it is not ours,
so autogenerate is told to ignore tables that are not in our metadata.
"""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context

from bot.db.models import Base
from bot.settings import get_settings

config = context.config
if config.config_file_name is not None and not config.attributes.get("connection"):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = Base.metadata


def include_object(obj, name, type_, reflected, compare_to):
    """Leave tables we do not own (Rasa's ``events``) alone during autogenerate."""
    return not (type_ == "table" and reflected and compare_to is None)


def _url() -> str:
    return config.attributes.get("database_url") or get_settings().database_url


def _configure(**kwargs) -> None:
    context.configure(
        target_metadata=target_metadata,
        include_object=include_object,
        render_as_batch=True,  # SQLite needs batch mode for ALTERs in later migrations
        compare_type=True,
        **kwargs,
    )


def run_migrations_offline() -> None:
    """Emit SQL to stdout (``alembic upgrade head --sql``)."""
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    """Run against a live connection (given, or from the cached engine)."""
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    from bot.db.engine import get_engine

    with get_engine(_url()).begin() as connection:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
