"""Yes and no in other languages, as a whole reply (shared by every yes/no reader)."""

from __future__ import annotations

import re

# Yes and no in the languages visitors of US clinics most often answer in. Read only when
# they are the whole reply, with an optional thank-you ("nein", "sí", "non merci"): inside
# an English sentence they mean other things ("non-alcoholic", "da" for "the", "si" for "if").
OTHER_LANGUAGE_YES = frozenset(
    ["si", "sí", "sì", "oui", "ja", "jawohl", "sim", "da", "tak", "haan", "evet", "igen", "ano"]
    + ["kyllä", "kylla", "ndiyo"]
)
OTHER_LANGUAGE_NO = frozenset(
    ["nein", "non", "niet", "nyet", "nee", "não", "nao", "nie", "nahi", "nahin", "hayir"]
    + ["hayır", "nunca", "jamais", "nicht", "nope nein", "nej", "nei", "hapana", "không"]
)
_THANKS = (
    "gracias",
    "muchas gracias",
    "danke",
    "danke schön",
    "merci",
    "obrigado",
    "obrigada",
    "grazie",
    "spasibo",
    "dziękuję",
    "dziekuje",
    "thanks",
    "thank you",
)
_THANKS_TAIL = re.compile(r" (?:" + "|".join(re.escape(t) for t in _THANKS) + r")$")


# Words that are never English, so they answer even when a sentence follows ("não tenho
# problema de tireoide", "nein, nie gehabt").
_OPENING_YES = frozenset(["sí", "sì", "oui", "sim", "jawohl", "evet"])
_OPENING_NO = frozenset(["não", "nao", "nein", "niet", "nyet", "nahi", "nahin", "hayır", "hayir"])


def other_language_polarity(norm: str) -> str | None:
    """ "yes" / "no" when the whole normalised reply is yes or no in another language, or
    opens with a yes or no word no English sentence opens with."""
    word = _THANKS_TAIL.sub("", norm).strip()
    if word in OTHER_LANGUAGE_YES:
        return "yes"
    if word in OTHER_LANGUAGE_NO:
        return "no"
    first = word.split(" ", 1)[0]
    if first in _OPENING_YES:
        return "yes"
    if first in _OPENING_NO:
        return "no"
    return None


# "but" in those languages: "oui, mais c'est contrôlé", "sí, pero con medicamentos".
_CONTRAST = re.compile(r"(?<![\w'])(?:mais|pero|aber|mas|però|doch|sondern|ale|ama)(?![\w'])")


def other_language_qualified(norm: str) -> bool:
    """True when a reply in another language goes on with a "but": what follows (treated,
    controlled, in the past) may turn the answer, so it is read back, not recorded."""
    return bool(_CONTRAST.search(norm))
