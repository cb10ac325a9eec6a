"""The transports (bot/notify/senders.py) against a real SMTP server and webhook receiver:
what is sent, and every failure raised as a DeliveryError."""

from __future__ import annotations

import pytest

from bot.notify.senders import (
    SENDERS,
    DeliveryError,
    email_configured,
    email_recipients,
    send_email,
    send_webhook,
    webhook_configured,
)
from bot.settings import Settings
from devtools.stack import free_port

PAYLOAD = {
    "event": "handoff.created",
    "handoff_id": 3,
    "reason": "asked_for_human",
    "urgency": "normal",
    "url": "https://clinic.example/staff/handoffs/3",
    "subject": "New hand-off #3",
    "text": "A new hand-off is waiting.\nOpen it in the staff area.",
}


def mail_settings(port: int, **extra) -> Settings:
    return Settings(
        smtp_host="127.0.0.1",
        smtp_port=port,
        notify_email_to="care@clinic.example; lead@clinic.example",
        notify_email_from="intake@clinic.example",
        **extra,
    )


@pytest.mark.parametrize(
    ("configured", "recipients"),
    [
        ("", []),
        ("a@x.example", ["a@x.example"]),
        (
            " a@x.example ; b@x.example,, c@x.example ",
            ["a@x.example", "b@x.example", "c@x.example"],
        ),
    ],
)
def test_recipients_are_split_on_commas_and_semicolons(configured, recipients):
    assert email_recipients(Settings(notify_email_to=configured)) == recipients


def test_a_channel_is_configured_only_with_everything_it_needs():
    assert not email_configured(Settings(smtp_host="mail.example"))
    assert not email_configured(Settings(notify_email_to="a@x.example"))
    assert email_configured(Settings(smtp_host="mail.example", notify_email_to="a@x.example"))
    assert not webhook_configured(Settings())
    assert webhook_configured(Settings(notify_webhook_url="https://hooks.example/x"))


def test_every_outbox_kind_has_a_sender():
    assert set(SENDERS) == {"email", "webhook", "fhir"}
    assert SENDERS["email"] is send_email and SENDERS["webhook"] is send_webhook


def test_the_email_goes_to_every_recipient(smtp_server):
    send_email(PAYLOAD, mail_settings(smtp_server.port))
    (mail,) = smtp_server.sink.messages
    assert mail["to"] == ["care@clinic.example", "lead@clinic.example"]
    message = mail["message"]
    assert message["Subject"] == "New hand-off #3" and message["From"] == "intake@clinic.example"
    assert message["Message-ID"].endswith("@clinic.example>") and message["Date"]
    assert message.get_payload(decode=True).decode().splitlines() == PAYLOAD["text"].splitlines()


def test_email_failures_are_delivery_errors():
    with pytest.raises(DeliveryError, match="not configured"):
        send_email(PAYLOAD, Settings())
    with pytest.raises(DeliveryError, match="SMTP"):
        send_email(PAYLOAD, mail_settings(free_port()))  # nothing listens there


def test_the_webhook_gets_the_slack_compatible_body(webhook):
    send_webhook(PAYLOAD, Settings(notify_webhook_url=webhook.url))
    (request,) = webhook.requests
    assert request["json"]["text"] == "New hand-off #3\nhttps://clinic.example/staff/handoffs/3"
    assert request["json"]["handoff_id"] == 3
    assert request["content_type"].startswith("application/json")


@pytest.mark.parametrize("status", [302, 404, 500])
def test_a_webhook_answer_outside_2xx_is_a_failure(webhook, status):
    webhook.statuses.append(status)
    with pytest.raises(DeliveryError, match=f"HTTP {status}"):
        send_webhook(PAYLOAD, Settings(notify_webhook_url=webhook.url))


def test_webhook_failures_are_delivery_errors():
    with pytest.raises(DeliveryError, match="not configured"):
        send_webhook(PAYLOAD, Settings())
    with pytest.raises(DeliveryError, match="webhook"):
        send_webhook(PAYLOAD, Settings(notify_webhook_url=f"http://127.0.0.1:{free_port()}/x"))
