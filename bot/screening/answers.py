"""Answer values and the answer words every screening reader shares.

The values (``yes``, ``no``, ``not_sure``, ``prefer_not_to_say``, ``unclear``), the button
payloads that stand for them, the phrases of a plain, hedged or firm yes or no, and two
readers that need no question: :func:`interpret_free_text` (the medications reply: provided,
none, or declined) and :func:`generic_polarity` (a whole reply that is just yes or no). A
yes/no reply is read against its question by :func:`bot.screening.reading.read_reply`, the
one reader the assistant uses. Pure: no Rasa, no database.

The order of checks matters: "I don't know" contains "don't", "not sure" contains "not" and
"I don't think so" contains "I think so", so the more specific phrases are tested first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.screening.declines import DECLINE
from bot.screening.other_languages import other_language_polarity
from bot.screening.reply_words import FAMILY, FILLERS, STOPPED_TAKING

YES = "yes"
NO = "no"
NOT_SURE = "not_sure"
PREFER_NOT = "prefer_not_to_say"
UNCLEAR = "unclear"
VALUES = (YES, NO, NOT_SURE, PREFER_NOT, UNCLEAR)

# Button payloads and intents that stand for an answer.
_PAYLOADS = {"/affirm": YES, "/deny": NO, "/unsure": NOT_SURE, "/prefer_not_say": PREFER_NOT}


@dataclass(frozen=True)
class Interpretation:
    """What a reply means: the value, whether it was hedged/qualified, and why."""

    value: str
    ambiguous: bool
    reason: str


def _phrases(*items: str) -> re.Pattern[str]:
    """One regex matching any of ``items`` as whole words (items may contain regex)."""
    return re.compile(r"(?<![\w'])(?:" + "|".join(items) + r")(?![\w'])")


# Unsure how to say it, not of the answer: "I'm not sure how to say this but yes" (blind 28),
# "I don't know how to put it, but yes".
_HOW_TO_SAY = (
    r"(?! (?:how|where) to (?:say|put|explain|tell|word|describe|admit|start|begin|phrase)"
    r"(?![\w']))"
)
# Not knowing what one did is lost time, an answer at the dissociation question (blind 32).
_LOST_TIME = r"(?! (?:what i (?:did|was doing|said)|where i (?:was|went)|how i got)(?![\w']))"
NOT_SURE_WORDS = _phrases(
    r"not (?:really |totally |entirely |completely |100% )?(?:sure|certain)" + _HOW_TO_SAY,
    r"(?:unsure|uncertain)" + _HOW_TO_SAY,
    r"idk|dunno|dno|idek|shrug",
    r"i (?:really )?(?:don'?t|do not|dont) (?:really )?know" + _HOW_TO_SAY + _LOST_TIME,
    r"(?:don'?t|do not|dont) know" + _HOW_TO_SAY + _LOST_TIME,
    r"no idea|not a clue|no clue|beats me|who knows|your guess is as good as mine",
    # Not "I don't remember what I did" (losing time is an answer at the dissociation question).
    r"(?:i )?(?:can'?t|cannot|don'?t|do not) (?:remember|recall)(?! (?:what i (?:did|do|said)|"
    r"doing|saying|how i got|getting|where i (?:was|went)|whole|chunks|big chunks|large parts|"
    r"buying|driving|writing|texting|sending|ordering|spending|going|leaving|eating|talking|"
    r"parts of|hours|days|weeks|anything (?:i|from|about (?:those|that time))))",
    r"hard to say|not clear|unclear|maybe,? maybe not|maybe yes,? maybe no|could go either way",
    r"never (?:really |actually )?(?:been )?(?:checked|tested|asked)",
    r"never (?:ran|run|did|done|had|got) (?:any |the )?(?:tests?|bloodwork|blood work|labs?)",
    r"(?:haven'?t|have not|never) (?:been )?(?:checked|tested)",
    # "can never remember if it's hyper or hypo", "didn't say which way", "i never check it",
    # "haven't had bloodwork in forever".
    r"(?:can|could) never (?:remember|recall|tell)",
    r"(?:didn'?t|did not|never) (?:say|said|tell me|told me|specify|mention|explain) (?:which|"
    r"what kind|what type|whether|if)",
    r"(?:i )?never (?:check|measure|test|take) (?:it|them|that|mine)",
    r"(?:haven'?t|have not|hasn'?t|has not) (?:had|done|gotten|got) (?:any |my |a )?(?:tests?|"
    r"bloodwork|blood work|labs?|blood tests?|checkups?|check ups?|physicals?)",
    # "never had it measured", "haven't had my liver checked".
    r"(?:never|haven'?t|have not|hasn'?t) (?:ever |really |actually )?(?:had|got|gotten) (?:it|"
    r"them|that|this|mine|my \w+(?: \w+)?) (?:checked|tested|measured|taken|looked at)",
    r"(?:nobody|no one|no doctor)(?:'?s| has)? (?:ever )?(?:checked|tested)",
    r"who knows|no way to know|(?:it'?s |its )?(?:probably|likely) nothing",
    r"(?:couldn'?t|could not|can'?t|cannot) (?:tell you|say|be sure)|not certain|hard to tell",
    r"yes and no|yes or no|kind of yes kind of no",
    # "I've never been told either way", "no one has said either way".
    r"(?:told|said|know|tell|heard|sure) (?:me )?either way",
    # "never had liver tests that I know of": no test, so nothing known.
    r"(?:never|haven'?t|have not) (?:had|done) (?:any |my )?(?:\w+ )?(?:tests?|labs?|bloodwork) "
    r"(?:that i know of|as far as i know)",
    # "I don't know" in the other languages visitors answer in ("no sé" is not a no).
    r"no (?:lo )?s[eé]|je ne sais pas|je sais pas|wei(?:ß|ss) (?:ich )?(?:es |das )?nicht|"
    r"keine ahnung|"
    r"ni idea|aucune id[ée]e",
    # "not sure" itself: "no estoy seguro", "pas sûr", "nicht sicher", "non sono sicura".
    r"no estoy segur[oa]|(?:je ne suis )?pas s[uû]re?|(?:bin (?:mir )?)?nicht sicher|"
    r"non sono sicur[oa]|n[aã]o tenho (?:a )?certeza",
    r"n[aã]o sei|non (?:lo )?so|nie wiem",
    # Not knowing yet: "I'd have to check with my urologist", "let me ask my doctor" (not
    # "I have to check my pressure daily", a habit).
    r"(?:i'?d|i would|i'?ll|i will|let me|lemme) (?:have to |need to |probably )?(?:double ?)?"
    # Not "I'll look up and it's been 3 hours" (blind 32).
    r"(?:check|ask|look (?:it |that )?up(?! (?:and|from|at|to)(?![\w']))|find out)",
    # An assessment or result still to come: "I'm on the waiting list for a personality
    # assessment", "waiting on my bloodwork results".
    r"(?:waiting (?:list|lists)|waitlist(?:ed)?) (?:for|to see|to get|to be) (?:an? |the |my )?"
    r"(?:\w+ ){0,2}"
    r"(?:assessment|evaluation|eval|assessed|evaluated|diagnosis|tests?|testing|specialist|"
    r"psychiatrist|neurologist|cardiologist|urologist|hepatologist)|"
    r"(?:waiting|wait) (?:on|for) (?:an? |the |my |some )?"
    r"(?:\w+ )?(?:assessment|evaluation|eval|results?|referral|diagnosis|tests?)",
    r"(?:awaiting|pending) (?:an? |the |my )?(?:\w+ )?(?:assessment|evaluation|results?|diagnosis|"
    r"tests?)",
)

# Negative replies that hedge ("I don't think so") are "no" but ambiguous.
_NO_HEDGED = _phrases(
    r"i (?:don'?t|do not|dont) think so",
    r"(?:i )?(?:don'?t|do not|dont) think (?:i (?:do|am|have|was)|that'?s? (?:me|the case)|"
    r"(?:it'?s|it is|its) (?:at |to )?(?:that|this) (?:level|point|bad|extreme|serious))",
    r"probably not|likely not|maybe not|i guess not|i think not|hopefully not",
    r"not that i(?:'?m| am)? (?:know|aware)(?: of)?",
    r"not that i (?:can |could )?(?:remember|recall)",
    r"not to my knowledge|not as far as i know|i doubt it|doubt it",
    r"not anymore|not any more|no longer|not now|not currently|not at the moment",
    r"not lately|not recently",
    # "not that anyone's told me", "not that I was told" (a doctor saying nothing, after a
    # hedge, is read in bot/screening/reply_words.NOBODY_SAID).
    r"not that (?:anyone|anybody|any doctor|a doctor|my doctor|i'?ve been told|i have been told|"
    r"i was (?:ever )?told|i'?ve heard|i have heard)"
    r"(?:'?s| has| ever| have)*(?: (?:told|said|mentioned|found))?",
    r"prob not|probs not|prolly not|likely no|(?:i guess|i think|i suppose|probably),? no$",
)

_NO_FIRM = _phrases(
    # Elongated and slipped forms too: "nooo", "nopee", "nahh", "nop".
    r"no+|no+pe+|nop|noep|na+h+|na+w+|nay|no way|negative|never|none+|nothing",
    # Playful forms: "nopes", "nopers", "nopity nope".
    r"no+pe+s|no+pe+rs|nopie|nopity(?: nope)?|nah+h? fam|no sir|no ma'?am",
    r"not really|not at all|absolutely not|definitely not|certainly not|of course not",
    r"i (?:don'?t|do not|dont)(?: have)?",
    r"i(?:'?m| am) not",
    r"i (?:haven'?t|have not|havent)(?: been| had)?",
    r"i(?:'?ve| have) never",
    r"i was never|never had|never been|no history|not me",
    r"i (?:didn'?t|did not|didnt)|never did|i (?:wasn'?t|was not)",
    r"(?:don'?t|do not|doesn'?t|does not|dont) (?:have|apply|affect)",
    r"isn'?t|is not|aren'?t|are not|wasn'?t|was not",
    r"false|incorrect|n",
    "\U0001f44e",  # thumbs down
)

_NO_STRONG = _phrases(
    r"(?:definitely|absolutely|certainly|of course|surely|really|def|deff|defo) not",
    r"not (?:at all|really|ever|me|that i know|even (?:a little|a bit|slightly|once)|one bit)",
    r"nothing like that|no,? never|never ever|not (?:in )?the (?:slightest|least)|not even close",
    r"ofc not|obviously not|(?:that'?s|thats|it'?s|its|that is|gonna be) a (?:no|nope|hard no)",
    r"nuh+ uh+|uh+ uh+|nuh+|(?<!the )(?:hell|heck|fuck|god|lord|hells) (?:no|nope|nah)",
    r"^(?:i )?(?:haven'?t|have not|never have),? (?:no|nope)$",  # "Haven't, no"
    r"^(?:no|nope),? i (?:haven'?t|have not)$",
    # "doesn't apply to me", "n/a for me".
    r"(?:doesn'?t|does not|dont|don'?t|do not) apply(?: to me)?|not applicable",
)

_YES_HEDGED = _phrases(
    r"maybe|perhaps|possibly|probably|likely|might|could be",
    # "not that kind of thoughts" names a kind; it does not hedge.
    r"sort of|sorta|(?<!that )(?<!this )(?<!what )(?<!any )(?<!some )(?<!the )kind of",
    # Not "as a little kid", "a little while ago": a time, not a hedge.
    r"kinda|somewhat|a (?:little|bit)(?! (?:kid|child|boy|girl|baby|while|one))|slightly|partly|"
    r"partially",
    r"sometimes|occasionally|on and off|off and on|now and then|at times|from time to time",
    r"i (?:think|believe|guess|suppose) so",
    r"i (?:think|believe|guess|suppose)",
    r"i think i (?:do|am|have|might)|i might",
    r"borderline|mild(?:ly)?|a touch",
    # "honestly I've wondered about it, I have these weeks where I barely sleep".
    r"i'?ve (?:always |often |sometimes )?wondered|i (?:do )?wonder (?:if|whether|about)",
)

# Hedges of doubt rather than of degree: "mm maybe", "kind of?", "possibly" say the visitor
# is unsure; "a bit high", "probably", "sometimes" lean to yes.
_UNSURE_HEDGE = _phrases(
    r"maybe|perhaps|possibly|could be|might be",
    r"(?:kind of|kinda|sort of|sorta)(?= *\?| *$| hard to| not sure)",
)


def hedged_value(norm: str) -> str:
    """The value a hedged reply gives: not sure for a hedge of doubt, else yes."""
    return NOT_SURE if _UNSURE_HEDGE.search(norm) else YES


# Sounds and words that may stand before a hedge of the answer ("mm maybe", "only a bit").
_HEDGE_LEAD = re.compile(r"h+m+|m+|e+h+|u+m+|u+h+|only|just|and|so|but|yeah|yes|no|well")
# After a hedge, words pointing back to the question's subject: "I think it's a bit high",
# "thought I might be", "I think they got it wrong".
_POINTS_BACK = re.compile(r"(?:it|it's|its|they|that|be|so|mine)\b")
# A hedge of degree after a verb of state qualifies the subject: "its a bit elevated",
# "feeling kind of wired". Not one of likelihood: "it was probably reflux" names another cause.
_DEGREE = re.compile(r"kind of|kinda|sort of|sorta|somewhat|a (?:little|bit)|slightly|mild(?:ly)?")
_STATE_BEFORE = re.compile(r"(?:^|\s)(?:it's|its|is|was|were|are|been|feel|feeling|felt|gets?)\s*$")


def hedges_the_answer(norm: str) -> bool:
    """A hedge in ``norm`` qualifies its answer: it opens or closes the reply, or points back
    to the subject. Not "sorry I think I clicked the wrong thing" or "ER said it was probably
    reflux", where the hedge is about something else.
    """
    words = norm.split()
    while words and (words[0] in FILLERS or _HEDGE_LEAD.fullmatch(words[0])):
        words.pop(0)
    rest = " ".join(words)
    opening = _YES_HEDGED.match(rest)
    if opening and (
        not rest.startswith("i ") or _POINTS_BACK.match(rest[opening.end() :].strip() or "so")
    ):
        return True
    return any(
        m.end() == len(norm)
        or _POINTS_BACK.match(norm[m.end() :].strip())
        or (_DEGREE.fullmatch(m.group(0)) and _STATE_BEFORE.search(norm[: m.start()]))
        for m in _YES_HEDGED.finditer(norm)
    )


# A reply that starts with one of these words is a yes (unless hedged).
_YES_WORD = _phrases(
    r"y|ya+|yah+|yea+h*|ye+s+|ye+p+|yu+p+|yeh|ye|aye|sure|correct|right|true|affirmative",
    # Playful forms: "yessir", "yessum", "yes ma'am", "yuppers", "yeppers".
    r"ye+s+ ?(?:sir|sirree|ma'?am|um)|yu+ppers|ye+ppers|yas+|yass+ queen",
    r"yse|ys|yesh|yeas",  # slips of the keyboard
    r"definitely|absolutely|certainly|indeed|totally",
    "\U0001f44d",
)


def hedges(norm: str) -> bool:
    """True when ``norm`` holds a hedge ("maybe", "kind of", "I've wondered")."""
    return bool(_YES_HEDGED.search(norm))


def normalize(text: str) -> str:
    """Lower-case, unify apostrophes, strip punctuation other than apostrophes and %."""
    text = (text or "").strip().lower()
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    text = re.sub(r"[^\w\s'%\U0001f44d\U0001f44e]", " ", text)
    return re.sub(r"\s+", " ", text).strip()


# The visitor's own none, last, after someone else's medicines.
_MINE_NONE = re.compile(
    r"(?<![\w'])(?:i (?:take|use|have)|i'?m on|me) (?:none|nothing|no \w+)$|"
    r"(?<![\w'])(?:don'?t|do not) take (?:any|anything)(?: \w+)?$"
)
_LAST_CLAUSE = re.compile(r"^(.*)(?<![\w'])(?:but|though|so|however|and)(?![\w'])(.*)$")

# A reply that says "nothing" at the medications question: a nothing-word ("none", "nada"),
# "no meds", or a negated taking ("I'm not on any medications", "don't take anything").
_NOTHING = re.compile(
    r"^(?:no+|no+pe+|nah+|none+|non|nothing|nothin|nada|zilch|zip|nil|zero|n a|na)(?: \w+){0,3}$|"
    # "none" in the other languages visitors answer in.
    r"^(?:ningun[oa]?|ningún|rien|aucun|aucune|keine|kein|nichts|nenhum|nenhuma|nessuno|"
    r"niente)(?: \w+){0,2}$|"
    r"(?<![\w'])(?:none|nothing|nothin|nada|zilch|(?:no|zero) (?:\w+ )?(?:meds?|medications?|"
    r"medicines?|"
    r"prescriptions?|pills|drugs|supplements?|vitamins))(?![\w'])|"
    # "Ich nehme keine Medikamente", "no tomo ningún medicamento", "je ne prends rien".
    r"(?<![\w'])(?:ich nehme (?:gar )?keine|no tomo (?:ningún|ningun|ninguna|nada)|"
    r"je ne prends (?:aucun|aucune|rien)|(?:eu )?não tomo (?:nenhum|nenhuma|nada)|"
    r"(?:eu )?nao tomo (?:nenhum|nenhuma|nada))(?![\w'])|"
    # "i dont take anyting" (its common slips too), "I haven't taken any medicine in years".
    r"(?<![\w'])(?:not|never|don'?t|do not|dont|aren'?t|am not|haven'?t|havent|have not)"
    r"(?: \w+){0,3} (?:any|anything|anyting|anythin|anythng|anythig|anyhting)"
    r"(?![\w'])|"
    # "I'm med-free", "there's nothing to list".
    r"(?<![\w'])(?:(?:meds?|medication|medicine|drug|pill) ?free|nothing (?:to (?:list|report|"
    r"declare|add|mention)|worth (?:listing|mentioning)))(?![\w'])"
)
_NOTHING_NOW = re.compile(
    r"(?<![\w'])(?:nothing|none|no meds|no medications?) (?:now|currently|anymore|any more|"
    r"these days|at the moment|right now|at this point)(?![\w'])"
)
# ...unless it goes on to name something ("nothing except vitamin D", "no meds, just fish oil").
EXCEPT = re.compile(
    r"(?<![\w'])(?:except|besides|other than|apart from|aside from|but|unless|außer|ausser|"
    r"excepto|salvo|sauf|à part|exceto|"
    r"(?:just|only)(?! (?:not|don'?t|dont|nothing|none|no)(?![\w'])))(?![\w'])"
)


_LEAD_IN = frozenset(
    ["i", "i'm", "im", "i've", "ive", "am", "do", "just", "honestly", "actually", "really"]
    + ["there's", "theres", "there", "is", "totally", "completely", "all", "clear"]
    + ["currently", "presently", "literally", "um", "uh", "well", "so", "oh", "ok", "okay"]
    + ["hmm", "right", "now", "at", "the", "moment", "this", "time", "no", "nope", "nah"]
    # "zero, I don't take anything regularly": a nothing-word said first, then the sentence.
    + ["zero", "none", "nothing", "nada", "zilch", "zip"]
    # "I take no medicine", "I'm on no meds"
    + ["take", "on", "use", "have"]
)


def names_no_medication(norm: str) -> bool:
    """True when a normalised reply to the medications question says the visitor takes nothing."""
    if NOT_SURE_WORDS.search(norm):
        return False
    if _NOTHING_NOW.search(norm) and not EXCEPT.search(norm):
        return True  # "I stopped my antidepressant in May, nothing now"
    clauses = _LAST_CLAUSE.match(norm)
    if clauses:
        # "my husband is on a ton of meds but I don't take anything", "I used to be on
        # prozac but not anymore so nothing": someone else's or stopped medicines, then none.
        head, tail = clauses.group(1), clauses.group(2).strip()
        if (FAMILY.search(head) or STOPPED_TAKING.search(head)) and _says_nothing(tail):
            return True
    if FAMILY.search(norm) and _MINE_NONE.search(norm):
        return True  # "my mom takes like 12 pills a day, I take none"
    return _says_nothing(norm)


def nothing_then(norm: str) -> str | None:
    """ "no meds, just coffee": the words after a "none" and a "just"/"except", else None."""
    match = EXCEPT.search(norm)
    if match is None or not _says_nothing(norm[: match.start()].strip()):
        return None
    return norm[match.end() :].strip()


def _says_nothing(norm: str) -> bool:
    if EXCEPT.search(norm):
        return False
    match = _NOTHING.search(norm)
    # "I take lexapro, not any supplements" names a medicine before the "not any".
    return match is not None and set(norm[: match.start()].split()) <= _LEAD_IN


def interpret_free_text(text: str) -> Interpretation:
    """Interpret a reply to a free-text question (medications): provided, none, or skipped.

    The verbatim text is what matters; this only classifies the reply for the summary.
    """
    stripped = (text or "").strip()
    payload = stripped.lower().split("{", 1)[0].strip()
    if payload == "/prefer_not_say":
        return Interpretation(PREFER_NOT, False, "button")
    if payload == "/deny":
        return Interpretation("none", False, "button")
    norm = normalize(stripped)
    if not norm:
        return Interpretation(UNCLEAR, False, "empty")
    if DECLINE.fullmatch(norm) or norm in {"prefer not to say", "skip", "pass"}:
        return Interpretation(PREFER_NOT, False, "prefers not to say")
    if names_no_medication(norm) or other_language_polarity(norm) == "no":
        return Interpretation("none", False, "none")
    if NOT_SURE_WORDS.fullmatch(norm):
        return Interpretation(UNCLEAR, True, "not sure")
    return Interpretation("provided", False, "provided")


def generic_polarity(norm: str, strict: bool = False) -> str | None:
    """ "yes" or "no" when a normalised reply is a plain yes or no ("yeah sure", "nope"), else None.

    Only the answer words count; what else the reply says is for the caller to read.
    ``strict`` leaves out "ok" and "alright", which also close a conversation ("ok bye").
    """
    if not norm or _LEAVING.search(norm):
        return None
    foreign = other_language_polarity(norm)
    if foreign is not None:
        return foreign
    if DECLINE.search(norm) or NOT_SURE_WORDS.search(norm):
        return None
    if _NO_STRONG.search(norm) or _NO_HEDGED.search(norm):
        return "no"
    first = norm.split(" ", 1)[0]
    if _NO_FIRM.fullmatch(first) or first == "thumbsdown":
        return "no"
    if strict and (first in _OK_WORDS or norm in _OK_PHRASES):
        return None
    if _YES_WORD.fullmatch(first) or first == "thumbsup" or norm in _YES_PHRASES:
        return "yes"
    if first in _OK_WORDS and len(norm.split()) <= 4:
        return "yes"
    return None


_LEAVING = re.compile(
    r"(?<![\w'])(?:bye|goodbye|good bye|cya|see ya|see you|gotta go|later)(?![\w'])"
)
_OK_WORDS = frozenset({"ok", "okay", "k", "kk", "alright", "fine"})
_OK_PHRASES = frozenset({"all right", "ok sure", "okay sure"})
_YES_PHRASES = frozenset(
    {"of course", "you bet", "uh huh", "yes please", "i do", "i am", "i have", "that's me"}
    | {"ok", "okay", "k", "kk", "alright", "all right", "ok sure", "okay sure", "sounds good"}
)
