"""Shape of the screening NLU data (data/nlu/screening.yml) and its domain entries."""

from __future__ import annotations

import re

import yaml

from bot.domain_responses import load_domain
from bot.settings import PROJECT_ROOT

NLU_DIR = PROJECT_ROOT / "data" / "nlu"
SCREENING_INTENTS = {
    "start_screening",
    "stop_screening",
    "continue_screening",
    "explain_question",
    "change_answer",
    "unsure",
    "prefer_not_say",
}


def _examples(path) -> dict[str, list[str]]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for block in document.get("nlu", []):
        if "intent" in block:
            lines = block["examples"].splitlines()
            found[block["intent"]] = [
                re.sub(r"^\s*-\s*", "", line).strip().lower() for line in lines if line.strip()
            ]
    return found


def test_screening_intents_and_example_counts():
    examples = _examples(NLU_DIR / "screening.yml")
    assert set(examples) == SCREENING_INTENTS
    assert len(examples["start_screening"]) >= 25
    assert all(len(v) >= 10 for v in examples.values())


def test_no_screening_example_is_also_an_example_of_another_intent():
    ours = _examples(NLU_DIR / "screening.yml")
    owner = {text: intent for intent, texts in ours.items() for text in texts}
    assert len(owner) == sum(len(v) for v in ours.values()), "duplicate inside screening.yml"
    for path in NLU_DIR.glob("*.yml"):
        if path.name == "screening.yml":
            continue
        for intent, texts in _examples(path).items():
            clashes = sorted(set(texts) & set(owner))
            assert not clashes, f"{path.name}:{intent} repeats {clashes}"


def test_domain_declares_the_form_and_answer_slot_mapping():
    domain = load_domain()
    assert set(domain["intents"]) >= SCREENING_INTENTS
    form = domain["forms"]["screening_form"]["required_slots"]
    assert form == ["screening_consent", "screening_answer", "screening_free_text"]
    mapping = domain["slots"]["screening_answer"]["mappings"][0]
    assert mapping["type"] == "from_text"
    # Every intent with its own in-form rule must be excluded from answers.
    for intent in (
        "faq",
        "stop_screening",
        "explain_question",
        "change_answer",
        "request_human",
        "crisis",
    ):
        assert intent in mapping["not_intent"]
    # ...and every excluded intent must exist.
    assert set(mapping["not_intent"]) <= set(domain["intents"])
