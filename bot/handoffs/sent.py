"""What was sent is what staff see: the hand-off's stored summary, and what changed since.

A hand-off stores its summary when it is created (``handoffs.summary_json``): the details
the visitor confirmed. Staff read that, never a live rebuild, so a later change of contact
details cannot silently redirect the clinic's follow-up. Changes since are listed beside it
(:func:`changes_since_sent`), and a change of contact details after a hand-off was sent is
an audited event (:func:`audit_contact_change`).
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.db.audit import conversation_target, record_audit
from bot.db.models import Handoff
from bot.notify.outbox import enqueue_handoff_notifications
from bot.settings import get_settings
from bot.summary.handoff import HandoffSummary, summary_from_dict

# Summary fields staff act on, with the words shown when they change.
CONTACT_FIELDS = {
    "visitor_name": "name",
    "contact_method": "contact method",
    "phone": "phone number",
    "email": "email address",
    "best_time": "best time to call",
}


def sent_summary(handoff: Handoff) -> HandoffSummary | None:
    """The summary as it was when the hand-off was made (None for hand-offs without one)."""
    if not isinstance(handoff.summary_json, dict):
        return None
    return summary_from_dict(handoff.summary_json)


def changes_since_sent(sent: HandoffSummary, live: HandoffSummary) -> tuple[str, ...]:
    """Names of the contact details and answers that differ now from what was sent."""
    changed = [
        label
        for name, label in CONTACT_FIELDS.items()
        if getattr(sent, name) != getattr(live, name)
    ]
    then = {a.question_id: (a.raw_text, a.value) for a in sent.answers}
    now = {a.question_id: (a.raw_text, a.value) for a in live.answers}
    texts = {a.question_id: a.question for a in (*sent.answers, *live.answers)}
    changed += [
        f"answer: {texts[qid]}"
        for qid in sorted(set(then) | set(now))
        if then.get(qid) != now.get(qid)
    ]
    return tuple(changed)


def audit_contact_change(
    *, session: Session, conversation_id: str, fields: list[str], actor: str = "visitor"
) -> None:
    """Audit a change of contact details after a hand-off was sent, and tell staff.

    Staff are notified for each hand-off not yet resolved (no details in the message).
    """
    if not fields:
        return
    sent = list(
        session.execute(
            select(Handoff)
            .where(Handoff.conversation_id == conversation_id, Handoff.summary_json.is_not(None))
            .order_by(Handoff.id)
        ).scalars()
    )
    if not sent:
        return
    record_audit(
        session=session,
        actor=actor,
        action="contact.changed_after_handoff",
        target=conversation_target(conversation_id),
        details={"fields": sorted(fields), "handoff_ids": [h.id for h in sent]},
    )
    settings = get_settings()
    for handoff in sent:
        if handoff.status != "resolved":
            enqueue_handoff_notifications(
                session=session, handoff=handoff, settings=settings, update=True
            )
