"""What a notification says: urgency, reason and a link - nothing about the visitor."""

from __future__ import annotations

from typing import Any

from bot.db.models import HANDOFF_REASON_LABELS, Handoff
from bot.settings import Settings


def notification_payload(
    *, handoff: Handoff, settings: Settings, reminder: bool = False, update: bool = False
) -> dict[str, Any]:
    """Outbox payload for a hand-off notification (no clinical data, no contact details).

    ``update``: the visitor changed their contact details after the hand-off was sent.
    """
    urgent = handoff.urgency == "urgent"
    reason = HANDOFF_REASON_LABELS.get(handoff.reason, handoff.reason)
    link = settings.handoff_url(handoff.id)
    prefix = "[URGENT] " if urgent else ""
    if update:
        subject = f"{prefix}Hand-off #{handoff.id}: the visitor changed their contact details"
        lead = (
            f"After hand-off #{handoff.id} ({reason}) was sent, the visitor changed their "
            "contact details. The hand-off shows what was sent and what changed."
        )
    elif reminder:
        subject = f"{prefix}Reminder: hand-off #{handoff.id} is still unclaimed"
        lead = f"Hand-off #{handoff.id} ({reason}) has not been claimed yet."
    else:
        subject = f"{prefix}New hand-off #{handoff.id}: {reason}"
        lead = f"A new hand-off is waiting: {reason}."
    lines = [lead, f"Urgency: {handoff.urgency}", f"Open it in the staff area: {link}"]
    if urgent:
        lines.append("Crisis language was detected; please review as soon as possible.")
    lines.append("Details are only available after signing in.")
    return {
        "event": "handoff.updated"
        if update
        else "handoff.reminder"
        if reminder
        else "handoff.created",
        "handoff_id": handoff.id,
        "reason": handoff.reason,
        "urgency": handoff.urgency,
        "url": link,
        "subject": subject,
        "text": "\n".join(lines),
    }


def webhook_body(payload: dict[str, Any]) -> dict[str, Any]:
    """Slack-compatible JSON (``text``) plus the structured fields."""
    return {
        "text": f"{payload['subject']}\n{payload['url']}",
        "event": payload.get("event"),
        "handoff_id": payload.get("handoff_id"),
        "reason": payload.get("reason"),
        "urgency": payload.get("urgency"),
        "url": payload.get("url"),
    }
