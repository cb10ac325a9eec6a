"""``intake keys new`` / ``intake keys rotate``: the keys of personal data at rest.

Rotation, step by step (docs/operations.md): ``intake keys new``; put the new key first
in ``DATA_ENCRYPTION_KEYS`` (old key after it) and restart the app; ``intake keys rotate``
with the same setting; when it reports nothing left under the old key, remove that key.
"""

from __future__ import annotations

import argparse
import sys

from bot.cli._common import add_database_option, audit, engine_for, fail
from bot.cli._parsers import Subparsers, add_command, command_group
from bot.db.crypto import CryptoError, fingerprint, keyring, new_key
from bot.db.engine import session_scope
from bot.db.rotation import DEFAULT_BATCH, RotationCounts, rotate_all
from bot.settings import get_settings


def cmd_new(args: argparse.Namespace) -> int:
    """Print a fresh random key (nothing is stored)."""
    print(new_key())
    return 0


def _show(name: str, counts: RotationCounts) -> None:
    shown = ", ".join(f"{k} {v}" for k, v in counts.as_dict().items() if v)
    print(f"  {name}: {shown or 'empty'}", file=sys.stderr)


def cmd_rotate(args: argparse.Namespace) -> int:
    """Re-encrypt every value under the first key; prints counts, audits the run."""
    settings = get_settings()
    try:
        ring = keyring(settings)
    except CryptoError as exc:
        return fail(str(exc))
    engine = engine_for(args)
    key_name = fingerprint(settings.data_keys[0])
    print(f"re-encrypting under key {key_name} ({ring.count} key(s) configured)", file=sys.stderr)
    results = rotate_all(engine, batch_size=args.batch_size, ring=ring, progress=_show)
    total = RotationCounts()
    for counts in results.values():
        total.add(counts)
    with session_scope(engine) as session:
        # Counts and the key's fingerprint only: nothing about any visitor.
        audit(session, "keys.rotate", details={"key": key_name, **total.as_dict()})
    print(
        f"rotated {total.rotated}, already current {total.current}, "
        f"rewritten by the app meanwhile {total.changed}, "
        f"plaintext {total.plaintext}, undecryptable {total.undecryptable}"
    )
    if total.undecryptable:
        return fail(
            f"{total.undecryptable} value(s) open with none of the configured keys: "
            "keep every old key in DATA_ENCRYPTION_KEYS until a run reports none"
        )
    if total.plaintext:
        return fail(f"{total.plaintext} plaintext value(s): run `intake db upgrade` first")
    return 0


def register(subparsers: Subparsers) -> None:
    """Add the ``keys`` command group."""
    commands = command_group(subparsers, "keys", "keys of personal data at rest")
    add_command(commands, "new", cmd_new, "print a fresh key for DATA_ENCRYPTION_KEYS")
    rotate = add_command(
        commands,
        "rotate",
        cmd_rotate,
        "re-encrypt everything under the first key of DATA_ENCRYPTION_KEYS",
    )
    add_database_option(rotate)
    rotate.add_argument(
        "--batch-size",
        type=int,
        default=DEFAULT_BATCH,
        help=f"rows per transaction (default {DEFAULT_BATCH})",
    )
