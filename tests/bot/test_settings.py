"""Configuration read from the environment (bot/settings.py): parsing, derived keys, the
production checks."""

from __future__ import annotations

import base64
from dataclasses import replace
from pathlib import Path

import pytest

from bot.settings import (
    PROJECT_ROOT,
    Settings,
    default_database_url,
    get_settings,
    load_settings,
    model_path,
)

FERNET_KEY = base64.urlsafe_b64encode(b"k" * 32).decode("ascii")
LONG_SECRET = "s" * 40
LOOKUP_KEY = "l" * 40


def production_ready(**changes) -> Settings:
    """Settings that pass every production check, with ``changes`` applied."""
    ready = Settings(
        env="production",
        session_secret=LONG_SECRET,
        cookie_secure=True,
        data_encryption_keys=(FERNET_KEY,),
        lookup_hash_key=LOOKUP_KEY,
    )
    return replace(ready, **changes)


@pytest.fixture
def env(monkeypatch):
    """``env({NAME: value})``: settings loaded with those variables set (empty: unset)."""

    def apply(values: dict[str, str]) -> Settings:
        for name, value in values.items():
            if value:
                monkeypatch.setenv(name, value)
            else:
                monkeypatch.delenv(name, raising=False)
        return load_settings()

    return apply


def test_unset_variables_give_the_documented_defaults(env):
    settings = env(
        {
            "INTAKE_ENV": "",
            "DATABASE_URL": "",
            "WEB_PORT": "",
            "STAFF_MFA": "",
            "CLINIC_OPEN_DAYS": "",
            "SPOOL_DIR": "",
        }
    )
    assert settings.env == "development" and not settings.is_production
    assert settings.database_url == default_database_url()
    assert settings.web_port == 8000 and settings.staff_mfa is True
    assert settings.clinic.open_days == (0, 1, 2, 3, 4)
    assert settings.spool_dir.endswith("spool")


def test_values_are_parsed_from_their_text(env):
    settings = env(
        {
            "WEB_PORT": "9001",
            "COOKIE_SECURE": "Yes",
            "STAFF_MFA": "off",
            "FAQ_ANSWER_THRESHOLD": "0.7",
            "SCREENING_INSTRUMENTS": " PHQ9, gad7 ,,",
            "DATA_ENCRYPTION_KEYS": "first, second",
            "WIDGET_ALLOWED_ORIGINS": "https://a.example/, https://b.example",
            "FHIR_BASE_URL": "https://fhir.example/r4/",
            "PHONE_REGION": "gb",
            "CLINIC_OPEN_DAYS": "1,3",
            "CLINIC_NAME": "  Lakeside Clinic ",
        }
    )
    assert settings.web_port == 9001
    assert settings.cookie_secure is True and settings.staff_mfa is False
    assert settings.faq_answer_threshold == 0.7
    assert settings.screening_instruments == ("phq9", "gad7")
    assert settings.data_encryption_keys == ("first", "second")
    assert settings.widget_allowed_origins == ("https://a.example", "https://b.example")
    assert settings.fhir_base_url == "https://fhir.example/r4"
    assert settings.phone_region == "GB"
    assert settings.clinic.open_days == (1, 3)
    assert settings.clinic.name == "Lakeside Clinic"


def test_counts_that_must_be_positive_are_raised_to_their_minimum(env):
    settings = env(
        {"LOGIN_HASH_CONCURRENCY": "0", "STAFF_IDLE_MINUTES": "-5", "APP_PROCESSES": "-1"}
    )
    assert settings.login_hash_concurrency == 1
    assert settings.staff_idle_minutes == 1
    assert settings.app_processes == 0


def test_get_settings_reads_once_until_the_cache_is_cleared(monkeypatch):
    monkeypatch.setenv("WEB_PORT", "8123")
    get_settings.cache_clear()
    first = get_settings()
    monkeypatch.setenv("WEB_PORT", "8124")
    assert get_settings() is first and first.web_port == 8123
    get_settings.cache_clear()
    assert get_settings().web_port == 8124


def test_derived_keys_come_from_the_session_secret_unless_set():
    one, other = Settings(session_secret="a" * 32), Settings(session_secret="b" * 32)
    assert one.audit_mac_key != other.audit_mac_key
    assert one.data_keys != other.data_keys
    (derived,) = one.data_keys
    assert len(base64.urlsafe_b64decode(derived)) == 32  # a usable Fernet key
    explicit = replace(one, audit_key="audit", data_encryption_keys=("k1", "k2"))
    assert explicit.audit_mac_key == b"audit"
    assert explicit.data_keys == ("k1", "k2")


def test_links_use_the_public_base_url_or_the_local_address():
    local = Settings(web_host="127.0.0.1", web_port=8000)
    assert local.base_url == "http://127.0.0.1:8000"
    public = replace(local, public_base_url="https://clinic.example/")
    assert public.handoff_url(7) == "https://clinic.example/staff/handoffs/7"
    assert public.fhir_canonical == "https://clinic.example/fhir"
    assert replace(public, fhir_canonical_base="https://x.example/q").fhir_canonical == (
        "https://x.example/q"
    )


def test_model_path_is_under_models():
    assert model_path(Path("/srv/app")) == Path("/srv/app/models/intake.tar.gz")
    assert model_path().parent == PROJECT_ROOT / "models"


def test_a_production_ready_configuration_has_no_problems():
    assert production_ready().validate_for_production() == []


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"staff_mfa": False}, "STAFF_MFA"),
        ({"session_secret": "change-me"}, "SESSION_SECRET"),
        ({"session_secret": "short"}, "SESSION_SECRET"),
        ({"admin_password": "changeme"}, "ADMIN_PASSWORD"),
        ({"cookie_secure": False}, "COOKIE_SECURE"),
        ({"data_encryption_keys": ()}, "DATA_ENCRYPTION_KEYS is not set"),
        ({"data_encryption_keys": ("not-a-key",)}, "not a Fernet key"),
        ({"lookup_hash_key": ""}, "LOOKUP_HASH_KEY is not set"),
        ({"lookup_hash_key": LONG_SECRET}, "must be its own key"),
        ({"lookup_hash_key": FERNET_KEY}, "must be its own key"),
    ],
)
def test_each_unsafe_value_is_named(changes, named):
    problems = production_ready(**changes).validate_for_production()
    assert len(problems) == 1 and named in problems[0]
