"""``bot.domain_responses``: the one reader of domain.yml's responses."""

from __future__ import annotations

from bot.domain_responses import domain_responses, load_domain, response_opening


def test_load_domain_returns_a_fresh_copy():
    first = load_domain()
    first["responses"].clear()
    assert load_domain()["responses"], "a caller's change must not leak into the next read"


def test_response_opening_stops_at_the_first_placeholder(tmp_path):
    domain = tmp_path / "domain.yml"
    domain.write_text(
        'responses:\n  utter_x:\n    - text: "Thanks {name}, noted."\n'
        '  utter_y:\n    - text: "No placeholder here."\n',
        encoding="utf-8",
    )
    assert response_opening("utter_x", domain) == "Thanks"
    assert response_opening("utter_y", domain) == "No placeholder here."
    assert set(domain_responses(domain)) == {"utter_x", "utter_y"}
