"""The web app's background pass over hand-offs, started in its lifespan.

Each pass creates the hand-offs spooled while the database was down (and so queues their
notifications), queues reminders for crisis hand-offs still unclaimed, then delivers what
the outbox holds. Delivery itself is :mod:`bot.notify`'s; the action server's prompt
delivery after a hand-off is :func:`bot.notify.worker.deliver_soon`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from bot.db.engine import get_engine, make_session_factory, session_scope
from bot.db.types import utcnow
from bot.handoffs.spool import replay_spool
from bot.notify.outbox import deliver_due, enqueue_crisis_reminders
from bot.settings import Settings

log = logging.getLogger(__name__)


def run_outbox_once(settings: Settings) -> int:
    """One pass: queue due crisis reminders, then deliver what is due. Returns deliveries."""
    engine = get_engine(settings.database_url)
    # Hand-offs spooled while the database was down are created (and notified) first.
    replay_spool(make_session_factory(engine), settings=settings)
    with session_scope(engine) as session:
        enqueue_crisis_reminders(session=session, settings=settings, now=utcnow())
    return deliver_due(session_factory=make_session_factory(engine), settings=settings)


async def run_outbox_worker(settings: Settings, stop_event: asyncio.Event) -> None:
    """Deliver notifications every ``outbox_poll_seconds`` until ``stop_event`` is set.

    Blocking SMTP/HTTP work runs in a thread so the event loop stays responsive; errors
    are logged and the loop carries on (the outbox keeps everything for the next pass).
    """
    log.info("outbox worker started (every %ss)", settings.outbox_poll_seconds)
    while not stop_event.is_set():
        try:
            await asyncio.to_thread(run_outbox_once, settings)
        except Exception:  # noqa: BLE001 - the worker must survive a bad pass
            log.exception("outbox pass failed")
        with contextlib.suppress(asyncio.TimeoutError):
            await asyncio.wait_for(stop_event.wait(), timeout=settings.outbox_poll_seconds)
    log.info("outbox worker stopped")
