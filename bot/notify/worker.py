"""Background outbox worker, started by the web app in its lifespan."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import threading

from bot.db.engine import get_engine, make_session_factory, session_scope
from bot.db.types import utcnow
from bot.fhir.push import fhir_configured
from bot.handoffs.spool import replay_spool
from bot.notify.outbox import configured_kinds, deliver_due, enqueue_crisis_reminders
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


def deliver_soon(settings: Settings) -> threading.Thread | None:
    """Send what is due now, in a background thread, instead of at the worker's next pass.

    Called by the action server right after it commits a hand-off, so staff hear of a crisis
    within a second rather than up to ``outbox_poll_seconds`` later, and the visitor's reply
    never waits for SMTP. ``deliver_due`` claims each item before sending, so this and the
    web app's worker never send one twice; whatever fails here stays due for the worker.
    Returns the thread, or None when neither a notification channel nor FHIR is configured.
    """
    if not configured_kinds(settings) and not fhir_configured(settings):
        return None

    def deliver() -> None:
        try:
            engine = get_engine(settings.database_url)
            deliver_due(session_factory=make_session_factory(engine), settings=settings)
        except Exception:  # noqa: BLE001 - the outbox worker retries what is left
            log.exception("immediate notification delivery failed; the outbox worker retries")

    thread = threading.Thread(target=deliver, name="notify-now", daemon=True)
    try:
        thread.start()
    except RuntimeError:  # no thread to spare: the worker's next pass sends it
        log.warning("could not start immediate notification delivery")
        return None
    return thread


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
