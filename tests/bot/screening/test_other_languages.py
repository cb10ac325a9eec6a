"""Yes / no in another language, read only as the whole reply."""

from __future__ import annotations

import pytest

from bot.screening.other_languages import other_language_polarity


@pytest.mark.parametrize(
    ("norm", "polarity"),
    [
        ("nein", "no"),
        ("nein danke", "no"),
        ("não", "no"),
        ("sí", "yes"),
        ("oui merci", "yes"),
        ("ja", "yes"),
        ("non-alcoholic", None),
        ("si tu veux", None),
        ("da best", None),
        ("", None),
        # No words only, or the answer word closing a reply with no other answer word.
        ("nein nie", "no"),
        ("non jamais", "no"),
        ("no", None),
        ("diabetes não", "no"),
        ("schilddrüse ja", "yes"),
        ("no ahora no hace años sí", None),
        ("i said no", None),
    ],
)
def test_whole_reply_only(norm, polarity):
    assert other_language_polarity(norm) == polarity
