"""All configuration, read from the environment in one place.

Every process (web app, action server, Rasa launcher, CLI) calls :func:`get_settings`.
Values come from environment variables, optionally preloaded from a ``.env`` file
in the project root (see ``.env.example``). Nothing secret lives in YAML.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
CONTENT_DIR = PROJECT_ROOT / "content"
VAR_DIR = PROJECT_ROOT / "var"
MODEL_NAME = "intake"


def model_path(root: Path = PROJECT_ROOT) -> Path:
    """Where the trained model lives (``make train`` writes it, ``intake run`` loads it)."""
    return root / "models" / f"{MODEL_NAME}.tar.gz"


# Values that must never reach production; `validate_for_production` refuses them.
PLACEHOLDER_SECRETS = {"", "change-me", "changeme", "dev-only-secret", "placeholder"}


def _load_dotenv(path: Path) -> None:
    """Load KEY=VALUE lines from ``path`` without overriding the real environment."""
    if not path.is_file():
        return
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, value = line.split("=", 1)
        os.environ.setdefault(key.strip(), value.strip().strip('"').strip("'"))


def _env(name: str, default: str = "") -> str:
    return os.environ.get(name, default).strip()


def _env_int(name: str, default: int) -> int:
    value = _env(name)
    return int(value) if value else default


def _env_float(name: str, default: float) -> float:
    value = _env(name)
    return float(value) if value else default


def _env_list(name: str) -> tuple[str, ...]:
    """A comma-separated variable's values, each stripped; empty ones are dropped."""
    return tuple(item.strip() for item in _env(name).split(",") if item.strip())


def _env_bool(name: str, default: bool) -> bool:
    value = _env(name).lower()
    if not value:
        return default
    return value in {"1", "true", "yes", "on"}


def default_database_url() -> str:
    """SQLite file under ``var/``: the embedded default."""
    return f"sqlite:///{VAR_DIR / 'intake.db'}"


@dataclass(frozen=True)
class ClinicSettings:
    """Clinic specifics shown to visitors; empty means "not configured"."""

    name: str = ""
    phone: str = ""
    email: str = ""
    hours: str = ""
    booking_url: str = ""
    city: str = ""
    timezone: str = "America/New_York"
    # Opening hours for "when to expect contact": weekday numbers (0=Mon) and local hours.
    open_days: tuple[int, ...] = (0, 1, 2, 3, 4)
    open_hour: int = 9
    close_hour: int = 17

    @property
    def display_name(self) -> str:
        """The clinic's name, or a neutral phrase when it is not configured."""
        return self.name or "the clinic"


