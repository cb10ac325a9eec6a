"""``intake handoffs ...``: list hand-offs, show one summary, export one as FHIR."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from bot.cli._common import add_database_option, audit, engine_for, fail, json_text, print_json
from bot.cli._parsers import Subparsers, add_command, command_group
from bot.db.engine import session_scope
from bot.db.models import HANDOFF_STATUSES, Handoff
from bot.fhir.export import ExportError, export_handoff
from bot.handoffs.service import list_handoffs
from bot.settings import get_settings
from bot.summary.handoff import render_text, summary_from_dict


def handoff_row(handoff: Handoff) -> dict[str, Any]:
    """Listing fields of a hand-off: ids and state only, no visitor details."""
    return {
        "id": handoff.id,
        "conversation_id": handoff.conversation_id,
        "reason": handoff.reason,
        "urgency": handoff.urgency,
        "status": handoff.status,
        "claimed_by": handoff.claimed_by.username if handoff.claimed_by else None,
        "created_at": handoff.created_at.isoformat(),
        "updated_at": handoff.updated_at.isoformat(),
    }


def cmd_list(args: argparse.Namespace) -> int:
    """Print hand-offs (urgent first, newest first)."""
    with session_scope(engine_for(args)) as session:
        rows = [handoff_row(h) for h in list_handoffs(session=session, status=args.status)]
    if args.json:
        print_json(rows)
        return 0
    if not rows:
        print("no hand-offs")
    for row in rows:
        print(
            f"#{row['id']:<5} {row['created_at'][:16]}  {row['urgency']:<7} {row['status']:<8} "
            f"{row['reason']:<20} {row['conversation_id']}  {row['claimed_by'] or ''}".rstrip()
        )
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one hand-off summary (text or JSON); audited as a view."""

    def summary(handoff: Handoff) -> str:
        stored = handoff.summary_json or {}
        return json_text(stored) if args.json else render_text(summary_from_dict(stored))

    return _print_handoff(args, "handoff.view", summary)


def cmd_fhir(args: argparse.Namespace) -> int:
    """Print one hand-off as a FHIR R4 Bundle (validated); audited as an export."""
    return _print_handoff(
        args, "handoff.fhir", lambda handoff: json_text(export_handoff(handoff, get_settings()))
    )


def _print_handoff(args: argparse.Namespace, action: str, text: Callable[[Handoff], str]) -> int:
    """Print ``text(handoff)`` of hand-off ``args.id``, audited as ``action`` once it is made."""
    with session_scope(engine_for(args)) as session:
        handoff = session.get(Handoff, args.id)
        if handoff is None:
            return fail(f"no such hand-off: {args.id}")
        try:
            output = text(handoff)
        except ExportError as exc:  # a summary that does not make a valid FHIR Bundle
            return fail(str(exc))
        audit(session, action, f"handoff:{handoff.id}")
    print(output, end="")
    return 0


def register(subparsers: Subparsers) -> None:
    """Add the ``handoffs`` command group."""
    commands = command_group(subparsers, "handoffs", "hand-offs to the care team")

    listing = add_command(commands, "list", cmd_list, "list hand-offs")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.add_argument("--status", choices=HANDOFF_STATUSES, default=None)
    add_database_option(listing)

    show = add_command(commands, "show", cmd_show, "print one hand-off summary")
    show.add_argument("id", type=int)
    show.add_argument("--json", action="store_true")
    add_database_option(show)

    fhir = add_command(commands, "fhir", cmd_fhir, "print one hand-off as a FHIR R4 Bundle (JSON)")
    fhir.add_argument("id", type=int)
    add_database_option(fhir)
