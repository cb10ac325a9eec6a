"""Prompt delivery: send what is due right after a hand-off, without waiting for a pass.

The periodic pass (spooled hand-offs, crisis reminders, delivery) is
:func:`bot.handoffs.worker.run_outbox_worker`, started by the web app.
"""

from __future__ import annotations

import logging
import threading

from bot.db.engine import get_engine, make_session_factory
from bot.fhir.push import fhir_configured
from bot.notify.outbox import configured_kinds, deliver_due
from bot.settings import Settings

log = logging.getLogger(__name__)


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
