"""``intake content ...``: inspect the curated FAQ content."""

from __future__ import annotations

import argparse
import sys

from bot.faq.content import (
    DEFAULT_CONTENT_PATH,
    FaqContentError,
    find_dosing_figures,
    load_faq_content,
    missing_required_topics,
)


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``content`` command group to the ``intake`` parser."""
    parser = subparsers.add_parser("content", help="inspect curated FAQ content")
    commands = parser.add_subparsers(dest="content_command", metavar="SUBCOMMAND")
    list_parser = commands.add_parser(
        "list", help="list FAQ topics with source and review date; non-zero exit if invalid"
    )
    list_parser.add_argument(
        "--path", default=None, help=f"FAQ response file (default: {DEFAULT_CONTENT_PATH})"
    )
    list_parser.set_defaults(func=list_topics)
    parser.set_defaults(func=lambda args: parser.print_help() or 2)


def list_topics(args: argparse.Namespace) -> int:
    """Print ``id  reviewed  source`` per topic; exit 1 when the content is invalid.

    Invalid means: the file cannot be loaded, an entry lacks text/source/date (raised by
    the loader), a required topic is missing, or an answer contains a dosing figure.
    """
    try:
        entries = load_faq_content(getattr(args, "path", None))
    except FaqContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    width = max(len(topic) for topic in entries)
    for topic, entry in sorted(entries.items()):
        print(f"{topic:<{width}}  {entry.reviewed.isoformat()}  {entry.source}")
    problems = [f"missing required topic: {topic}" for topic in missing_required_topics(entries)]
    for topic, entry in entries.items():
        for figure in find_dosing_figures(entry.text):
            problems.append(f"{topic}: dosing figure {figure!r}")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"{len(entries)} topics", file=sys.stderr)
    return 1 if problems else 0
