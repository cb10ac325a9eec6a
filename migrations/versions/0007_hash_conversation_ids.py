"""Keyed hashes for conversation ids: ``conversations.id``, every ``conversation_id`` and the
``sender_id`` of Rasa's tracker ``events`` (when that table shares this database) become
HMAC-SHA256 of the id under the lookup key (``LOOKUP_HASH_KEY``, else the development key
derived from ``SESSION_SECRET``; ``bot.db.crypto.lookup_hash``). The column types stay
(a hash is 64 characters, as ``conversations.id`` allows): this is a data migration.

A conversation's primary key cannot simply be updated under the foreign keys that refer to
it (PostgreSQL checks them per statement), so each conversation row is copied under its
hash, the rows about it are moved to the copy, and the old row is deleted. Values already
in the hashed form (64 lowercase hex characters, which no visitor id from the web app ever
is: those are UUIDs) are left as they are, so running it over a database where some ids
are hashed (an upgrade after a downgrade) hashes only the others.

The audit log names conversations too (``conversation:<id>`` targets, ``conversation_id``
details). Its rows are chained by HMAC, so rewriting them breaks the chain from the first
rewritten row: when the chain verifies before, those rows get the hash and the chain is
sealed again from there with the audit key, and an ``audit.resealed`` entry records the row
it was resealed from and the previous head (so a head noted earlier can be reconciled).
When the chain does not verify, the audit rows are left exactly as they are (resealing would
hide the damage) and a warning says so; the raw ids in them stay.

The downgrade cannot restore the ids (a keyed hash is one-way) and changes nothing: see
:func:`downgrade`.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 09:00:00
"""

from __future__ import annotations

import logging

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"

log = logging.getLogger("alembic.runtime.migration")

BATCH = 500
# Tables whose conversation_id refers to conversations.id (the schema of revision 0006).
CHILDREN = (
    "messages",
    "screening_answers",
    "handoffs",
    "unanswered_questions",
    "faq_topics_asked",
)
EVENTS = "events"
CONVERSATION_TARGET = "conversation:"


def _hash(value: str) -> str:
    from bot.db.crypto import lookup_hash

    return str(lookup_hash(value))


def _is_hashed(value: object) -> bool:
    from bot.db.crypto import is_lookup_digest_shaped

    return is_lookup_digest_shaped(value)


def _unhashed(bind, table: str, column: str):
    """Distinct values of ``table.column`` not in hashed form, batch by batch."""
    last = None
    while True:
        query = f"SELECT DISTINCT {column} FROM {table} WHERE {column} IS NOT NULL"  # noqa: S608 - names are constants above
        if last is not None:
            query += f" AND {column} > :last"
        batch = [
            row[0]
            for row in bind.execute(
                sa.text(query + f" ORDER BY {column} LIMIT {BATCH}"), {"last": last}
            )
        ]
        if not batch:
            return
        # Hashed values are only skipped: each batch moves on from the last value read.
        yield [value for value in batch if not _is_hashed(value)]
        last = batch[-1]


def _hash_conversations(bind) -> int:
    columns = [
        c["name"] for c in sa.inspect(bind).get_columns("conversations") if c["name"] != "id"
    ]
    listed = ", ".join(columns)
    moved = 0
    for batch in _unhashed(bind, "conversations", "id"):
        for old in batch:
            new = _hash(old)
            taken = bind.execute(
                sa.text("SELECT 1 FROM conversations WHERE id = :new"), {"new": new}
            ).first()
            if taken is None:
                bind.execute(
                    sa.text(
                        f"INSERT INTO conversations (id, {listed}) "  # noqa: S608 - reflected names
                        f"SELECT :new, {listed} FROM conversations WHERE id = :old"
                    ),
                    {"new": new, "old": old},
                )
            # (Taken: the id came back after a downgrade; its rows join the hashed row.)
            for child in CHILDREN:
                move = f"UPDATE {child} SET conversation_id = :new WHERE conversation_id = :old"  # noqa: S608
                bind.execute(sa.text(move), {"new": new, "old": old})
            bind.execute(sa.text("DELETE FROM conversations WHERE id = :old"), {"old": old})
            moved += 1
    return moved


def _hash_column(bind, table: str, column: str) -> None:
    """Hash what is left in ``table.column`` (rows whose conversation row is missing, which
    SQLite allows with foreign keys off; Rasa's events, which have no foreign key)."""
    for batch in _unhashed(bind, table, column):
        for old in batch:
            bind.execute(
                sa.text(f"UPDATE {table} SET {column} = :new WHERE {column} = :old"),  # noqa: S608
                {"new": _hash(old), "old": old},
            )


