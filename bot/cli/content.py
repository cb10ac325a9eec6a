"""``intake content ...``: inspect the curated FAQ content and the claims behind it, and
print the questionnaires as FHIR ``Questionnaire`` resources."""

from __future__ import annotations

import argparse
import sys

from bot.cli._common import print_json
from bot.cli._parsers import Subparsers
from bot.faq.content import (
    DEFAULT_CONTENT_PATH,
    Claim,
    FaqContentError,
    find_dosing_figures,
    load_faq_content,
    missing_required_topics,
)
from bot.faq.grounding import SEEDS_ENV, SeedPages, check_content, find_seed_dir
from bot.faq.profile import (
    DEFAULT_PROFILE_PATH,
    EMPTY_PROFILE,
    ClinicProfile,
    ClinicProfileError,
    load_profile,
)
from bot.fhir.export import questionnaires_bundle
from bot.fhir.validation import FhirValidationError
from bot.questionnaire.questions import QuestionFileError
from bot.settings import get_settings


def register(subparsers: Subparsers) -> None:
    """Add the ``content`` command group to the ``intake`` parser."""
    parser = subparsers.add_parser("content", help="inspect curated FAQ content")
    commands = parser.add_subparsers(dest="content_command", metavar="SUBCOMMAND")
    list_parser = commands.add_parser(
        "list",
        help="list FAQ topics with source, review date and claims; non-zero exit if invalid",
    )
    list_parser.add_argument(
        "--path", default=None, help=f"FAQ response file (default: {DEFAULT_CONTENT_PATH})"
    )
    list_parser.add_argument(
        "--profile", default=None, help=f"clinic profile (default: {DEFAULT_PROFILE_PATH})"
    )
    list_parser.add_argument(
        "--seeds",
        default=None,
        help=f"folder of the seed pages quotes are checked against (default: ${SEEDS_ENV} "
        "or ../shared/seeds; without it quotes are not checked)",
    )
    list_parser.add_argument(
        "--no-claims", action="store_true", help="one line per topic, without its claims"
    )
    list_parser.set_defaults(func=list_topics)
    fhir_parser = commands.add_parser(
        "fhir", help="print the questionnaires as FHIR R4 Questionnaire resources (a Bundle)"
    )
    fhir_parser.set_defaults(func=print_questionnaires)

    def show_help(args: argparse.Namespace) -> int:
        parser.print_help()
        return 2

    parser.set_defaults(func=show_help)


def print_questionnaires(args: argparse.Namespace) -> int:
    """Print every Questionnaire (validated) in a ``collection`` Bundle."""
    try:
        bundle = questionnaires_bundle(get_settings())
    except (QuestionFileError, FhirValidationError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print_json(bundle)
    return 0


def _claim_line(claim: Claim, profile: ClinicProfile) -> str:
    if claim.kind != "profile":
        return claim.label()
    if profile.is_set(claim.text):
        return f'[profile] {claim.text} = "{profile.text(claim.text)}"'
    return f"[profile] {claim.text} (not set: neutral wording pointing to the care team)"


def list_topics(args: argparse.Namespace) -> int:
    """Print ``id  reviewed  source`` per topic and its claims; exit 1 when invalid.

    Invalid means: the file cannot be loaded, an entry lacks text/source/date (raised by
    the loader), a required topic is missing, an answer contains a dosing figure, the
    clinic profile is invalid, or an answer is not grounded in its claims
    (``bot.faq.grounding``; quotes are checked when the seed pages are found).
    """
    try:
        entries = load_faq_content(getattr(args, "path", None))
    except FaqContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    problems = [f"missing required topic: {topic}" for topic in missing_required_topics(entries)]
    try:
        profile = load_profile(getattr(args, "profile", None))
    except ClinicProfileError as exc:
        problems.append(str(exc))
        profile = EMPTY_PROFILE
    seed_dir = find_seed_dir(getattr(args, "seeds", None))
    show_claims = not getattr(args, "no_claims", False)
    width = max(len(topic) for topic in entries)
    for topic, entry in sorted(entries.items()):
        differ = "  (clinics differ)" if entry.clinics_differ else ""
        print(f"{topic:<{width}}  {entry.reviewed.isoformat()}  {entry.source}{differ}")
        if show_claims:
            for claim in entry.claims:
                print(f"    {_claim_line(claim, profile)}")
    for topic, entry in entries.items():
        for figure in find_dosing_figures(entry.text):
            problems.append(f"{topic}: dosing figure {figure!r}")
    problems += check_content(entries, SeedPages(seed_dir) if seed_dir else None)
    if seed_dir is None:
        print(
            f"note: seed pages not found (--seeds or ${SEEDS_ENV}): quotes were not checked",
            file=sys.stderr,
        )
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(f"{len(entries)} topics", file=sys.stderr)
    return 1 if problems else 0