@dataclass(frozen=True)
class Settings:
    """Process-wide configuration."""

    env: str = "development"
    database_url: str = field(default_factory=default_database_url)
    web_host: str = "127.0.0.1"
    web_port: int = 8000
    # Rasa's endpoints file (tracker and lock store); the prod profile uses Redis locks.
    endpoints_file: str = "endpoints.yml"
    public_base_url: str = ""
    session_secret: str = "dev-only-secret"  # noqa: S105 (refused in production)
    # Key of the audit log's HMAC chain; derived from SESSION_SECRET when unset.
    audit_key: str = ""
    # Fernet keys for personal data at rest (bot/db/crypto.py): the first encrypts, all
    # decrypt. Unset outside production: one derived from SESSION_SECRET.
    data_encryption_keys: tuple[str, ...] = ()
    # Secret of the keyed hashes that stand in for conversation ids at rest
    # (bot/db/crypto.py ``lookup_hash``). Its own key, never rotated with the data keys.
    # Unset outside production: one derived from SESSION_SECRET.
    lookup_hash_key: str = ""
    admin_password: str = ""
    cookie_secure: bool = False
    # Visitor input limits, enforced by the web app before anything reaches Rasa.
    max_message_chars: int = 2000
    rate_limit_per_conversation: int = 30  # messages per minute
    rate_limit_per_ip: int = 120  # messages per minute
    login_max_failures: int = 5
    login_lockout_minutes: int = 15
    # Password checks (argon2) running at once; a few more wait briefly, the rest get a 503.
    login_hash_concurrency: int = 2
    # A staff session ends after this long without a request (clinic computers are shared).
    staff_idle_minutes: int = 15
    # Second factor for staff sign-in (TOTP). Off is accepted only outside production.
    staff_mfa: bool = True
    # Validated instruments asked after the contraindication questions (phq9, gad7).
    screening_instruments: tuple[str, ...] = ()
    # Proxies whose X-Forwarded-For is believed (addresses or networks); none by default.
    forwarded_allow_ips: tuple[str, ...] = ()
    retention_days: int = 90
    # Chosen on the two held-out FAQ sets: most correct answers with at most 2 % wrong
    # (docs/evaluation.md; 2026-12-04: 324 correct, 6 wrong, 40 "not sure" of 375).
    faq_answer_threshold: float = 0.55
    # Notifications
    smtp_host: str = ""
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_starttls: bool = False
    notify_email_from: str = "intake-assistant@localhost"
    notify_email_to: str = ""
    notify_webhook_url: str = ""
    # FHIR R4: where each hand-off's Bundle is pushed (empty: no push), the bearer token
    # sent with it, and the canonical base of our Questionnaires (default: BASE_URL/fhir).
    fhir_base_url: str = ""
    fhir_bearer_token: str = ""
    fhir_canonical_base: str = ""
    crisis_renotify_minutes: int = 15
    outbox_poll_seconds: float = 5.0
    crisis_country: str = "US"
    # After the crisis message, offer the C-SSRS screener's questions so staff see a
    # Columbia triage level (content/instruments/cssrs_screener.yml). A clinic may switch
    # it off; the crisis resources and the urgent hand-off do not depend on it.
    crisis_triage: bool = True
    # Hand-offs wait here (no clinical data) while the database is unreachable.
    spool_dir: str = str(VAR_DIR / "spool")
    # Default region for phone numbers typed without a country code.
    phone_region: str = "US"
    # Origins allowed to embed the widget on their own pages (CORS on /api/chat).
    widget_allowed_origins: tuple[str, ...] = ()
    # make run: app processes behind nginx on WEB_PORT (0: one per core when nginx is
    # installed, else one). Each conversation stays with one of them.
    app_processes: int = 0
    # Production profile: app processes behind nginx on WEB_PORT, Redis locks.
    replicas: int = 2
    redis_url: str = "redis://127.0.0.1:6379/0"
    clinic: ClinicSettings = field(default_factory=ClinicSettings)

    @property
    def audit_mac_key(self) -> bytes:
        """The audit chain's HMAC key: ``AUDIT_KEY``, else one derived from the session secret.

        Set ``AUDIT_KEY`` before rotating ``SESSION_SECRET``, or older rows stop verifying.
        """
        if self.audit_key:
            return self.audit_key.encode("utf-8")
        return hmac.new(self.session_secret.encode("utf-8"), b"audit-log", hashlib.sha256).digest()

    @property
    def data_keys(self) -> tuple[str, ...]:
        """``DATA_ENCRYPTION_KEYS``, else a key derived from the session secret (not in prod)."""
        if self.data_encryption_keys:
            return self.data_encryption_keys
        derived = hmac.new(self.session_secret.encode("utf-8"), b"data-encryption", hashlib.sha256)
        return (base64.urlsafe_b64encode(derived.digest()).decode("ascii"),)

    @property
    def is_production(self) -> bool:
        """True when running with ``INTAKE_ENV=production``."""
        return self.env == "production"

    @property
    def base_url(self) -> str:
        """Public URL of the web app, used for links in notifications."""
        return self.public_base_url or f"http://{self.web_host}:{self.web_port}"

    def handoff_url(self, handoff_id: int) -> str:
        """Staff page of a hand-off (summary and full transcript): the link staff are sent."""
        return f"{self.base_url.rstrip('/')}/staff/handoffs/{handoff_id}"

    @property
    def fhir_canonical(self) -> str:
        """Base of the canonical URLs of our FHIR Questionnaires and code systems."""
        return self.fhir_canonical_base or f"{self.base_url.rstrip('/')}/fhir"

    def validate_for_production(self) -> list[str]:
        """Return the reasons this configuration must not run in production."""
        problems = []
        if not self.staff_mfa:
            problems.append("STAFF_MFA is off: staff sign-in needs a second factor in production")
        if self.session_secret.lower() in PLACEHOLDER_SECRETS or len(self.session_secret) < 32:
            problems.append("SESSION_SECRET is a placeholder or shorter than 32 characters")
        if self.admin_password and self.admin_password.lower() in PLACEHOLDER_SECRETS:
            problems.append("ADMIN_PASSWORD is a placeholder")
        if not self.cookie_secure:
            problems.append("COOKIE_SECURE must be true in production")
        if not self.data_encryption_keys:
            problems.append("DATA_ENCRYPTION_KEYS is not set (make a key: `intake keys new`)")
        elif not all(map(_is_fernet_key, self.data_encryption_keys)):
            problems.append("DATA_ENCRYPTION_KEYS holds a value that is not a Fernet key")
        if self.lookup_hash_key.lower() in PLACEHOLDER_SECRETS or len(self.lookup_hash_key) < 32:
            problems.append(
                "LOOKUP_HASH_KEY is not set, a placeholder, or shorter than 32 characters "
                "(make one: `intake keys new`)"
            )
        elif self.lookup_hash_key in (self.session_secret, *self.data_encryption_keys):
            problems.append(
                "LOOKUP_HASH_KEY must be its own key, not SESSION_SECRET or a data key "
                "(those are rotated; it never is)"
            )
        return problems


