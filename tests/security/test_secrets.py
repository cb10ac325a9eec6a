"""Secrets come only from the environment: no password/secret/token literals in the repo.

Scans every file git tracks or would track (``--cached --others --exclude-standard``: the
new files count too) with YAML, Python, TOML, INI, JSON or env syntax. Allowed values are
the documented placeholders of ``bot.settings.PLACEHOLDER_SECRETS`` and ``${VAR}``
interpolation. Test files may hold throwaway credentials for throwaway databases, so they
are only checked for real-looking keys.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from bot.settings import PLACEHOLDER_SECRETS, PROJECT_ROOT
from tests.reliability.figures import record

SUFFIXES = (".py", ".yml", ".yaml", ".toml", ".ini", ".cfg", ".json", ".env", ".example")
NAME = r"[\w.-]*(?:password|passwd|pwd|secret|token|api_?key|private_?key)[\w.-]*"
ASSIGNED_LITERAL = re.compile(
    rf"""(?ix) \b{NAME} ["']? \s* (?::\s*[\w\[\]|. ]+?\s*)?  # name, optional annotation
    (?::|=|:=) \s* [rbfu]? (["'])(?P<value>[^"'\n]*)\1"""
)
YAML_PLAIN = re.compile(
    rf"""(?im)^[ \t]*-?[ \t]*{NAME}[ \t]*:[ \t]*(?P<value>[^\s"'#{{\[|>&*][^#\n]*)$"""
)
URL_WITH_PASSWORD = re.compile(r"""(?i)\b[a-z][a-z0-9+.-]*://[^/\s:@'"]+:(?P<value>[^@\s'"/]+)@""")
REAL_KEYS = re.compile(
    r"-----BEGIN [A-Z ]*PRIVATE KEY-----|AKIA[0-9A-Z]{16}|xox[abprs]-[0-9A-Za-z-]{10,}"
    r"|gh[pousr]_[A-Za-z0-9]{30,}|sk-[A-Za-z0-9]{32,}|AIza[0-9A-Za-z_-]{35}"
)
ALLOWED_VALUES = {v.lower() for v in PLACEHOLDER_SECRETS} | {"<token>", "none", "null", "~"}
# Switches ("automountServiceAccountToken: false") are no secret values.
BOOLEANS = {"true", "false", "yes", "no", "on", "off"}
# A key that names a secret object ("secretName: kap-intake-tls") holds a name, not the secret.
NAMES_AN_OBJECT = re.compile(r"(?i)^[ \t]*-?[ \t]*[\w.-]*name[ \t]*:[ \t]*[a-z0-9][a-z0-9.-]*$")


def _allowed(value: str) -> bool:
    value = value.strip()
    return (
        value.lower() in ALLOWED_VALUES
        or value.lower() in BOOLEANS
        or "${" in value  # environment interpolation
        or value.startswith("<")  # documented "<64 random characters>"
        or value.lower().startswith(("env", "os.environ", "settings."))
        # Names of fields, cookies, headers and log reasons, not values of secrets.
        or re.fullmatch(r"[a-z][a-z0-9_.-]*", value) is not None
        and any(k in value for k in ("token", "password", "secret", "csrf", "session"))
    )


def findings_in(text: str, *, test_file: bool = False, yaml: bool = True) -> list[str]:
    """Suspicious secret literals in ``text`` (``yaml``: also unquoted ``key: value``)."""
    found = [m.group(0) for m in REAL_KEYS.finditer(text)]
    if test_file:
        return found
    patterns = (ASSIGNED_LITERAL, URL_WITH_PASSWORD) + ((YAML_PLAIN,) if yaml else ())
    for pattern in patterns:
        for match in pattern.finditer(text):
            if pattern is YAML_PLAIN and NAMES_AN_OBJECT.match(match.group(0)):
                continue
            if not _allowed(match.group("value")):
                found.append(match.group(0).strip())
    return found


def project_files() -> list[str]:
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT_ROOT, capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    return [f for f in listed if f.endswith(SUFFIXES) and (PROJECT_ROOT / f).is_file()]


@pytest.mark.parametrize(
    "sample",
    [
        'SMTP_PASSWORD = "hunter2hunter2"',
        "smtp_password: s3cr3t-value",
        'session_secret="a-real-looking-value-123"',
        "DATABASE_URL=postgresql://intake:realpass@db.example:5432/intake",
        "aws = 'AKIA" + "ABCDEFGHIJKLMNOP'",  # split so this file does not trip the scan
        '{"api_key": "0123456789abcdef"}',
        "client_secret: kap-intake-tls-value",
    ],
)
def test_the_scanner_finds_planted_secrets(sample):
    assert findings_in(sample)


@pytest.mark.parametrize(
    "sample, yaml",
    [
        ('session_secret: str = "dev-only-secret"', False),
        ('password = os.environ["SMTP_PASSWORD"]', False),
        ("auth_token: ${RASA_TOKEN}", True),
        ('auth_token: "${RASA_TOKEN}"', True),
        ("tokens:\n  - [{LOWER: want}]", True),
        ('CSRF_FIELD = "csrf_token"', False),
        ("# SESSION_SECRET=<64 random characters>", True),
        ('url = "postgresql://postgres@127.0.0.1:5432/test"', False),
        ("      automountServiceAccountToken: false", True),
        ("    - secretName: kap-intake-tls", True),
    ],
)
def test_the_scanner_accepts_placeholders(sample, yaml):
    assert not findings_in(sample, yaml=yaml)


def test_no_secret_literals_in_project_files():
    files = project_files()
    assert len(files) > 50
    problems = {}
    for name in files:
        text = (PROJECT_ROOT / name).read_text(encoding="utf-8", errors="replace")
        found = findings_in(
            text, test_file=name.startswith("tests/"), yaml=name.endswith((".yml", ".yaml"))
        )
        if found:
            problems[name] = found
    record("secrets", files_scanned=len(files), literals_found=len(problems))
    assert not problems, problems


def test_settings_take_secrets_from_the_environment(monkeypatch):
    from bot.settings import load_settings

    monkeypatch.setenv("SESSION_SECRET", "x" * 40)
    monkeypatch.setenv("SMTP_PASSWORD", "from-the-env")
    monkeypatch.setenv("FHIR_BEARER_TOKEN", "tok-from-env")
    settings = load_settings()
    assert settings.session_secret == "x" * 40
    assert settings.smtp_password == "from-the-env" and settings.fhir_bearer_token == "tok-from-env"
