"""Staff notifications (email, webhook) delivered through the database outbox.

Notification bodies carry urgency, reason and a staff link only - never clinical answers
or contact details. Entry points: :func:`bot.notify.outbox.deliver_due`,
:func:`bot.notify.outbox.enqueue_crisis_reminders`, :func:`bot.notify.worker.deliver_soon`
(the web app's periodic pass is :func:`bot.handoffs.worker.run_outbox_worker`).
"""

from bot.notify.outbox import (  # noqa: F401 - re-exported entry points
    deliver_due,
    enqueue_crisis_reminders,
    enqueue_handoff_notifications,
)
