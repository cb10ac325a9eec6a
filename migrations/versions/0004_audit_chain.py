"""Tamper-evident audit log: each row's HMAC chained to the previous row's.

Existing rows are sealed in id order with the configured key (AUDIT_KEY, else derived from
SESSION_SECRET), so the chain covers the whole log from the start.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-04 05:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"


def upgrade() -> None:
    """Apply this revision."""
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.add_column(sa.Column("prev_mac", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("mac", sa.String(length=64), nullable=True))
    _seal_existing_rows()


def _seal_existing_rows() -> None:
    from sqlalchemy.orm import Session

    from bot.db.audit import GENESIS_MAC, row_mac
    from bot.db.models import AuditEvent
    from bot.settings import get_settings

    key = get_settings().audit_mac_key
    session = Session(bind=op.get_bind())
    previous = GENESIS_MAC
    for event in session.execute(sa.select(AuditEvent).order_by(AuditEvent.id)).scalars():
        event.prev_mac = previous
        event.mac = row_mac(key, previous, event)
        previous = event.mac
    session.flush()


def downgrade() -> None:
    """Revert this revision."""
    with op.batch_alter_table("audit_events", schema=None) as batch_op:
        batch_op.drop_column("mac")
        batch_op.drop_column("prev_mac")
