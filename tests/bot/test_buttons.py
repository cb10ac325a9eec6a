"""Each button is defined once (bot/buttons.py) and agrees with the buttons in domain.yml."""

from __future__ import annotations

from collections import Counter

from bot import buttons
from bot.domain_responses import DOMAIN_PATH, load_domain
from bot.names import CONTACT_METHODS

DOMAIN = load_domain()


def _domain_buttons() -> list[dict[str, str]]:
    found = []
    for variations in DOMAIN["responses"].values():
        for variation in variations:
            found += variation.get("buttons") or []
    return found


def test_every_intent_payload_is_a_domain_intent():
    intents = {i if isinstance(i, str) else next(iter(i)) for i in DOMAIN["intents"]}
    payloads = {b["payload"] for b in buttons.ALL if b["payload"].startswith("/")}
    assert {p for p in payloads if p[1:].split("{")[0] not in intents} == set()


def test_the_domain_uses_the_same_payload_for_the_same_title():
    ours = {b["title"]: b["payload"] for b in buttons.ALL}
    clashes = [
        (b["title"], b["payload"], ours[b["title"]])
        for b in _domain_buttons()
        if b["title"] in ours and ours[b["title"]] != b["payload"]
    ]
    assert clashes == []


def test_titles_are_unique_and_method_payloads_are_the_slot_values():
    titles = [b["title"] for b in buttons.ALL]
    assert len(titles) == len(set(titles))
    assert [b["payload"] for b in buttons.CONTACT_METHODS] == list(CONTACT_METHODS)


def test_each_domain_button_is_written_once():
    """Later uses of a button refer to its first one (a YAML alias), never a copy."""
    written = Counter(
        line.strip().removeprefix("- ")
        for line in DOMAIN_PATH.read_text(encoding="utf-8").splitlines()
        if line.strip().removeprefix("- ").startswith("title:")
    )
    assert [title for title, count in written.items() if count > 1] == []
    assert len(_domain_buttons()) > sum(written.values())  # the aliases are buttons too
