"""The shape of a reply, whatever its words: a question back, a statement of having, a
frequency or a hedge first.

Used by :mod:`bot.screening.reading` before it looks at what the reply says about the
question. Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.safety.request_words import KETAMINE_NAMES
from bot.screening.answers import _YES_HEDGED, NO
from bot.screening.reading_result import CONFIRM, Reading, answer
from bot.screening.reply_words import (
    EXPLICIT_NO,
    EXPLICIT_YES,
    FREQUENCY,
    HAVING,
    HEDGING_WORDS,
    LAUGHTER_WORDS,
    QUESTION_OPENERS,
    WHAT_MEANS,
)

# "when I was 16 I tried" tells; "when is it safe" asks: a question word that opens a clause
# of time or place asks only when a verb follows it at once.
_CLAUSE_OPENERS = frozenset({"when", "where"})
_AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "am", "do", "does", "did", "has", "have", "had"}
    | {"can", "could", "will", "would", "should", "shall", "may", "might", "must"}
)


# Words said before a question ("wait, is this the depression question?").
_INTERJECTIONS = frozenset(
    {"wait", "sorry", "um", "uh", "hmm", "so", "ok", "okay", "oh", "huh", "eh", "erm", "uhh", "umm"}
)


def without_interjections(norm: str) -> str:
    """The reply without the interjections it opens with ("wait, so is it ...")."""
    tokens = norm.split()
    while len(tokens) > 1 and tokens[0] in _INTERJECTIONS:
        tokens = tokens[1:]
    return " ".join(tokens)


# How the visitor feels about the answer, before it: "thankfully no", "unfortunately yes"
# (typed-button blind 8). Only before a yes or a no, where it adds nothing to the answer.
# Laughter before the answer ("hahaha no") is set aside the same way.
_STANCE = re.compile(
    r"^(?:(?:thankfully|luckily|fortunately|happily|gladly|sadly|unfortunately|honestly|frankly|"
    rf"truthfully|thank god|thank goodness|thankfully enough|{LAUGHTER_WORDS})\s+)+"
    r"(?=(?:no|nope|nah|not|never|yes|yeah|yep|yup)(?![\w']))"
)


# Figures of speech with the words of a question: "my heart just isn't in my job anymore"
# (blind 26), "my heart is broken", "had my heart set on it"; they say nothing of health.
_FIGURES = re.compile(
    r"(?<![\w'])(?:(?:my |the )?heart (?:just |really )?(?:isn'?t|is not|wasn'?t|was not|is no "
    r"longer|'s not) (?:really |fully |totally )?in (?:it|this|that|\w+(?: \w+)?)|(?:my )?heart "
    r"(?:is|was|'s) (?:broken|in the right place)|broke my heart|heart ?broken|heart set on|"
    r"heart to heart|heart goes out|change of heart|by heart|from the bottom of my heart|"
    r"take (?:it|this|that) to heart|heart sank)(?![\w'])"
)


def without_stance(norm: str) -> str:
    """The reply without a word of feeling about the answer that opens it ("thankfully no")
    and without figures of speech ("my heart isn't in it")."""
    return _FIGURES.sub(" ", _STANCE.sub("", norm)).strip()


# "isn't ketamine a dissociative": a negative question, when a subject follows at once
# ("isn't an issue" tells).
_NEGATIVE_OPENERS = frozenset({"isn't", "isnt", "aren't", "arent"})
_SUBJECTS = frozenset(
    {"it", "that", "this", "there", "those", "these", "ketamine", "everyone", "he", "she", "they"}
)


# Asking what a word of the question means, in the short forms people type: "define
# hallucinations", "overactive meaning what", "hallucinations meaning?", "like what?".
_ASKS_MEANING = re.compile(
    r"^(?:define|definition of|meaning of|like what)(?![\w'])"
    r"|(?<![\w'])(?:meaning|meaning what|means what|as in what)$"
    r"|(?<![\w'])what do (?:you|u|ya) mean(?![\w'])"
)


def opens_with_question(norm: str) -> bool:
    """ "what counts as controlled?", "when is it safe", "define hallucinations": the reply
    opens by asking (or is a short question about the question's words)."""
    tokens = norm.split()
    if _ASKS_MEANING.search(norm) and len(tokens) <= 8:
        return True
    if tokens[0] in _NEGATIVE_OPENERS and len(tokens) >= 3 and tokens[1] in _SUBJECTS:
        return True
    if tokens[0] in _CLAUSE_OPENERS and len(tokens) >= 2 and tokens[1] not in _AUXILIARIES:
        return False
    # Not "could be, i never check it", "might be": a hedge, not a question.
    if tokens[0] in QUESTION_OPENERS and len(tokens) >= 3 and tokens[1] not in {"not", "n't", "be"}:
        return True
    return bool(WHAT_MEANS.search(norm)) and tokens[0] not in EXPLICIT_YES | EXPLICIT_NO


# "I get really productive bursts sometimes, is that mania?", "POTS, is that a heart thing?"
# (blind 32): what was just said, asked about at the end of a question. Not "I have afib,
# is that a problem?" or "..., is that relevant?": those answer, then ask something else.
_ASKS_WHAT_IT_IS = re.compile(
    r"(?<![\w'])(?:is|are) (?:that|those) (?!(?:ok|okay|alright|fine|right|correct|true|enough|"
    r"bad|good|serious|dangerous|relevant|important|common|normal|a problem|an issue|"
    r"a big deal|a deal ?breaker)$)(?:\w+ ){0,3}\w+$"
)


def asks_what_it_is(text: str, norm: str) -> bool:
    """ "I daydream a lot, is that dissociation?": what was just said, asked about."""
    return text.rstrip().endswith("?") and bool(_ASKS_WHAT_IT_IS.search(norm))


# Words that open an unsure reply ("maybe? waiting to take a test").
OPENING_HEDGES = frozenset({"maybe", "possibly", "perhaps", "potentially"})


def opens_with_frequency(norm: str) -> bool:
    """ "most nights", "sometimes, when it gets bad": the reply is a frequency first."""
    match = FREQUENCY.search(norm) or _YES_HEDGED.search(norm)
    return match is not None and len(norm[: match.start()].split()) <= 2


def statement_of_having(tokens: list[str]) -> bool:
    """ "I have ...", "I'm ...": the reply states something about the visitor."""
    text = " ".join(tokens)
    return bool(HAVING.search(text)) or tokens[0] in {"i'm", "im", "i've", "ive"}


# What a statement that only points back at the question is made of: "I have", "I do",
# "i've had that too", "yes I am".
_POINTING_BACK = frozenset(
    {"i", "i'm", "im", "i've", "ive", "have", "had", "has", "do", "did", "does", "am", "was"}
    | {"it", "that", "this", "those", "them", "one", "so", "too", "also", "yes", "yeah"}
    | {"unfortunately", "sadly", "actually", "already", "definitely", "got", "a", "bit", "lot"}
)


def points_back_only(tokens: list[str]) -> bool:
    """ "I have", "i've had that": a statement whose only content is the question itself."""
    return all(token in _POINTING_BACK for token in tokens)


# Words that end a bare answer and start an aside: "no lol, ...", "nah, although ...".
_ASIDE_STARTS = frozenset(
    {"though", "tho", "although", "but", "lol", "haha", "lmao", "honestly", "except", "unless"}
    # "nope, just really numb", "no, only high blood pressure" (blind 27): what there is
    # instead, after the answer.
    | {"just", "only"}
)


# "yes, my cardiologist is still adjusting my meds": a clause of its own after the answer.
# Not at the crisis question, where "yes I'm pregnant" answers another question.
_CLAUSE_STARTS = frozenset({"my", "i'm", "im", "i've", "ive", "it's", "its", "they", "he", "she"})


def answers_then_aside(norm: str, clause_may_follow: bool = False) -> bool:
    """ "no lol, I'm painfully present...", "nah, although with how much I drank...": a plain
    yes or no first, then an aside (not "no bladder issues", where the no is about the rest).
    With ``clause_may_follow``, a clause of its own ("yes, my cardiologist ...") is one too."""
    tokens = norm.split()
    starts = _ASIDE_STARTS | _CLAUSE_STARTS if clause_may_follow else _ASIDE_STARTS
    if len(tokens) > 2 and tokens[0] in EXPLICIT_NO | {"never"} and tokens[1:3] == ["not", "even"]:
        return True  # "never, not even on drugs" (blind 27): the denial said again
    return len(tokens) > 1 and tokens[0] in EXPLICIT_YES | EXPLICIT_NO and tokens[1] in starts


# The subject as something read, watched or heard about, not a state of the visitor: "I
# watched a doc about psychosis last week", "I read that ketamine is a dissociative
# anaesthetic" (blind 26). Not "I saw things", "I heard voices".
_HEARD_OF_IT = re.compile(
    r"^(?:(?:so|well|oh|also|btw|fun fact) )?(?:i |i've |ive )?(?:just |recently |once |also )?"
    r"(?:(?:watched|saw|was watching|read|was reading|listened to) (?:a|an|this|that|the|some)"
    r" (?:\w+ )?(?:doc|documentary|show|film|movie|video|article|post|thread|series|episode|"
    r"tiktok|podcast|book|study|paper|piece)|(?:read|heard|learned|saw) (?:that|about|somewhere"
    r"|online)(?! (?:voices?|things|my name))"
    # "I've read ketamine can cause psychosis, is that true?" (blind 30).
    rf"|(?:read|heard) (?:{KETAMINE_NAMES}) (?:can|could|may|might|causes?|makes?|gives?))(?![\w'])"
)
_OWN_STATE = re.compile(
    r"(?<![\w'])(?:i have|i've had|i get|i think i|me too|same here|like me)(?![\w'])"
)


def heard_of_it(norm: str) -> bool:
    """The reply speaks of the subject as something read, watched or heard about."""
    return bool(_HEARD_OF_IT.search(norm)) and not _OWN_STATE.search(norm)


# A question about privacy, with or without its question mark: "is this chat private?", "is
# my data private here" (blind 27). It asks; it does not decline to answer.
_ASKS_OPENING = re.compile(r"^(?:is|are|will|does|do|can|could|who|how|where)(?![\w'])")


def asks_about_privacy(norm: str, refusal: re.Match[str] | None, asked: bool) -> bool:
    """The refusal words in ``norm`` ("private") are a question about privacy; ``asked``:
    the reply already reads as a question."""
    if refusal is None or refusal.group(0).split()[-1] not in ("private", "personal"):
        return False
    return asked or bool(_ASKS_OPENING.match(norm))


# "weird question but no" (blind 28): a remark, then the answer itself, last.
_CLOSING_NO = re.compile(r"(?<![\w'])(?:but|though|tho|anyway|anyways|so) (?:no|nope|nah)$")


def negation_about_something_unnamed(norm: str) -> Reading:
    """A negation in a reply about something the question does not name: read back, unless
    the reply ends on a bare no after a remark ("weird question but no")."""
    if _CLOSING_NO.search(norm):
        return answer(NO, "a remark, then no", ambiguous=True)
    return Reading(CONFIRM, None, True, "a negation about something unnamed")


_THE_TREATMENT = re.compile(
    rf"(?<![\w'])(?:{KETAMINE_NAMES}|ketamin|(?:the|this) (?:treatment|therapy))(?![\w'])"
)


def asks_about_the_treatment(stripped: str, norm: str) -> bool:
    """ "ketamine won't make me see things permanently right?" (blind 29): one question about
    the treatment answers nothing, whatever its words; "no, is ketamine safe?" answers first."""
    tokens = norm.split()
    return (
        stripped.endswith("?")
        and not re.search(r"[.!;,:]\s", stripped)
        and bool(tokens)
        and tokens[0] not in EXPLICIT_NO | EXPLICIT_YES
        and bool(_THE_TREATMENT.search(norm))
    )


# "I think my dog might be sick, can I come back to this" (blind 30): at the suicide
# question a hedge whose subject is another person or thing is read back, never a yes.
_HEDGE_ABOUT_ANOTHER = re.compile(
    rf"^(?:{HEDGING_WORDS}|maybe|probably) (?:my|his|her|their|our|the) "
    r"(?!thoughts?|mind|head|brain|life|mood|depression)\w+"
)


def hedges_about_another(norm: str) -> bool:
    """The reply opens with a hedge about someone or something else ("i think my dog...")."""
    return bool(_HEDGE_ABOUT_ANOTHER.match(norm))
