"""Every name in bot/names.py exists in domain.yml (a typo here is a silent no-op in Rasa)."""

from __future__ import annotations

from bot import names
from bot.domain_responses import load_domain

DOMAIN = load_domain()


def _constants(suffix: str) -> dict[str, str]:
    return {k: v for k, v in vars(names).items() if k.endswith(suffix) and isinstance(v, str)}


def test_every_slot_name_is_a_domain_slot():
    slots = set(DOMAIN["slots"]) | {"requested_slot"}
    assert {k: v for k, v in _constants("_SLOT").items() if v not in slots} == {}


def test_every_form_name_is_a_domain_form():
    assert {k: v for k, v in _constants("_FORM").items() if v not in DOMAIN["forms"]} == {}


def test_every_action_name_is_a_domain_action():
    actions = set(DOMAIN["actions"])
    assert {k: v for k, v in _constants("_ACTION").items() if v not in actions} == {}


def test_the_contact_slots_are_the_contact_forms_slots_in_order():
    assert list(names.CONTACT_SLOTS) == list(DOMAIN["forms"][names.CONTACT_FORM]["required_slots"])
