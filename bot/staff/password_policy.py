"""Staff password rules: long enough, and not something a guessing tool tries first.

At least :data:`MIN_PASSWORD_LENGTH` characters (a passphrase of a few words is the
easiest way there), and refused when it is built on a common password or on a word
anyone would guess here (``common_passwords.txt``: "Password2024!", "ketamine clinic 1"),
is a keyboard or alphabet run ("qwertyuiop12"), uses fewer than five different
characters, or contains the username. One short list, no dependency; the sign-in lockout
and the argon2 cost do the rest.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

MIN_PASSWORD_LENGTH = 12
MAX_PASSWORD_LENGTH = 1024
MIN_DISTINCT_CHARACTERS = 5
LIST_PATH = Path(__file__).resolve().parent / "common_passwords.txt"
RUNS = (
    "abcdefghijklmnopqrstuvwxyz",
    "qwertyuiopasdfghjklzxcvbnm",
    "qwertzuiopasdfghjklyxcvbnm",
    "azertyuiopqsdfghjklmwxcvbn",
    "qazwsxedcrfvtgbyhnujmikolp",
    "0123456789",
)
LEET = str.maketrans("013457@$", "oieastas")
TOO_COMMON = (
    "That password is too easy to guess (a common password, a run of keys or a word anyone "
    "would try here). A few unrelated words together work well."
)


@functools.lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """The stems of :data:`LIST_PATH`."""
    lines = LIST_PATH.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip() and line[0] != "#")


def _letters(value: str) -> str:
    """Only the letters (of any script) of ``value``."""
    return re.sub(r"[\W\d_]+", "", value)


def _stems(password: str) -> set[str]:
    """What the password is built on: lower case, without the digits and symbols around it."""
    lowered = password.lower()
    plain = _letters(lowered)
    # "P@ssw0rd" is "password" to a guessing tool (only the letters between the ends count).
    inner = lowered.strip("0123456789!?.,;:-_ *#+~^%&=()[]{}'\"")
    return {plain, _letters(inner.translate(LEET)), re.sub(r"\s+", "", lowered)}


def _is_repetition(stem: str, words: frozenset[str]) -> bool:
    """True for a common word said again and again ("passwordpassword")."""
    for size in range(1, len(stem) // 2 + 1):
        if len(stem) % size == 0 and stem[:size] * (len(stem) // size) == stem:
            return stem[:size] in words or size <= 3
    return False


def _is_run(value: str) -> bool:
    """True for a run of neighbouring keys or letters ("qwertyuiop", "abcdefgh", "9876")."""
    if len(value) < 4:
        return False
    for run in RUNS:
        doubled = run * 2
        if value in doubled or value[::-1] in doubled:
            return True
    return False


def password_problem(password: str, username: str | None = None) -> str | None:
    """Why ``password`` is not acceptable as a staff password, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Passwords need at least {MIN_PASSWORD_LENGTH} characters."
    if len(password) > MAX_PASSWORD_LENGTH:
        return "That password is too long."
    if len(set(password.lower())) < MIN_DISTINCT_CHARACTERS:
        return TOO_COMMON
    words = common_words()
    compact = re.sub(r"[\s\W_]+", "", password.lower())
    for stem in _stems(password):
        if not stem or stem in words or _is_repetition(stem, words) or _is_run(stem):
            return TOO_COMMON
    if _is_run(compact):
        return TOO_COMMON
    name = _letters((username or "").lower())
    if len(name) >= 3 and name in _letters(password.lower()):
        return "Choose a password that does not contain your username."
    return None
