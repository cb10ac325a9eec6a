"""Whether a crisis statement is negated: a cue ("not", "never") before it, fillers between.

Used by :class:`bot.safety.crisis_matcher.CrisisMatcher`, whose pattern file gives the cue
and filler words and how far back to look. Pure spaCy tokens, no Rasa.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

# "have to", "need to": a negation before them denies the obligation, not what follows.
_OBLIGATION = frozenset({"have", "has", "need", "needs"})


def negated_before(
    doc: Doc, start: int, cues: frozenset[str], fillers: frozenset[str], window: int
) -> bool:
    """True when one of ``cues`` stands within ``window`` tokens before token ``start`` with
    only ``fillers`` in between. Two cues cancel out ("I'm never not suicidal" is a crisis
    statement)."""
    index = start - 1
    steps = 0
    found = 0
    while index >= 0 and steps < window:
        token = doc[index]
        words = {token.lower_, token.norm_}
        if token.lower_ == "no" and index + 1 < len(doc) and doc[index + 1].lower_ == "i":
            break  # "no I want to die": an interjection answering something, not negation
        if token.lower_ == "to" and index > 0 and doc[index - 1].lower_ in _OBLIGATION:
            # "so I don't have to think about wanting to die": the "not" is about having
            # to think, the wish itself stands.
            break
        if words & cues and not _emphatic_no(doc, index, cues):
            found += 1
        elif not words & fillers and not _denying_like(doc, index) and not _wish_to(doc, index):
            break
        index -= 1
        steps += 1
    return found % 2 == 1


def _emphatic_no(doc: Doc, index: int, cues: frozenset[str]) -> bool:
    """ "no never been suicidal", "no not really": a "no" that opens a denial repeats it, where
    "never not suicidal" (a cue before a cue inside one statement) cancels it."""
    following = doc[index + 1] if index + 1 < len(doc) else None
    words = {following.lower_, following.norm_} if following is not None else set()
    return doc[index].lower_ == "no" and bool(words & cues)


def _denying_like(doc: Doc, index: int) -> bool:
    """ "it's not like I'm suicidal", "I think about death a lot but not like killing myself"
    (screening blind 32): "like" right after "not" and before "I" or an -ing word denies what
    follows. Nowhere else is "like" a filler ("not ok, like I want to die")."""
    before = doc[index - 1].lower_ if index > 0 else ""
    after = doc[index + 1].lower_ if index + 1 < len(doc) else ""
    return (
        doc[index].lower_ == "like"
        and before == "not"
        and (after in {"i", "im", "i'm"} or (len(after) > 4 and after.endswith("ing")))
    )


def _wish_to(doc: Doc, index: int) -> bool:
    """ "I've never wanted to end my life" (screening blind 28): a past wish before "to" is
    denied with what follows; "I'm not wanted, I want to die" is no denial of the wish."""
    following = doc[index + 1].lower_ if index + 1 < len(doc) else ""
    return doc[index].lower_ in {"wanted", "wished"} and following == "to"
