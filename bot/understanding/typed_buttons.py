"""Typed replies that mean one of the offered buttons.

:func:`read_typed_button` takes what the visitor typed and the buttons the assistant offered
and returns the chosen button's payload, or None when the reply does not clearly mean one.
The phrases live in ``content/typed_replies.yml`` so the clinic can add its visitors' words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from bot.screening.answers import generic_polarity
from bot.settings import CONTENT_DIR
from bot.slips import nearest_word
from bot.text import (
    PhraseHit,
    compile_phrases,
    find_phrases,
    normalize,
    whole_words,
)

TYPED_REPLIES_FILE = CONTENT_DIR / "typed_replies.yml"

_ORDINALS = {
    "1": 0,
    "one": 0,
    "first": 0,
    "the first": 0,
    "the first one": 0,
    "first one": 0,
    "2": 1,
    "two": 1,
    "second": 1,
    "the second": 1,
    "the second one": 1,
    "second one": 1,
    "3": 2,
    "three": 2,
    "third": 2,
    "the third": 2,
    "the third one": 2,
    "third one": 2,
}


@dataclass(frozen=True)
class ButtonLexicon:
    """The phrases that choose one button payload, and how plain yes/no relate to it."""

    payload: str
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    yes_words: bool = False
    no_words: bool = False
    guarded: bool = False
    # Not chosen when the reply doubts or asks ("i don't know if i'm safe", "safe?").
    no_doubt: bool = False


# Doubt or a question around a button's words: "idk if im safe rn", "am i safe",
# "i wouldn't say safe".
_DOUBT = whole_words(
    r"if|whether|idk|dunno|don'?t know|do not know|not sure|unsure|maybe|am i|are you|"
    r"wouldn'?t say|would not say|isn'?t the word|not the word|not really"
)


# What a reply turns down rather than chooses: "a text than a call", "instead of email",
# "i hate phone calls", "i can't always pick up calls". The phrase after it is no choice.
_TURNED_DOWN = re.compile(
    r"(?:^|\s)(?:than|instead of|hate|not a fan of|(?:can'?t|cannot|don'?t)(?: always| really|"
    r" usually)? (?:take|do|answer|pick up|check)|"
    # "I don't want to change how you contact me, just send it", "no need to change my answers".
    r"(?:(?:don'?t|do not|dont) (?:want|need)|no need) to(?: (?:change|edit|update|fix))?)"
    r"(?: (?:a|an|the|my|any|getting|receiving))*$"
)
# "hmm", "um", "well" before the answer words ("ok" stays: "ok bye" closes, "ok" is no yes to
# a guarded button).
_OPENING_INTERJECTION = re.compile(r"^(?:(?:hmm+|um+|uh+|erm+|well|oh|eh|so)\s+)+")
# "been meaning to see a doctor" intends; it does not ask what something means.
# "no problem, share them" agrees; "one of the yes/no answers" names the answers ("no" in
# them negates nothing).
_IDIOMS = (
    (whole_words(r"meaning to"), "intending to"),
    (whole_words(r"no (?:problem|prob|probs|worries)(?: at all)?"), "fine"),
    (whole_words(r"yes no"), "yesno"),
)


@dataclass(frozen=True)
class TypedChoice:
    """A typed reply read as a button: its payload and the words that decided."""

    payload: str
    reason: str


# The reason given when the typed words are a button's title with a slip ("not srue").
TITLE_WITH_A_TYPO = "title with a typo"


def payload_key(payload: str) -> str:
    """A payload's key in the lexicons: intents without entities ("/affirm{...}" -> "/affirm"),
    other payloads lower-cased ("Call" -> "call")."""
    return payload.strip().split("{", 1)[0].strip().lower()


def parse_lexicons(raw: Mapping[str, Any]) -> dict[str, ButtonLexicon]:
    """Build the lexicons from the parsed YAML document."""
    buttons = (raw or {}).get("buttons") or {}
    lexicons = {}
    for payload, spec in buttons.items():
        spec = spec or {}
        key = payload_key(str(payload))
        lexicons[key] = ButtonLexicon(
            payload=key,
            patterns=compile_phrases(str(p) for p in spec.get("phrases") or []),
            yes_words=bool(spec.get("yes_words")),
            no_words=bool(spec.get("no_words")),
            guarded=bool(spec.get("guarded")),
            no_doubt=bool(spec.get("no_doubt")),
        )
    return lexicons


@lru_cache(maxsize=4)
def load_lexicons(path: Path = TYPED_REPLIES_FILE) -> dict[str, ButtonLexicon]:
    """The lexicons from ``content/typed_replies.yml`` (read once per process)."""
    return parse_lexicons(yaml.safe_load(path.read_text(encoding="utf-8")))


# A button named by its place: "first option, the questions one", "I'll take option 2",
# "the last button" (blind buttons 8).
_NAMED_PLACE = re.compile(
    r"(?<![\w'])(?:(?:the\s+)?(?P<word>first|1st|second|2nd|third|3rd|last|top|bottom|middle)\s+"
    r"(?:one|option|button|choice)|(?:option|button|choice|number)\s+(?P<digit>1|2|3|one|two|three))"
    r"(?![\w'])"
)
_PLACES = {**_ORDINALS, "1st": 0, "top": 0, "2nd": 1, "middle": 1, "3rd": 2}


def _position(norm: str, count: int) -> int | None:
    """The index of the button ``norm`` names by its place, if it names exactly one."""
    if norm in _ORDINALS:
        index = _ORDINALS[norm]
    else:
        places = list(_NAMED_PLACE.finditer(norm))
        if len(places) != 1:
            return None
        word, digit = places[0].group("word"), places[0].group("digit")
        if word in ("last", "bottom"):
            index = count - 1
        elif word == "middle" and count != 3:
            return None
        else:
            index = _PLACES[word or digit]
    return index if 0 <= index < count else None


def _title_matches(norm: str, buttons: Sequence[Mapping[str, str]]) -> str | None:
    for button in buttons:
        if normalize(str(button.get("title", ""))) == norm:
            return str(button.get("payload", ""))
    return None


def read_typed_button(
    text: str,
    buttons: Sequence[Mapping[str, str]],
    lexicons: Mapping[str, ButtonLexicon] | None = None,
) -> TypedChoice | None:
    """The offered button that ``text`` clearly means, or None.

    Decides in this order: the button's own title typed; "1"/"the second one"; the offered
    buttons' phrases (longest wins; a guarded button only when no other offered button's
    phrase appears); plain yes/no words for the button that takes them.
    """
    norm = normalize(text)
    if not norm or not buttons:
        return None
    for idiom, plain in _IDIOMS:
        norm = idiom.sub(plain, norm)
    lexicons = load_lexicons() if lexicons is None else lexicons
    titled = _title_matches(norm, buttons)
    if titled is not None:
        return TypedChoice(titled, "title")
    position = _position(norm, len(buttons))
    if position is not None and "?" not in text:  # "is the first option the one that sends?"
        return TypedChoice(str(buttons[position].get("payload", "")), "position")
    offered = {payload_key(str(b.get("payload", ""))): str(b.get("payload", "")) for b in buttons}
    known = {key: lexicons[key] for key in offered if key in lexicons}
    # A refusal phrase stays a refusal after "no" ("no, I'd rather not"); others are cancelled.
    found = _with_turned_down(norm, find_phrases(norm, _labelled(known.values())))
    all_hits = _guarded_held_back(text, found, known)
    hits = [h for h in all_hits if not h.negated or known[h.label].no_words]
    choice = _choose_by_phrases(hits, known)
    if choice is not None and known[choice].no_doubt and (_DOUBT.search(norm) or "?" in text):
        return None
    if choice is not None:
        return TypedChoice(offered[choice], f"phrase: {_phrase_of(hits, choice)}")
    safe_after_no = _after_a_no(norm, known)
    if safe_after_no is not None:
        return TypedChoice(offered[safe_after_no], "a no, then the button's words")
    # "hmm no, I'm not ready": the answer words after an opening interjection.
    plain = _OPENING_INTERJECTION.sub("", norm) or norm
    if any(h.negated for h in all_hits):
        # "don't send it yet": a refused button is no choice at all, unless a plain no
        # chooses the refusal button on screen ("no, I'm not ready" at the consent step).
        refusal = [lex for lex in known.values() if lex.no_words]
        # "dont share my answers please": only the agreeing button's words, each negated.
        refused = bool(found) and all(h.negated and known[h.label].yes_words for h in found)
        if refusal and (generic_polarity(plain) == "no" or refused):
            return TypedChoice(offered[refusal[0].payload], "no words, a button refused")
        return None
    for lexicon in known.values():
        polarity = generic_polarity(plain, strict=lexicon.guarded)
        if polarity == "yes" and lexicon.yes_words or polarity == "no" and lexicon.no_words:
            return TypedChoice(offered[lexicon.payload], f"{polarity} words")
    return _read_with_typos_fixed(norm, buttons, known, offered)


def _with_turned_down(norm: str, hits: list[PhraseHit]) -> list[PhraseHit]:
    """Hits right after words that turn them down count as negated."""
    tokens = norm.split()

    def turned_down(hit: PhraseHit) -> bool:
        before = " ".join(tokens[max(0, hit.start - 5) : hit.start])
        return not hit.negated and bool(_TURNED_DOWN.search(before))

    return [replace(hit, negated=True) if turned_down(hit) else hit for hit in hits]


# Words that hold back a button that cannot be undone, anywhere before it in its clause ("not
# ready to send", "not sure I want to send this", "wait, send it?") or after it ("send it
# later", "not yet").
_HOLD_BACK_BEFORE = frozenset(
    {"not", "no", "don't", "dont", "never", "wait", "hold", "hang", "unsure", "maybe", "idk"}
    | {"if", "whether", "before", "until", "till", "can't", "cant", "won't", "wont", "shouldn't"}
)
_HOLD_BACK_AFTER = frozenset({"yet", "later", "tomorrow", "soon"})
_CLAUSE_BREAKS = frozenset({"but", "though", "however", "so", "ok", "okay", "yes", "yeah"})


def _guarded_held_back(
    text: str, hits: list[PhraseHit], known: Mapping[str, ButtonLexicon]
) -> list[PhraseHit]:
    """A guarded button's phrase with hold-back words in its clause counts as negated.

    The clause is the phrase's part of the reply between punctuation marks, so "don't
    change anything, just send it" still sends.
    """
    if not any(known[hit.label].guarded and not hit.negated for hit in hits):
        return hits  # the usual case: nothing that sends, nothing to split
    parts = [normalize(part) for part in re.split(r"[,.;:!?]+|\s-+\s", text)]

    def held_back(hit: PhraseHit) -> bool:
        if hit.negated or not known[hit.label].guarded:
            return False
        pattern = dict(known[hit.label].patterns)[hit.phrase]
        for part in parts:
            found = pattern.search(part)
            if found is None:
                continue
            before: list[str] = []
            for token in reversed(part[: found.start()].split()):
                if token in _CLAUSE_BREAKS:
                    break
                before.append(token)
            after = part[found.end() :].split()[:3]
            if _HOLD_BACK_BEFORE & set(before) or _HOLD_BACK_AFTER & set(after):
                return True
        return False

    return [replace(hit, negated=True) if held_back(hit) else hit for hit in hits]


def _read_with_typos_fixed(
    norm: str,
    buttons: Sequence[Mapping[str, Any]],
    known: dict[str, ButtonLexicon],
    offered: dict[str, str],
) -> TypedChoice | None:
    """ "questoins pls": a word one slip away from an offered button's word is read as it.

    A guarded button only when the whole reply is one of its phrases with a slip in a word
    of five letters or more ("conifrm", typed-button blind 15): a misspelling inside a longer
    reply sends nothing.
    """
    guarded = _guarded_with_a_slip(norm, buttons, known)
    if guarded is not None:
        return TypedChoice(offered[guarded], TITLE_WITH_A_TYPO)
    unguarded = {key: lexicon for key, lexicon in known.items() if not lexicon.guarded}
    phrases = [phrase for lexicon in unguarded.values() for phrase, _ in lexicon.patterns]
    vocabulary = {word for phrase in phrases for word in phrase.split()}
    vocabulary |= {w for b in buttons for w in normalize(str(b.get("title", ""))).split()}
    fixed = " ".join(nearest_word(word, vocabulary) for word in norm.split())
    if fixed == norm:
        return None
    titled = _title_matches(fixed, buttons)
    if titled is not None and payload_key(titled) not in known.keys() - unguarded.keys():
        return TypedChoice(titled, TITLE_WITH_A_TYPO)  # "not srue", "texxt me"
    hits = [h for h in find_phrases(fixed, _labelled(unguarded.values())) if not h.negated]
    choice = _choose_by_phrases(hits, unguarded)
    if choice is None:
        return None
    return TypedChoice(offered[choice], f"phrase with a typo: {_phrase_of(hits, choice)}")


def _guarded_with_a_slip(
    norm: str, buttons: Sequence[Mapping[str, Any]], known: Mapping[str, ButtonLexicon]
) -> str | None:
    """The guarded button whose title or phrase the whole of ``norm`` is, once slips in its
    longer words are mended, or None."""
    for key, lexicon in known.items():
        if not lexicon.guarded:
            continue
        phrases = {phrase for phrase, _ in lexicon.patterns}
        phrases |= {
            normalize(str(b.get("title", "")))
            for b in buttons
            if payload_key(str(b.get("payload", ""))) == key
        }
        vocabulary = {word for phrase in phrases for word in phrase.split()}
        fixed = " ".join(
            nearest_word(word, vocabulary) if len(word) >= 5 else word for word in norm.split()
        )
        if fixed != norm and fixed in phrases:
            return key
    return None


# "no I'm safe, it was a bad moment" (typed-button blind 12): the "no" answers a worry.
_NO_THEN_I = re.compile(r"^(?:no|nope|nah) (?=(?:i'?m|im|i am) )")


def _after_a_no(norm: str, known: Mapping[str, ButtonLexicon]) -> str | None:
    """A button that must not be doubted (I'm safe), named right after an opening "no"."""
    rest = _NO_THEN_I.sub("", norm, count=1)
    if rest == norm or _DOUBT.search(rest):
        return None
    steady = [lexicon for lexicon in known.values() if lexicon.no_doubt]
    hits = [h for h in find_phrases(rest, _labelled(steady)) if not h.negated]
    return hits[0].label if hits else None


def _labelled(
    lexicons: Iterable[ButtonLexicon],
) -> list[tuple[str, list[tuple[str, re.Pattern[str]]]]]:
    return [(lexicon.payload, lexicon.patterns) for lexicon in lexicons]


def _phrase_of(hits: list[PhraseHit], label: str) -> str:
    return next(h.phrase for h in hits if h.label == label)


def _choose_by_phrases(hits: list[PhraseHit], known: Mapping[str, ButtonLexicon]) -> str | None:
    if not hits:
        return None
    longest: dict[str, int] = {}
    for hit in hits:
        longest[hit.label] = max(longest.get(hit.label, 0), hit.end - hit.start)
    labels = set(longest)
    guarded = {label for label in labels if known[label].guarded}
    if guarded and len(labels) > 1:
        labels -= guarded
    ranked = sorted(labels, key=lambda label: -longest[label])
    if len(ranked) > 1 and longest[ranked[0]] == longest[ranked[1]]:
        return None
    return ranked[0]
