"""``make_settings``: settings pointing notifications at the real receivers of tests/conftest.py."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.settings import get_settings


@pytest.fixture
def make_settings(db_url):
    """Settings for ``db_url`` with the given SMTP port / webhook URL."""

    def build(*, smtp_port=None, webhook_url="", **extra):
        return replace(
            get_settings(),
            database_url=db_url,
            smtp_host="127.0.0.1" if smtp_port else "",
            smtp_port=smtp_port or 25,
            notify_email_to="care-team@clinic.example, lead@clinic.example" if smtp_port else "",
            notify_email_from="intake@clinic.example",
            notify_webhook_url=webhook_url,
            public_base_url="https://clinic.example",
            **extra,
        )

    return build
