"""Domain responses as the visitor reads them, rendered by Rasa's own generator."""

from __future__ import annotations

from functools import cache
from typing import Any

from bot.domain_responses import load_domain


@cache
def _domain_responses() -> dict[str, Any]:
    return load_domain()["responses"]


def render_response(name: str, slots: dict[str, Any] | None = None, **values: Any) -> str:
    """The text Rasa sends for domain response ``name``, filled from slots and ``values``.

    Rasa's own generator, as the server uses it for ``utter_message(response=..., **values)``.
    Fails on an unknown response (Rasa would drop the message) or a placeholder left unfilled.
    """
    from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator

    responses = _domain_responses()
    assert name in responses, f"{name} is not a response in domain.yml"
    draft = TemplatedNaturalLanguageGenerator(responses).generate_from_slots(
        name, slots or {}, "rest", **values
    )
    text = (draft or {}).get("text") or ""
    assert "{" not in text, f"{name} left a placeholder unfilled: {text!r}"
    return text
