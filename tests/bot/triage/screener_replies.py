"""Storing a visitor's replies to the C-SSRS screener the way the bot does, turn by turn; shared
by the FHIR, staff and browser tests that need an answered screener."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from bot.settings import Settings
from bot.triage.storage import store_triage_turn


def store_screener_replies(
    session: Session,
    conversation_id: str,
    replies: Sequence[tuple[str, str, str]],
    *,
    ended: bool = True,
    settings: Settings | None = None,
) -> None:
    """Store ``replies`` (question id, the visitor's words, the value read) in order; the last
    one ends the screener unless ``ended`` is False (the visitor stopped mid-way)."""
    for position, record in enumerate(replies, start=1):
        store_triage_turn(
            session=session,
            conversation_id=conversation_id,
            record=record,
            ended=ended and position == len(replies),
            settings=settings,
        )
