"""Does a reply to the medications question look like a list of medicines at all?

Anything typed there used to be recorded as the visitor's medications, so "my neighbour is
mowing the lawn again" reached staff as a medication list. Medicine names cannot be listed
(brands, generics, supplements, other languages), so this looks the other way round: a
reply that reads as a sentence about something else, with nothing that marks a medicine
(a dose, a medicine word, a drug-name ending, "I take", "I'm on", or a word the MiniLM
word-piece vocabulary does not know, as it knows no brand names: "Xanax" is x/##ana/##x)
is asked again instead of recorded. Short replies and lists ("Zoloft, Lexapro") are always
taken as given.

Pure: no Rasa, no database.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tokenizers import Tokenizer

import re
from functools import lru_cache

from bot.screening.reply_words import LAUGHTER_WORD

_DOSE = re.compile(r"\d\s*(?:mg|mcg|µg|ug|g|ml|iu|units?|%)\b|\b\d+(?:\.\d+)?\s*(?:x|times)\b")
_MEDICINE_WORDS = re.compile(
    r"(?<![\w'])(?:prescribed|prescription|script|pills?|tablets?|"
    r"capsules?|meds?|medications?|medicines?|drugs?|supplements?|vitamins?|multivitamin|"
    r"gummies|gummy|drops|spray|inhaler|injection|injections|shots?|patch|cream|birth control|"
    r"contraceptive|iud|hrt|insulin|daily|nightly|twice|dose|dosage|otc|over the counter|"
    r"as needed|prn|magnesium|zinc|iron|calcium|fish oil|omega|melatonin|probiotic|"
    r"turmeric|ashwagandha|creatine|protein|caffeine|nicotine|cbd|thc|cannabis|marijuana|kratom|"
    r"aspirin|ibuprofen|"
    r"tylenol|advil|allergy|antidepressants?|ssris?|snris?|stimulants?|benzos?|"
    r"antihistamines?|blood thinners?|thyroid|hormones?|estrogen|testosterone|steroids?)"
    r"(?![\w'])"
)
# "I take", "I'm on", "been taking": someone telling what they use.
_USES = re.compile(
    r"(?:^|(?<![\w']))(?:i|i'm|im|am|also|been|currently|still|and|just|only|me|usually|"
    r"sometimes)\s+(?:on|take|taking|took|use|using)(?![\w'])|^(?:on|take|taking|taking)\s"
)
# Endings of generic drug names: sertraline, metoprolol, lorazepam, lisinopril, losartan,
# atorvastatin, omeprazole, levothyroxine, metformin, lamotrigine, bupropion, ...
_DRUG_ENDING = re.compile(
    r"[a-z]{3,}(?:ine|ol|am|pam|lam|pril|sartan|statin|azole|ide|one|min|mab|cin|cillin|"
    r"xetine|triptan|afil|vir|zine|pine|done|lone|sone|tide|fen|profen|pion|dil|rin)(?![\w'])"
)
# Words of an ordinary sentence (a verb of being or doing, or thanks) that a list of names
# lacks ("thanks for asking so many q's lol" at the medications question).
_SENTENCE_VERBS = re.compile(
    r"(?<![\w'])(?:is|are|was|were|am|i'm|im|i've|ive|been|it's|he's|she's|they're|we're|has|have|had|do|"
    r"does|did|will|would|can|could|going|went|get|got|like|love|hate|want|think|feel|"
    r"need|know|said|says|thanks|thank|asking|sorry)(?![\w'])"
)
_MIN_SENTENCE_WORDS = 4


def looks_like_something_else(norm: str, first_sentence: str = "") -> bool:
    """True when a normalised reply reads as a sentence with no sign of a medicine.

    A short first sentence without a verb is a list ("lithium... been thinking about ..."):
    what follows it does not make the reply something else.
    """
    words = norm.split()
    if len(words) < _MIN_SENTENCE_WORDS or not _SENTENCE_VERBS.search(norm):
        return False
    short_first = 0 < len(first_sentence.split()) < _MIN_SENTENCE_WORDS
    if short_first and first_sentence != norm and not _SENTENCE_VERBS.search(first_sentence):
        return False
    return not names_a_medicine(norm)


# Allergies, drinking and smoking: said at the medications question, but no medicine taken.
_NOT_TAKEN = re.compile(
    r"(?<![\w'])(?:allergic|allergy|allergies|drink|drinks|drinking|alcohol|beer|wine|smoke|"
    r"smoker|smoking|cigarettes?|vape|vaping)(?![\w'])"
)


_ALLERGY_TARGET = re.compile(r"(?<![\w'])allerg(?:ic|y|ies) to \w+")


def names_only_what_is_not_taken(norm: str) -> bool:
    """True for "I'm allergic to penicillin" or "I drink socially": no medicine taken is
    named (no dose, no medicine word, no "I take", no name but the one the allergy is to)."""
    if not _NOT_TAKEN.search(norm):
        return False
    if _DOSE.search(norm) or _MEDICINE_WORDS.search(norm) or _USES.search(norm):
        return False
    rest = _ALLERGY_TARGET.sub(" ", norm)
    return not any(_DRUG_ENDING.fullmatch(w) or _unfamiliar(w) for w in rest.split())


def names_a_medicine(norm: str) -> bool:
    """A dose, a medicine word, "I take" / "I'm on", a drug-name ending or a rare word."""
    if _DOSE.search(norm) or _MEDICINE_WORDS.search(norm) or _USES.search(norm):
        return True
    if _DRUG_ENDING.search(norm) or "+" in norm:
        return True
    return any(_unfamiliar(word) for word in norm.split())


# Chat words the vocabulary splits as if they were names ("sorry for any typos", blind 29).
_CHAT_WORDS = frozenset({"typos", "autocorrect"})
# A word the vocabulary splits into this many pieces is rare English: likely a name.
_RARE_WORD_PIECES = 3


@lru_cache(maxsize=4096)
def _unfamiliar(word: str) -> bool:
    tokenizer = _tokenizer()
    if tokenizer is None:
        return True  # without the vocabulary, every word may be a medicine's name
    if len(word) < 4 or not word.isalpha() or word in _CHAT_WORDS or LAUGHTER_WORD.fullmatch(word):
        return False
    return len(tokenizer.encode(word, add_special_tokens=False).tokens) >= _RARE_WORD_PIECES


@lru_cache(maxsize=1)
def _tokenizer() -> Tokenizer | None:
    try:
        from bot.nlu.minilm import load_tokenizer

        tokenizer: Tokenizer = load_tokenizer()
    except Exception:  # noqa: BLE001 - the model package missing must not stop a reply
        return None
    return tokenizer