def _is_fernet_key(key: str) -> bool:
    try:  # a Fernet key is 32 bytes in URL-safe base64
        return len(base64.urlsafe_b64decode(key.encode("ascii"))) == 32
    except (ValueError, UnicodeEncodeError):
        return False


def load_settings() -> Settings:
    """Build settings from the environment (after loading ``.env`` if present)."""
    _load_dotenv(PROJECT_ROOT / ".env")
    clinic = ClinicSettings(
        name=_env("CLINIC_NAME"),
        phone=_env("CLINIC_PHONE"),
        email=_env("CLINIC_EMAIL"),
        hours=_env("CLINIC_HOURS"),
        booking_url=_env("CLINIC_BOOKING_URL"),
        city=_env("CLINIC_CITY"),
        timezone=_env("CLINIC_TIMEZONE", "America/New_York"),
        open_days=tuple(int(d) for d in _env("CLINIC_OPEN_DAYS", "0,1,2,3,4").split(",") if d),
        open_hour=_env_int("CLINIC_OPEN_HOUR", 9),
        close_hour=_env_int("CLINIC_CLOSE_HOUR", 17),
    )
    return Settings(
        env=_env("INTAKE_ENV", "development"),
        database_url=_env("DATABASE_URL") or default_database_url(),
        web_host=_env("WEB_HOST", "127.0.0.1"),
        web_port=_env_int("WEB_PORT", 8000),
        endpoints_file=_env("RASA_ENDPOINTS", "endpoints.yml"),
        public_base_url=_env("PUBLIC_BASE_URL"),
        session_secret=_env("SESSION_SECRET", "dev-only-secret"),
        audit_key=_env("AUDIT_KEY"),
        data_encryption_keys=_env_list("DATA_ENCRYPTION_KEYS"),
        lookup_hash_key=_env("LOOKUP_HASH_KEY"),
        admin_password=_env("ADMIN_PASSWORD"),
        cookie_secure=_env_bool("COOKIE_SECURE", False),
        max_message_chars=_env_int("MAX_MESSAGE_CHARS", 2000),
        rate_limit_per_conversation=_env_int("RATE_LIMIT_PER_CONVERSATION", 30),
        rate_limit_per_ip=_env_int("RATE_LIMIT_PER_IP", 120),
        login_max_failures=_env_int("LOGIN_MAX_FAILURES", 5),
        login_lockout_minutes=_env_int("LOGIN_LOCKOUT_MINUTES", 15),
        login_hash_concurrency=max(1, _env_int("LOGIN_HASH_CONCURRENCY", 2)),
        staff_idle_minutes=max(1, _env_int("STAFF_IDLE_MINUTES", 15)),
        staff_mfa=_env_bool("STAFF_MFA", True),
        screening_instruments=tuple(name.lower() for name in _env_list("SCREENING_INSTRUMENTS")),
        forwarded_allow_ips=_env_list("FORWARDED_ALLOW_IPS"),
        retention_days=_env_int("RETENTION_DAYS", 90),
        faq_answer_threshold=_env_float("FAQ_ANSWER_THRESHOLD", 0.55),
        smtp_host=_env("SMTP_HOST"),
        smtp_port=_env_int("SMTP_PORT", 25),
        smtp_user=_env("SMTP_USER"),
        smtp_password=_env("SMTP_PASSWORD"),
        smtp_starttls=_env_bool("SMTP_STARTTLS", False),
        notify_email_from=_env("NOTIFY_EMAIL_FROM", "intake-assistant@localhost"),
        notify_email_to=_env("NOTIFY_EMAIL_TO"),
        notify_webhook_url=_env("NOTIFY_WEBHOOK_URL"),
        fhir_base_url=_env("FHIR_BASE_URL").rstrip("/"),
        fhir_bearer_token=_env("FHIR_BEARER_TOKEN"),
        fhir_canonical_base=_env("FHIR_CANONICAL_BASE").rstrip("/"),
        crisis_renotify_minutes=_env_int("CRISIS_RENOTIFY_MINUTES", 15),
        outbox_poll_seconds=_env_float("OUTBOX_POLL_SECONDS", 5.0),
        crisis_country=_env("CRISIS_COUNTRY", "US"),
        crisis_triage=_env_bool("CRISIS_TRIAGE", True),
        phone_region=_env("PHONE_REGION", "US").upper(),
        spool_dir=_env("SPOOL_DIR") or str(VAR_DIR / "spool"),
        widget_allowed_origins=tuple(
            origin.rstrip("/") for origin in _env_list("WIDGET_ALLOWED_ORIGINS")
        ),
        app_processes=max(0, _env_int("APP_PROCESSES", 0)),
        replicas=_env_int("REPLICAS", 2),
        redis_url=_env("REDIS_URL", "redis://127.0.0.1:6379/0"),
        clinic=clinic,
    )


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, read once. Tests call ``get_settings.cache_clear()``."""
    return load_settings()
