"""Yes and no in other languages, as a whole reply (shared by every yes/no reader)."""

from __future__ import annotations

import re

from bot.text import normalize

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
# A no word opening "I don't know" or "I'm not sure", which is no answer of no.
_NOT_KNOWING = re.compile(
    r"(?:n[aã]o|non|nein) (?:sei|tenho (?:a )?certeza|(?:lo )?so|sono sicur[oa]|wei(?:ß|ss))"
    r"(?![\w'])"
)


def other_language_polarity(norm: str) -> str | None:
    """ "yes" / "no" when the whole normalised reply is yes or no in another language, or
    opens with a yes or no word no English sentence opens with."""
    word = _THANKS_TAIL.sub("", norm).strip()
    if _NOT_KNOWING.match(word):
        return None  # "não tenho certeza", "non lo so": unsure, read with the unsure words
    if word in OTHER_LANGUAGE_YES:
        return "yes"
    if word in OTHER_LANGUAGE_NO:
        return "no"
    tokens = word.split()
    if not tokens:
        return None
    if tokens[0] in _OPENING_YES:
        return "yes"
    if tokens[0] in _OPENING_NO and not other_language_qualified(word):
        # Not "no estoy embarazada pero todavía le doy el pecho": a no, then a "but".
        return "no"
    if all(t in _NO_WORDS for t in tokens) and any(t != "no" for t in tokens):
        # "non jamais", "nein nie": no words only, one of them not English.
        return "no"
    # "pressão alta não", "Bipolare Störung, ja": the answer word closes a reply with no
    # other answer word ("no, ahora no. hace años sí" is not a yes).
    if tokens[-1] in _CLOSING_YES and not any(t in _NO_WORDS for t in tokens):
        return "yes"
    if tokens[-1] in _OPENING_NO and not any(t in _YES_WORDS for t in tokens):
        return "no"
    return None


_NO_WORDS = OTHER_LANGUAGE_NO | {"niemals", "no"}
_CLOSING_YES = _OPENING_YES | {"ja", "oui"}
_YES_WORDS = OTHER_LANGUAGE_YES | {"yes", "yeah", "yep"}


# "but" in those languages: "oui, mais c'est contrôlé", "sí, pero con medicamentos".
_CONTRAST = re.compile(r"(?<![\w'])(?:mais|pero|aber|mas|però|doch|sondern|ale|ama)(?![\w'])")


def other_language_qualified(norm: str) -> bool:
    """True when a reply in another language goes on with a "but": what follows (treated,
    controlled, in the past) may turn the answer, so it is read back, not recorded."""
    return bool(_CONTRAST.search(norm))


def reply_polarity(text: str, norm: str) -> str | None:
    """The yes or no of a reply in another language (``norm`` is ``text`` normalised): of
    the whole reply, else of its part before the first comma ("sí, tengo la presión alta"),
    except a no there followed by a "but" ("Não estou grávida, mas ainda amamento")."""
    polarity = other_language_polarity(norm)
    if polarity is not None or "," not in text:
        return polarity
    first = other_language_polarity(normalize(text.split(",", 1)[0]))
    return None if first == "no" and other_language_qualified(norm) else first
