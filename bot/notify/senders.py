"""Transports: SMTP email (smtplib), JSON webhooks and the FHIR push (httpx); all raise."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

import httpx

from bot.fhir.push import send_fhir
from bot.notify.content import webhook_body
from bot.settings import Settings

SMTP_TIMEOUT_SECONDS = 15
WEBHOOK_TIMEOUT_SECONDS = 10


class DeliveryError(RuntimeError):
    """A notification could not be delivered (it stays in the outbox to retry)."""


def email_recipients(settings: Settings) -> list[str]:
    """Addresses from NOTIFY_EMAIL_TO (comma or semicolon separated)."""
    raw = settings.notify_email_to.replace(";", ",")
    return [address.strip() for address in raw.split(",") if address.strip()]


def email_configured(settings: Settings) -> bool:
    """True when both an SMTP host and at least one recipient are configured."""
    return bool(settings.smtp_host and email_recipients(settings))


def webhook_configured(settings: Settings) -> bool:
    """True when NOTIFY_WEBHOOK_URL is set."""
    return bool(settings.notify_webhook_url)


def send_email(payload: dict[str, Any], settings: Settings) -> None:
    """Send the notification email over SMTP (STARTTLS / login when configured)."""
    if not email_configured(settings):
        raise DeliveryError("email is not configured (SMTP_HOST / NOTIFY_EMAIL_TO)")
    message = EmailMessage()
    message["Subject"] = payload["subject"]
    message["From"] = settings.notify_email_from
    message["To"] = ", ".join(email_recipients(settings))
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.notify_email_from.rpartition("@")[2] or None)
    message.set_content(payload["text"])
    # Port 465 is implicit TLS (SMTPS); anything else is plain SMTP with optional STARTTLS.
    smtp_class = smtplib.SMTP_SSL if settings.smtp_port == 465 else smtplib.SMTP
    try:
        with smtp_class(
            settings.smtp_host, settings.smtp_port, timeout=SMTP_TIMEOUT_SECONDS
        ) as smtp:
            if settings.smtp_starttls and smtp_class is smtplib.SMTP:
                smtp.starttls()
            if settings.smtp_user:
                smtp.login(settings.smtp_user, settings.smtp_password)
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException) as exc:
        raise DeliveryError(f"SMTP: {type(exc).__name__}: {exc}") from exc


def send_webhook(payload: dict[str, Any], settings: Settings) -> None:
    """POST the notification as JSON; any non-2xx answer is a failure."""
    if not webhook_configured(settings):
        raise DeliveryError("webhook is not configured (NOTIFY_WEBHOOK_URL)")
    try:
        response = httpx.post(
            settings.notify_webhook_url,
            json=webhook_body(payload),
            timeout=WEBHOOK_TIMEOUT_SECONDS,
        )
    except httpx.HTTPError as exc:
        raise DeliveryError(f"webhook: {type(exc).__name__}: {exc}") from exc
    if not 200 <= response.status_code < 300:
        raise DeliveryError(f"webhook: HTTP {response.status_code}")


SENDERS = {"email": send_email, "webhook": send_webhook, "fhir": send_fhir}