def _events_have_sender_id(bind) -> bool:
    inspector = sa.inspect(bind)
    if not inspector.has_table(EVENTS):
        return False
    return any(c["name"] == "sender_id" for c in inspector.get_columns(EVENTS))


def _names_a_raw_conversation(event) -> bool:
    target = event.target or ""
    if target.startswith(CONVERSATION_TARGET) and not _is_hashed(
        target[len(CONVERSATION_TARGET) :]
    ):
        return True
    details = event.details if isinstance(event.details, dict) else {}
    value = details.get("conversation_id")
    return isinstance(value, str) and not _is_hashed(value)


def _audit_batches(session, after: int):
    """Audit rows with ids above ``after`` in id order, ``BATCH`` at a time."""
    from bot.db.models import AuditEvent

    last = after
    while True:
        batch = list(
            session.execute(
                sa.select(AuditEvent)
                .where(AuditEvent.id > last)
                .order_by(AuditEvent.id)
                .limit(BATCH)
            ).scalars()
        )
        if not batch:
            return
        yield batch
        last = batch[-1].id


def _without_raw_ids(event) -> None:
    """Put the keyed hash in place of the raw conversation id ``event`` names."""
    target = event.target or ""
    rest = target[len(CONVERSATION_TARGET) :]
    if target.startswith(CONVERSATION_TARGET) and not _is_hashed(rest):
        event.target = CONVERSATION_TARGET + _hash(rest)
    details = event.details if isinstance(event.details, dict) else None
    value = (details or {}).get("conversation_id")
    if details is not None and isinstance(value, str) and not _is_hashed(value):
        event.details = {**details, "conversation_id": _hash(value)}


def _rehash_audit(bind) -> None:
    from sqlalchemy.orm import Session

    from bot.db.audit import _CHAIN_LOCK, record_audit, row_mac, verify_audit_chain
    from bot.db.models import AuditEvent
    from bot.settings import get_settings

    session = Session(bind=bind)
    if bind.dialect.name == "postgresql":
        bind.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK})
    first = next(
        (e for batch in _audit_batches(session, 0) for e in batch if _names_a_raw_conversation(e)),
        None,
    )
    if first is None:
        return
    check = verify_audit_chain(session=session)
    if not check.intact:
        log.warning(
            "audit log: row %s does not verify (%s); its rows that name conversations keep "
            "the raw ids, the chain is left as it is (run `intake audit verify`)",
            check.first_bad_id,
            check.reason,
        )
        return
    key = get_settings().audit_mac_key
    head = session.execute(
        sa.select(AuditEvent.mac).order_by(AuditEvent.id.desc()).limit(1)
    ).scalar_one()
    previous, first_id, rewritten = first.prev_mac, first.id, 0
    session.expunge_all()
    for batch in _audit_batches(session, first_id - 1):
        for event in batch:
            if _names_a_raw_conversation(event):
                _without_raw_ids(event)
                rewritten += 1
            event.prev_mac = previous
            event.mac = row_mac(key, previous, event)
            previous = event.mac
        session.flush()
        session.expunge_all()
    record_audit(
        session=session,
        actor="migration",
        action="audit.resealed",
        details={
            "revision": revision,
            "why": "conversation ids replaced by their keyed hashes",
            "rows_rewritten": rewritten,
            "resealed_from_id": first_id,
            "previous_head_mac": head,
        },
    )
    session.flush()


def upgrade() -> None:
    """Replace every stored conversation id by its keyed hash."""
    bind = op.get_bind()
    _hash_conversations(bind)
    for child in CHILDREN:
        _hash_column(bind, child, "conversation_id")
    if _events_have_sender_id(bind):
        _hash_column(bind, EVENTS, "sender_id")
    _rehash_audit(bind)


def downgrade() -> None:
    """Change nothing, and say why: a keyed hash cannot be turned back into the id.

    The rows stay, under the hashed ids. Code from before 0007 compares ids as they are, so
    a visitor's own id no longer finds their conversation: a returning visitor starts a new
    one (their old one, and every hand-off, stays on the staff pages, which go by hand-off
    id, and in exports and deletion by the hashed id). Upgrading again hashes only the ids
    written in between; hashed ones are left as they are.
    """
    log.warning(
        "0007 downgrade: conversation ids stay keyed hashes (one-way); code from before "
        "0007 will not find a conversation by the id its visitor holds"
    )
