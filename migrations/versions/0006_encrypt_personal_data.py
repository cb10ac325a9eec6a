"""Encryption at rest: personal and clinical columns become encrypted text.

Rows written before are encrypted here with the configured key (``DATA_ENCRYPTION_KEYS``,
else the development key derived from ``SESSION_SECRET``); so are the ``data`` of Rasa's
tracker ``events`` when that table shares this database. The downgrade decrypts them.

Columns whose type changes (String(n) and JSON become Text: a ciphertext is longer than
its plaintext, and is not JSON) are replaced by a new column, filled, then renamed. That
works alike on PostgreSQL and SQLite (3.35+) and, unlike Alembic's batch mode on SQLite,
never drops and re-creates a table, which with foreign keys on would cascade-delete every
row referring to it.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-04 11:00:00
"""

from __future__ import annotations

import json
from collections.abc import Callable

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"

BATCH = 500
# (table, column, type before) for columns that were plain text already (type kept),
# String(n) (text, type changes) or JSON (type changes, value is the JSON text).
SAME_TYPE = [
    ("messages", "text"),
    ("screening_answers", "raw_text"),
    ("handoff_notes", "text"),
    ("unanswered_questions", "text"),
]
STRINGS = [
    ("conversations", "contact_name", sa.String(200)),
    ("conversations", "contact_phone", sa.String(40)),
    ("conversations", "contact_email", sa.String(320)),
    ("conversations", "contact_best_time", sa.String(200)),
    ("staff_users", "totp_secret", sa.String(64)),
    ("staff_sessions", "pending_totp_secret", sa.String(64)),
]
JSONS = [
    ("messages", "data"),
    ("screening_answers", "value"),
    ("handoffs", "summary_json"),
]
PRIMARY_KEYS = {"conversations": "id"}  # every other table: integer "id" as well
EVENTS = "events"


def _rewrite(
    table: str,
    source: str,
    target: str,
    convert: Callable[[str], object | None],
    target_type: sa.types.TypeEngine | None = None,
) -> None:
    """Set ``target`` = ``convert(source as text)`` on every row where ``source`` is set."""
    key = PRIMARY_KEYS.get(table, "id")
    rows = sa.table(table, sa.column(key), sa.column(target, target_type or sa.Text()))
    bind = op.get_bind()
    last = None
    while True:
        # CAST: JSON columns read back as their text on both backends.
        query = f"SELECT {key}, CAST({source} AS TEXT) FROM {table} WHERE {source} IS NOT NULL"  # noqa: S608 - names are constants above
        if last is not None:
            query += f" AND {key} > :last"
        batch = bind.execute(sa.text(query + f" ORDER BY {key} LIMIT {BATCH}"), {"last": last})
        batch = batch.all()
        if not batch:
            return
        for pk, value in batch:
            bind.execute(sa.update(rows).where(rows.c[key] == pk).values({target: convert(value)}))
        last = batch[-1][0]


def _encrypt(value: str) -> str:
    from bot.db.crypto import CryptoError, decrypt_text, encrypt_text, is_encrypted

    if is_encrypted(value):
        # Already encrypted (a re-run) only if a key opens it: a visitor may type "enc1:".
        try:
            decrypt_text(value)
            return value
        except CryptoError:
            pass
    return encrypt_text(value)


def _encrypt_json(value: str) -> str | None:
    # A JSON null becomes SQL NULL: what EncryptedJSON writes for None.
    return None if value.strip() == "null" else _encrypt(value)


def _decrypt(value: str) -> str:
    from bot.db.crypto import decrypt_text, is_encrypted

    return decrypt_text(value) if is_encrypted(value) else value


def _events_have_data() -> bool:
    inspector = sa.inspect(op.get_bind())
    if not inspector.has_table(EVENTS):
        return False
    return any(c["name"] == "data" for c in inspector.get_columns(EVENTS))


def _replace_column(table: str, column: str, new_type, convert) -> None:
    """Add ``column__new`` of ``new_type``, fill it from ``column``, drop, rename."""
    staged = f"{column}__new"
    op.add_column(table, sa.Column(staged, new_type, nullable=True))
    _rewrite(table, column, staged, convert, new_type)
    op.drop_column(table, column)
    op.alter_column(table, staged, new_column_name=column)


def upgrade() -> None:
    """Encrypt every personal value in place; String/JSON columns become Text."""
    for table, column in SAME_TYPE:
        _rewrite(table, column, column, _encrypt)
    for table, column, _old in STRINGS:
        _replace_column(table, column, sa.Text(), _encrypt)
    for table, column in JSONS:
        _replace_column(table, column, sa.Text(), _encrypt_json)
    if _events_have_data():
        _rewrite(EVENTS, "data", "data", _encrypt)


def downgrade() -> None:
    """Decrypt every value (needs the key it was encrypted with); restore the old types."""
    if _events_have_data():
        _rewrite(EVENTS, "data", "data", _decrypt)
    for table, column in reversed(JSONS):
        _replace_column(table, column, sa.JSON(), lambda v: json.loads(_decrypt(v)))
    for table, column, old in reversed(STRINGS):
        _replace_column(table, column, old, _decrypt)
    for table, column in SAME_TYPE:
        _rewrite(table, column, column, _decrypt)
