"""Every bot text passes the response lint (no verdicts, diagnoses, doses or medication
directives; crisis texts carry 988), and the lint itself catches what it must."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.domain_responses import load_domain
from bot.safety.lint import lint_crisis_text, lint_text, mentions_crisis
from bot.safety.resources import (
    CrisisReply,
    crisis_reply,
    get_resources,
    reminder_reply,
    safe_now_reply,
)
from bot.settings import PROJECT_ROOT
from tests.responses import render_response

ROOT = Path(PROJECT_ROOT)
# Content files that hold no bot text (patterns and their example *visitor* messages).
NOT_BOT_TEXT_FILES = {"crisis_patterns.yml"}
# Keys whose values are data, not something the visitor reads.
NOT_BOT_TEXT_KEYS = {"examples", "keywords", "source", "reviewed_by", "id", "url", "metadata"}
# Modules besides actions/* whose UPPERCASE string constants reach visitors (bot.buttons:
# every button title, among them the answer buttons the questionnaire offers).
EXTRA_TEXT_MODULES = (
    "bot.web.chat",
    "bot.safety.resources",
    "bot.faq.profile",
    "bot.buttons",
)
# Modules besides actions/* that name domain.yml responses (``*_RESPONSE`` constants and
# ``*_RESPONSES`` maps): the wording they pick is linted as part of domain.yml.
RESPONSE_NAME_MODULES = (
    "bot.contact.messages",
    "bot.handoffs.expectations",
    "bot.screening.messages",
    "bot.triage.messages",
)


def _response_texts(responses: dict[str, Any], source: str) -> Iterator[tuple[str, str, str]]:
    for name, variations in (responses or {}).items():
        for variation in variations or []:
            for text in (variation.get("text"), (variation.get("custom") or {}).get("text")):
                if text:
                    yield f"{source}:{name}", name, text
            for button in variation.get("buttons") or []:
                yield f"{source}:{name}:button", name, str(button.get("title", ""))


def _walk_strings(node: Any, path: str) -> Iterator[tuple[str, str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            if str(key) not in NOT_BOT_TEXT_KEYS:
                yield from _walk_strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, item in enumerate(node):
            yield from _walk_strings(item, f"{path}[{index}]")
    elif isinstance(node, str) and len(node.split()) >= 3:
        yield path, node


def _module_texts(module) -> Iterator[tuple[str, str]]:
    for name, value in vars(module).items():
        if not name.isupper():
            continue
        if isinstance(value, str) and len(value.split()) >= 3:
            yield f"{module.__name__}.{name}", value
        elif isinstance(value, dict):
            for key, item in value.items():
                if isinstance(item, str) and len(item.split()) >= 2:
                    yield f"{module.__name__}.{name}[{key}]", item
                elif isinstance(item, dict) and isinstance(item.get("title"), str):
                    yield f"{module.__name__}.{name}[{key}].title", item["title"]


def collect_bot_texts() -> list[tuple[str, str]]:
    """(where, text) for every visitor-facing text we can find statically."""
    found: list[tuple[str, str]] = []
    domain = load_domain()
    found += [
        (where, text) for where, _, text in _response_texts(domain.get("responses"), "domain")
    ]
    for path in sorted((ROOT / "data" / "responses").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        found += [(w, t) for w, _, t in _response_texts(data.get("responses"), path.name)]
    for path in sorted((ROOT / "content").glob("*.yml")):
        if path.name in NOT_BOT_TEXT_FILES:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += list(_walk_strings(data, path.name))
    import actions

    for info in pkgutil.iter_modules(actions.__path__):
        found += list(_module_texts(importlib.import_module(f"actions.{info.name}")))
    for name in EXTRA_TEXT_MODULES:
        found += list(_module_texts(importlib.import_module(name)))
    return found


def named_responses() -> list[tuple[str, str]]:
    """(where, response name) for every response the code names in a module constant."""
    import actions

    modules = [f"actions.{info.name}" for info in pkgutil.iter_modules(actions.__path__)]
    found: list[tuple[str, str]] = []
    for module_name in (*modules, *RESPONSE_NAME_MODULES):
        for name, value in vars(importlib.import_module(module_name)).items():
            if name.endswith("_RESPONSE") and isinstance(value, str):
                found.append((f"{module_name}.{name}", value))
            elif name.endswith("_RESPONSES") and isinstance(value, dict):
                found += [(f"{module_name}.{name}[{k}]", v) for k, v in value.items()]
    return found


def crisis_texts() -> list[tuple[str, str]]:
    """Texts that are crisis replies and so must carry 988, rendered as the visitor reads them."""
    resources = get_resources("US")
    replies: list[CrisisReply] = [
        crisis_reply(resources, care_team_notified=notified, asked_in_general=asked)
        for notified in (True, False)
        for asked in (True, False)
    ]
    replies += [
        reminder_reply(resources),
        safe_now_reply(resources, screening_in_progress=True),
        safe_now_reply(resources, screening_in_progress=False),
    ]
    texts = [
        (f"rendered:{reply.response}", render_response(reply.response, **reply.values))
        for reply in replies
    ]
    rendered = {reply.response for reply in replies}
    domain = load_domain()
    for where, name, text in _response_texts(domain.get("responses"), "domain"):
        if name in rendered or where.endswith(":button"):
            continue
        if "crisis" in name or name == "utter_disclosure":
            texts.append((where, text))
    return texts


ALL_TEXTS = collect_bot_texts()


def test_the_collection_is_not_empty():
    """If collection silently broke, every lint test below would pass for nothing."""
    sources = {where.split(":")[0].split(".")[0] for where, _ in ALL_TEXTS}
    assert len(ALL_TEXTS) > 50
    assert {"domain", "actions", "crisis_resources"} <= sources | {
        w.split(".")[0] for w, _ in ALL_TEXTS
    }


@pytest.mark.parametrize(("where", "text"), ALL_TEXTS, ids=[w for w, _ in ALL_TEXTS])
def test_bot_text_passes_lint(where, text):
    assert lint_text(text) == [], f"{where}: {text!r}"


def test_every_response_the_code_names_is_in_the_domain():
    """Rasa silently drops ``utter_message(response=...)`` for an unknown response, and
    only the response files' wording is linted, so every name the code picks must be there."""
    domain = load_domain()
    known = set(domain["responses"])
    # The FAQ's retrieval responses (utter_faq/<topic>) live in data/responses/.
    for path in sorted((ROOT / "data" / "responses").glob("*.yml")):
        known |= set(
            (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("responses") or {}
        )
    named = named_responses()
    assert len(named) > 40
    assert [(where, name) for where, name in named if name not in known] == []


@pytest.mark.parametrize(("where", "text"), crisis_texts(), ids=[w for w, _ in crisis_texts()])
def test_crisis_texts_carry_988(where, text):
    assert lint_crisis_text(text) == [], f"{where}: {text!r}"


# --- the lint catches what it must (so the tests above can fail) -------------------------

BAD = [
    "You are eligible for ketamine therapy.",
    "Good news: you're eligible!",
    "You aren't eligible, sorry.",
    "You're not eligible for this program.",
    "You qualify for treatment.",
    "Based on your answers you don't qualify.",
    "You're a good candidate for KAP.",
    "You are not a candidate.",
    "You would be ineligible because of your blood pressure.",
    "It sounds like you have depression.",
    "You probably have PTSD.",
    "You are bipolar.",
    "You suffer from an anxiety disorder.",
    "A typical dose is 0.5 mg/kg.",
    "Take 100 mg before bed.",
    "Most people use 200 milligrams.",
    "Dissolve two lozenges under your tongue.",
    "Use 3 troches per session.",
    "Stop taking your Lexapro a week before.",
    "Start taking it again after the session.",
    "You can increase your dose if it doesn't work.",
    "You should take your benzodiazepine the night before.",
]
GOOD = [
    "The care team will review whether you qualify.",
    "Only the clinical team decides, after a full assessment.",
    "If you have depression, a clinician can talk through options with you.",
    "Please don't stop taking any medication without talking to your prescriber.",
    "I can't tell you if you are eligible; the care team will review your answers.",
    "If you are in crisis, call or text 988.",
    "Ketamine can raise blood pressure for a short time.",
]


@pytest.mark.parametrize("text", BAD)
def test_lint_catches_forbidden_wording(text):
    assert lint_text(text), f"lint missed: {text!r}"


@pytest.mark.parametrize("text", GOOD)
def test_lint_accepts_safe_wording(text):
    assert lint_text(text) == []


def test_crisis_mentions_are_recognised():
    assert mentions_crisis("If you feel suicidal, talk to a friend.")
    assert not mentions_crisis("Ketamine can raise blood pressure.")


def test_crisis_lint_requires_988():
    assert lint_crisis_text("Please call a crisis line or 911.")
    assert lint_crisis_text("Please call 911.")  # a crisis reply, even without the word
    assert lint_crisis_text("Call or text 988, or 911 in an emergency.") == []
    assert lint_crisis_text("Call 9881234") != []  # 988 must stand alone
