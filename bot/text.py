"""Text normalisation and phrase matching shared by the reply readers."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace

from bot.misspellings import MISSPELLED, MISSPELLINGS

_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'"}
# Emoji that carry an answer are kept as words.
_EMOJI_WORDS = {
    "\U0001f44d": " thumbsup ",
    "\u2705": " thumbsup ",
    "\u2714": " thumbsup ",
    "\U0001f44c": " thumbsup ",
    "\U0001f44e": " thumbsdown ",
    "\u274c": " thumbsdown ",
    # A symbol typed for a button: the phone, a speech bubble, a letter, a question mark.
    "\U0001f4de": " phone ",
    "\u260e": " phone ",
    "\U0001f4ac": " text ",
    "\U0001f4e7": " email ",
    "\u2709": " email ",
    "\u2753": " question ",
    "\u2754": " question ",
    "\U0001f937": " shrug ",
}
# Apostrophes unified and emoji made words in one pass over the text.
_CHARACTERS = str.maketrans({**_APOSTROPHES, **_EMOJI_WORDS})
_NEGATIONS = frozenset(
    [
        *("not", "no", "never", "dont", "don't", "didnt", "didn't", "doesnt", "doesn't"),
        *("isnt", "isn't", "wasnt", "wasn't", "arent", "aren't", "havent", "haven't"),
        *("hasnt", "hasn't", "wont", "won't", "cant", "can't", "cannot", "without", "nor"),
        *("neither", "least"),  # "the least manic person alive" (not "at least", below)
        # "nothing like losing time", "nothing close to mania".
        "nothing",
        # "nobody ever said it", "nobody's pregnant"; in "no one" "one" is passed over.
        *("nobody", "nobody's", "nobodys"),
        # Other languages' negations, for the questions' own words in those languages
        # ("não tenho hipertensão", "keine Herzprobleme", "non traitée").
        *("não", "nao", "nicht", "kein", "keine", "keinen", "nie", "niemals", "jamais", "pas"),
        *("aucun", "aucune", "nunca", "ningún", "ninguna", "nenhum", "nenhuma", "nessun", "non"),
        *("ni", "nem", "weder", "né"),
    ]
)


_IS_BEFORE_STATE = re.compile(
    r"\b(\w+)'s\s+((?:all |totally |perfectly |pretty |completely |really )?(?:fine|ok|okay|"
    r"normal|good|healthy|great|alright|clear|perfect))\b"
)
# A contraction in a phrase matches its long form too: "don't want my" is "do not want my".
_CONTRACTIONS = {"don't": "do not", "doesn't": "does not", "didn't": "did not", "i'm": "i am"}
_CONTRACTIONS |= {"can't": "can not|cannot", "won't": "will not", "isn't": "is not"}
_BY_BARE_FORM = {short.replace("'", ""): short for short in _CONTRACTIONS}  # "dont": "don't"


_PARTICLE_OUT = re.compile(r"\bruled (?!out\b)(\w+(?: \w+)?) out\b")
_BEYOND_NORMAL = re.compile(
    r"\b(?:above|over|higher than|lower than|below|outside(?: of)?|out of|double|twice|triple|"
    r"beyond|not in) (?:the )?normal(?: range| limits| levels?)?\b"
)


def normalize(text: str | None) -> str:
    """Lower-case, unify apostrophes, keep words, digits, apostrophes and %; one space."""
    text = (text or "").strip().lower().translate(_CHARACTERS)
    text = re.sub(r"(\d)\s*/\s*(\d)", r"\1 over \2", text)  # "150/95" keeps its meaning
    # "liver's fine" says "liver is fine"; before a word of health "'s" is "is", not "of".
    text = _IS_BEFORE_STATE.sub(r"\1 is \2", text)
    text = _PARTICLE_OUT.sub(r"ruled out \1", text)  # "ruled bipolar out" = "ruled out bipolar"
    text = _BEYOND_NORMAL.sub("abnormal", text)  # "double the normal range" is not "normal"
    text = re.sub(r"[^\w\s'%]", " ", text)
    text = re.sub(r"(?<!\w)'|'(?!\w)", " ", text)
    text = MISSPELLED.sub(lambda m: MISSPELLINGS[m.group(0)], text)
    return re.sub(r"\s+", " ", text).strip()


def whole_words(alternatives: str) -> re.Pattern[str]:
    """``alternatives`` (a regex) compiled to match only whole words of a normalised text:
    not inside a word, not after an apostrophe."""
    return re.compile(rf"(?<![\w'])(?:{alternatives})(?![\w'])")


def words(text: str) -> list[str]:
    """The words of an already normalised text."""
    return text.split()


@dataclass(frozen=True)
class PhraseHit:
    """A phrase found in a normalised text: its label, span in words, and negation."""

    label: str
    phrase: str
    start: int
    end: int
    negated: bool


# Words of degree that may stand inside a situation ("when I'm really exhausted").
_DEGREE_GAP = r"\s+(?:(?:really|so|very|super|extremely|pretty|quite|totally|completely)\s+)?"


def compile_phrases(
    phrases: Iterable[str], *, degree_words: bool = False
) -> list[tuple[str, re.Pattern[str]]]:
    """Whole-word patterns for each phrase (normalised; a trailing 's' is optional).

    With ``degree_words`` a word such as "really" may stand between two of its words.
    """
    compiled = []
    gap = _DEGREE_GAP if degree_words else r"\s+"
    for phrase in phrases:
        norm = normalize(phrase)
        if not norm:
            continue
        body = gap.join(_word_or_long_form(w) for w in norm.split())
        pattern = rf"(?<![\w']){_ELIDED}{body}(?:'?s)?(?![\w'])"
        compiled.append((norm, re.compile(pattern)))
    return compiled


def _word_or_long_form(word: str) -> str:
    short = _BY_BARE_FORM.get(word.replace("'", ""))
    if short is None:
        return re.escape(word)
    contracted, spelt_out = short.replace("'", "'?"), _CONTRACTIONS[short].replace(" ", r"\s+")
    return f"(?:{contracted}|{spelt_out})"


# French and Italian elide the article into the word: "l'ipotiroidismo", "d'hépatite". The
# phrase still counts, the article with it (so the hit's words line up with the reply's).
_ELIDED = r"(?:(?:l|d|dell|nell|all|dall|sull|un|qu|j)')?"


def word_index(text: str, char_pos: int) -> int:
    """The index of the word of ``text`` that starts at or after ``char_pos``."""
    return len(text[:char_pos].split())


def is_negated(tokens: list[str], index: int, window: int = 2) -> bool:
    """True when a negation word stands within ``window`` words before ``tokens[index]``.

    Looking back stops at a contrast word: in "not pregnant but trying" nothing negates
    "trying".
    """
    return negating_word(tokens, index, window) is not None


def negating_word(tokens: list[str], index: int, window: int = 2) -> str | None:
    """The negation word :func:`is_negated` finds before ``tokens[index]``, or None.

    "don't worry" and "no worries" negate nothing that follows ("don't worry, I'm alright").
    """
    counted = 0
    for position in range(index - 1, -1, -1):
        token = tokens[position]
        if token in _CONTRASTS:
            return None
        if token in ("or", "nor"):  # "nothing like seeing or hearing things": one more word
            counted -= 1
        if token in _NEGATIONS and _negates(tokens, position):
            return token
        # "no dx of bipolar", "no history of hepatitis": these words do not use up the window.
        if token not in _NEGATED_NOUNS and not _softener(tokens, position):
            counted += 1
            if counted >= window:
                break
    return _set_apart(tokens, index) or _doubted(tokens, index)


# "I have OCD, which is different from OCPD", "anxiety rather than psychosis": what follows
# is named to be told apart from what the visitor has.
_SET_APART = frozenset(
    {("different", "from"), ("different", "than"), ("instead", "of"), ("rather", "than")}
    | {("confused", "with"), ("mistaken", "for"), ("mistook", "for")}
    # "my diagnosis got changed from bipolar to bpd": what it was changed from is no more.
    | {("changed", "from"), ("switched", "from"), ("revised", "from"), ("downgraded", "from")}
)


def _set_apart(tokens: list[str], index: int) -> str | None:
    if index >= 2 and (tokens[index - 2], tokens[index - 1]) in _SET_APART:
        return tokens[index - 2]
    return None


_NEGATED_NOUNS = frozenset(
    {"dx", "hx", "diagnosis", "history", "of", "sign", "signs", "evidence", "any", "a", "an"}
    # Other languages' auxiliaries and articles: "nunca he tenido problemas del corazón".
    | {"he", "ha", "tenido", "tengo", "tenho", "tive", "tido", "habe", "hatte", "gehabt", "ai"}
    | {"eu", "ho", "avuto", "de", "des", "du", "el", "la", "le", "los", "las", "um", "uma"}
    | {"un", "una", "ein", "eine", "einen"}
    # "never been diagnosed with bipolar", "nunca me diagnosticaron trastorno bipolar",
    # "never full-blown psychosis": the diagnosis words and intensifiers between.
    | {"been", "diagnosed", "with", "formally", "officially", "properly", "ever", "me"}
    | {"diagnosticaron", "diagnosticado", "diagnosticada", "diagnosticou", "diagnostiziert"}
    | {"diagnostiqué", "diagnostiquée", "diagnosticato", "diagnosticata", "con", "com", "avec"}
    | {"mit", "trastorno", "transtorno", "full", "blown", "full-blown", "real", "actual"}
    # "nobody ever said bipolar", "no one has ever mentioned psychosis".
    | {"one", "one's", "said", "mentioned", "called", "suggested", "told"}
)
# "I don't really get withdrawal": "really" after a "do" negation softens it ("we aren't
# really trying" is left as it is).
_DO_NEGATIONS = frozenset({"don't", "dont", "doesn't", "doesnt", "didn't", "didnt"})


# (word, the word before it): "don't really", "nothing like", "not because I want to die".
_SOFTENERS = {("really", n) for n in _DO_NEGATIONS} | {("like", "nothing"), ("because", "not")}


def _softener(tokens: list[str], position: int) -> bool:
    return (tokens[position], tokens[position - 1] if position > 0 else "") in _SOFTENERS


_DOUBT_WINDOW = 5
# Past wishes and thoughts "never" denies with all they reach ("never considered killing
# myself"); not "don't want to", the wish itself in "I don't want to be here anymore".
_NEVER_WANTED = frozenset({"wanted", "wished", "considered", "contemplated", "planned"})


def _wish_reaches(tokens: list[str], position: int, index: int) -> bool:
    """The wish at ``position`` is of what starts at ``index``: only "to", "about" or "of"
    between ("never wanted, I want to die" denies nothing that follows)."""
    return index - position <= 3 and all(
        t in {"to", "about", "of"} for t in tokens[position + 1 : index]
    )


def _doubted(tokens: list[str], index: int) -> str | None:
    """ "I don't think I'd get withdrawal", "it's not like I'd have seizures": a doubt or a
    denial negates its whole short clause."""
    for position in range(index - 1, max(-1, index - _DOUBT_WINDOW - 1), -1):
        word = tokens[position]
        if word in _CONTRASTS:
            return None
        before = tokens[position - 1] if position > 0 else ""
        after = tokens[position + 1] if position + 1 < len(tokens) else ""
        if word == "think" and after == "so":
            # "I don't think so? I'm on birth control": the doubt answers; it ends there.
            return None
        if word == "think" and before in {"don't", "dont", "not", "didn't", "didnt"}:
            return before
        if word in {"doubt", "doubtful"}:
            return word
        if word in _NEVER_WANTED and before == "never" and _wish_reaches(tokens, position, index):
            # "I've never wanted to end my life" (blind 28): the wish itself is denied.
            return before
        if word == "like" and before in {"not", "isn't", "isnt"}:
            # "it's not like I'd have seizures or anything": the clause is denied.
            return before
    return None


_NOT_NEGATED = frozenset({"worry", "worries"})
# "non" negates in French and Italian ("non ho problemi al cuore", "non aucun problème"),
# but in English it is a prefix ("non-alcoholic fatty liver disease" is a liver disease).
_NON_NEGATES_BEFORE = frozenset(
    {"ho", "ha", "hanno", "ho mai", "sono", "è", "e", "ai", "mi", "ci", "c'è", "aucun", "aucune"}
    | {"jamais", "plus", "pas", "soffro", "prendo", "bevo", "uso", "suis", "j'ai", "mai"}
)


def _negates(tokens: list[str], position: int) -> bool:
    word, following = tokens[position], (tokens[position + 1 :] or [""])[0]
    if following in _NOT_NEGATED or (word == "least" and tokens[position - 1 : position] == ["at"]):
        return False
    return word != "non" or following in _NON_NEGATES_BEFORE


_CONTRASTS = frozenset({"but", "though", "although", "however", "yet", "and"})


# A negation said after the phrase, ending its clause: "treated, yes. controlled, not really".
_AFTER_NEGATIONS = (
    ("not", "really"),
    ("not", "at", "all"),
    ("not", "so", "much"),
    ("not", "quite"),
)
_NEW_CLAUSE_WORDS = frozenset(
    {"but", "and", "so", "though", "i", "i'm", "im", "it", "it's", "its", "my", "just", "only"}
    | {"honestly", "lol", "tbh"}
)


def _negated_after(tokens: list[str], end: int) -> bool:
    """True when a negation that ends its clause follows the phrase ending at ``end``."""
    for words in _AFTER_NEGATIONS:
        after = end + len(words)
        if tuple(tokens[end:after]) == words and (
            after == len(tokens) or tokens[after] in _NEW_CLAUSE_WORDS
        ):
            return True
    return False


def find_phrases(
    text: str, labelled: Iterable[tuple[str, list[tuple[str, re.Pattern[str]]]]]
) -> list[PhraseHit]:
    """Every labelled phrase in ``text``; overlapping hits keep the longest phrase."""
    tokens = text.split()
    hits: list[PhraseHit] = []
    for label, patterns in labelled:
        for phrase, pattern in patterns:
            for match in pattern.finditer(text):
                start = word_index(text, match.start())
                end = start + len(match.group(0).split())
                negated = phrase.split()[0] not in _NEGATIONS and (
                    is_negated(tokens, start) or _negated_after(tokens, end)
                )
                hits.append(PhraseHit(label, phrase, start, end, negated))
    hits = [
        replace(hit, negated=False) if hit.negated and _negation_is_a_phrase(hit, hits) else hit
        for hit in hits
    ]
    hits = _or_lists_negated(hits, tokens)
    hits.sort(key=lambda h: (-(h.end - h.start), h.start))
    kept: list[PhraseHit] = []
    for hit in hits:
        if all(hit.end <= k.start or hit.start >= k.end for k in kept):
            kept.append(hit)
    return sorted(kept, key=lambda h: h.start)


def _or_lists_negated(hits: list[PhraseHit], tokens: list[str]) -> list[PhraseHit]:
    """ "never had a heart attack or (a) stroke", "never a heart attack, stroke or ..." (the
    comma is gone): a phrase after "or", or in a list before one, joins a negated one."""
    done: list[PhraseHit] = []
    for hit in sorted(hits, key=lambda h: h.start):
        at = hit.start - (2 if hit.start > 1 and tokens[hit.start - 1] in ("a", "an") else 1)
        joined = at >= 0 and tokens[at] in ("or", "nor")
        before_or = tokens[hit.end : hit.end + 1] in (["or"], ["nor"])
        listed = before_or and bool(done) and done[-1].label == hit.label
        negate = not hit.negated and any(
            o.negated and (joined and o.end == at or listed and o.end == hit.start) for o in done
        )
        done.append(replace(hit, negated=True) if negate else hit)
    return done


def _negation_is_a_phrase(hit: PhraseHit, hits: list[PhraseHit]) -> bool:
    """ "don't get what this question is about": a phrase of the same label that itself opens
    with the negation ("don't get what") and runs into ``hit`` makes the negation its own."""
    return any(
        other.label == hit.label
        and other.phrase.split()[0] in _NEGATIONS
        and other.start < hit.start < other.end
        for other in hits
    )


def looks_like_question(text: str) -> bool:
    """A question mark, or a question word opening a sentence of three words or more."""
    if text.strip().endswith("?"):
        return True
    tokens = normalize(text).split()
    if len(tokens) < 3 or tokens[0] not in QUESTION_STARTS:
        return False
    return tokens[1] not in {"not", "n't", "have", "had"}


# The writer speaking of themselves: "i", "i'm", "my", "myself" (also without apostrophes).
FIRST_PERSON = frozenset(
    ["i", "i'm", "im", "i've", "ive", "i'd", "id", "i'll", "me", "my", "mine", "myself"]
)

QUESTION_STARTS = frozenset(
    [
        "what",
        "whats",
        "what's",
        "how",
        "hows",
        "how's",
        "why",
        "when",
        "where",
        "who",
        "whos",
        "who's",
        "which",
        "can",
        "could",
        "does",
        "do",
        "is",
        "are",
        "will",
        "would",
        "should",
        "may",
        "tell",
        "explain",
    ]
)
