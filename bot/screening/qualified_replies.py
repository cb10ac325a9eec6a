"""Replies that name the question's subject and then take it back, or put it off.

"they diagnosed bipolar years ago but later changed it to BPD", "enzymes were a bit high
once but normal on the retest", "hallucinated once with a 40 degree fever as a kid": the
words of the question are there, yet the visitor is not saying a plain *yes*. Recording
*yes* would be a flip; recording *no* would decide what a withdrawn diagnosis or a one-off
with a cause means, which is the clinician's to judge. Both are recorded *not sure* and
flagged, with the verbatim reply, for the care team (the writers of the tuning sets split
between *yes* and *no* on exactly these replies, and all accepted *not sure*).

"We might start trying next year but not yet": a plan, with its own *not now*, is a *no* to
a question about now, marked for the care team to read.

A yes narrowed by the reply is *not sure*: a sign said only of an ordinary situation
("kinda? it spikes when im anxious"), or something milder than a question about severe
things asks ("mild BPD, well managed").

Pure functions over a normalised reply (lower case, see ``bot.screening.replies``).
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question
from bot.screening.answers import NO, NOT_SURE, YES
from bot.screening.reading_result import CONFIRM, NAMED, Reading
from bot.screening.reading_result import answer as _answer
from bot.screening.reply_words import EXPLICIT_YES, MILD, OVER_FOR_GOOD
from bot.text import compile_phrases, find_phrases, whole_words

# A diagnosis or a result later withdrawn, replaced or found normal.
_TAKEN_BACK = re.compile(
    r"(?<![\w'])(?:"
    r"(?:later|then|eventually|since)\s+(?:\w+\s+){0,2}?"
    r"(?:changed|dropped|removed|withdrawn|retracted|reversed|overturned|taken\s+off|"
    r"took\s+(?:it|that|the\s+diagnosis)\s+off)"
    r"|(?:changed|switched)\s+(?:it|that|the\s+diagnosis)\s+to"
    r"|(?:it\s+)?(?:was|were|got)\s+(?:later\s+)?(?:dropped|removed|withdrawn|retracted|ruled\s+out)"
    r"|ruled\s+(?:it\s+|that\s+)?out|misdiagnos\w*|wrong\s+diagnosis"
    r"|(?:took|taken|walked)\s+(?:it|that|the\s+diagnosis|the\s+label)\s+back"
    r"|turned\s+out\s+(?:to\s+be|it\s+was)"
    r"|nothing\s+(?:ever\s+)?came\s+of\s+it|came\s+to\s+nothing"
    # After screening blind 18: "they took it off my chart as an adult", "my doctor said
    # that's normal" (not "said my blood pressure is normal now", an answer about now).
    r"|(?:took|taken|removed|came)\s+(?:it\s+|that\s+|the\s+diagnosis\s+)?(?:off|from)\s+"
    r"(?:my\s+|the\s+)?(?:chart|record|records|file|notes)"
    r"|(?:doctor|dr|doc|they|he|she|gp|neurologist|cardiologist|psychiatrist|therapist)\s+"
    r"(?:said|says|told\s+me)\s+(?:that'?s|it'?s|that\s+(?:is|was)|it\s+(?:is|was)|they'?re|"
    r"they\s+(?:are|were))\s+(?:totally\s+|completely\s+|perfectly\s+|pretty\s+)?"
    r"(?:normal|benign|harmless|innocent|nothing)"
    r"|(?:normal|fine|ok|okay|clear)\s+(?:on|at|in|after)\s+(?:the\s+|a\s+)?"
    r"(?:retest|re-test|recheck|re-check|repeat\s+test|second\s+test|next\s+test|follow[-\s]?up)"
    r"|(?:retest|re-test|recheck|re-check|repeat\s+test|second\s+test)\s+(?:was\s+|came\s+back\s+)?"
    r"(?:normal|fine|ok|okay|clear)"
    r")(?![\w'])"
)

# What a one-off is put down to: an acute cause ...
_ACUTE_CAUSE = (
    r"fever|flu|infection|delirium|anesthesia|anaesthesia|surgery|"
    r"trip|acid|lsd|shrooms|mushrooms|drunk|sleep\s+deprived|"
    # A medicine that set it off: "mania on prednisone once, never otherwise".
    r"prednisone|prednisolone|steroids?|an?\s+(?:ssri|antidepressant|new\s+med\w*)"
)
# ... or a time of life ("once" only: "I was only diagnosed as a teen" is no one-off).
_CHILDHOOD = (
    r"as\s+a\s+(?:little\s+)?(?:kid|child|teen)|"
    r"when\s+i\s+was\s+(?:a\s+)?(?:kid|child|little|young|teen|teenager)"
)

# "once" with what caused it or when: a fever, a drug, anaesthesia, childhood.
_ONE_OFF = re.compile(
    rf"(?<![\w'])once(?![\w'])(?=.*(?<![\w'])(?:{_ACUTE_CAUSE}|high|{_CHILDHOOD})(?![\w']))"
    # The cause first: "mania on prednisone once".
    rf"|(?<![\w'])(?:on|from|after|with)\s+(?:{_ACUTE_CAUSE})(?![\w']).*(?<![\w'])once(?![\w'])"
)

_NOT_NOW = re.compile(
    r"(?<![\w'])(?:not\s+yet|not\s+now|not\s+right\s+now|not\s+currently|"
    r"not\s+at\s+the\s+moment|not\s+at\s+this\s+time)(?![\w'])"
)
# Words of a plan, and of a time still to come; shared by the plan rules below.
_PLAN_WORDS = r"planning|plan\s+to|hope\s+to|hoping\s+to"
_LATER_TIMES = (
    r"next\s+(?:year|month|spring|summer|fall|autumn|winter)|someday|some\s+day|in\s+the\s+future"
)
_LATER_PLAN = re.compile(
    rf"(?<![\w'])(?:{_LATER_TIMES}|one\s+day|eventually|at\s+some\s+point|later\s+on|"
    rf"{_PLAN_WORDS}|might|maybe\s+later|thinking\s+about)(?![\w'])"
)


# Something that happens rarely is not the ongoing condition a question about now asks
# about ("I get a UTI maybe once a year, otherwise fine"); whether it matters is the care
# team's to judge.
_RARE = re.compile(
    r"(?<![\w'])(?:once\s+(?:a|per|every)\s+(?:year|few\s+years|couple\s+(?:of\s+)?years)|"
    r"once\s+in\s+a\s+blue\s+moon|every\s+(?:few|couple\s+(?:of\s+)?)\s*years|"
    r"(?:very\s+)?rarely|hardly\s+ever|almost\s+never)(?![\w'])"
)
# A sign said to be everyone's: "I have mood swings but who doesn't".
_EVERYONES = re.compile(
    r"(?<![\w'])(?:who\s+doesn'?t|who\s+does\s+not|doesn'?t\s+everyone|don'?t\s+we\s+all|"
    r"like\s+everyone(?:\s+else)?|same\s+as\s+everyone|everyone\s+(?:does|has|gets))(?![\w'])"
)


# "ruled out" after no word that had named the condition the visitor's own.
_RULED_OUT = re.compile(
    r"^(?!.*(?:diagnos|dx|said i (?:had|have|might)|thought i|suspect|maybe|might|labell?ed))"
    r"(?:\w+ ){0,4}?ruled out (?!(?:it|that|this|them)(?![\w']))\w+(?: \w+)?$"
)


def taken_back(norm: str) -> bool:
    """The reply says a diagnosis or abnormal result was later withdrawn or found normal."""
    return bool(_TAKEN_BACK.search(norm))


# "only" with an acute cause: "only hallucinated with a 104 fever as a kid".
_ONLY_WITH_A_CAUSE = re.compile(
    rf"(?<![\w'])only(?![\w'])(?=.*(?<![\w'])(?:{_ACUTE_CAUSE})(?![\w']))"
)


# "…, otherwise no": the one occasion named is all there is ("when I had a really high fever
# as a kid I saw things, otherwise no").
_OTHERWISE_NO = re.compile(
    r"(?<![\w'])(?:otherwise|other than that|apart from that|besides that|aside from that)\s+"
    r"(?:no|nope|never|nothing|none|fine)(?![\w'])"
)
_A_CAUSE = re.compile(rf"(?<![\w'])(?:{_ACUTE_CAUSE}|{_CHILDHOOD})(?![\w'])")


# An illness as the occasion, in childhood: "halucinations when i had a high fever as a kid"
# (screening blind 20).
_ILL_AS_A_CHILD = re.compile(
    # Not when it came back ("and again last year", "still now").
    r"^(?!.*(?<![\w'])(?:again|still|now|since|recently|lately)(?![\w'])).*"
    r"(?<![\w'])(?:when\s+i\s+had|during|with|from)\s+(?:an?\s+)?(?:\w+\s+){0,2}?"
    rf"(?:fever|flu|infection|delirium)(?![\w']).*(?<![\w'])(?:{_CHILDHOOD})(?![\w'])"
)


def one_off_with_a_cause(norm: str) -> bool:
    """The reply puts the subject down to one occasion with a stated cause or time."""
    if _OTHERWISE_NO.search(norm) and _A_CAUSE.search(norm):
        return True
    if _ILL_AS_A_CHILD.search(norm):
        return True
    return bool(_ONE_OFF.search(norm) or _ONLY_WITH_A_CAUSE.search(norm))


# A time close enough to fall within a course of treatment: "planning to start trying after
# the new year", "going to start trying in january", "in the next couple months", "soon".
_SOON = (
    r"after\s+(?:the\s+)?new\s+year'?s?|soon|in\s+(?:january|february|march|april|may|june|"
    r"july|august|september|october|november|december)|(?:in\s+)?(?:the\s+)?next\s+(?:few|couple)"
    r"(?:\s+of)?\s+(?:weeks|months)"
)
_SOON_TIME = re.compile(rf"(?<![\w'])(?:{_SOON})(?![\w'])")
# A time still to come: "planning to start trying sometime next year".
_FUTURE_TIME = re.compile(
    rf"(?<![\w'])(?:{_LATER_TIMES}|in\s+a\s+(?:few|couple\s+of)\s+(?:months|years)|in\s+a\s+(?:year|"
    r"couple\s+(?:of\s+)?years)(?:\s+or\s+(?:two|so))?|after\s+(?:this|"
    rf"treatment|the\s+treatment|kap|ketamine)|{_SOON})(?![\w'])"
)
_NOW_WORD = re.compile(
    r"(?<![\w'])(?<!not )(?<!not right )(?:now|currently|at the moment)(?![\w'])"
)
_PLANNING = re.compile(
    rf"(?<![\w'])(?:{_PLAN_WORDS}|want\s+to|thinking\s+(?:about|of)\s+(?:trying|starting)|"
    r"(?:might|may|will|going\s+to|gonna|(?:we|i)'?ll)\s+(?:start|try|begin))(?![\w'])"
)
# "not pregnant right now": a now that is denied is no now of the plan.
_DENIED_NOW = re.compile(r"(?<![\w'])not\s+(?:\w+\s+){0,2}(?:right\s+)?now(?![\w'])")


def plan_not_now(norm: str) -> bool:
    """The reply speaks of a later plan and says "not yet" / "not now", or when it will be."""
    # ("not yet but we are trying now, hoping for next year" is about now.)
    now = bool(_NOW_WORD.search(_DENIED_NOW.sub(" ", norm)))
    if _LATER_PLAN.search(norm) and _NOT_NOW.search(norm) and not now:
        return True
    # ("we're trying now, hoping to be pregnant next year" is about now.)
    return bool(_PLANNING.search(norm) and _FUTURE_TIME.search(norm) and not now)


def qualified_reading(question: Question, norm: str) -> Reading | None:
    """A subject named and taken back, put down to one occasion, or planned for later.

    Not at the crisis question, whose own rules (bot/safety/crisis_scope.py) decide.
    """
    if question.crisis_on:
        return None
    if _RULED_OUT.search(norm):
        # "My psychiatrist ruled out psychosis" (blind 26): never named as the visitor's, so
        # nothing is taken back; a no.
        return _answer(NO, "ruled out", ambiguous=True)
    if taken_back(norm):
        return _answer(NOT_SURE, "named, then withdrawn or found normal", ambiguous=True)
    if one_off_with_a_cause(norm):
        return _answer(NOT_SURE, "once, with a cause", ambiguous=True)
    if plan_not_now(norm):
        if _SOON_TIME.search(norm):
            # Whether a plan this close falls within treatment is the care team's to judge.
            return _answer(NOT_SURE, "a plan for soon, not now", ambiguous=True)
        return _answer(NO, "a plan for later, not now", ambiguous=True)
    if question.past != "yes" and _RARE.search(norm):
        return _answer(NOT_SURE, "only rarely, asked about now", ambiguous=True)
    if _EVERYONES.search(norm):
        return _answer(NOT_SURE, "said to be everyone's", ambiguous=True)
    return None


# "racing thoughts at night but that's just anxiety i think", "that's probably just age":
# the sign is put down to something ordinary, which is the care team's to weigh.
_EXPLAINED_AWAY = re.compile(
    r"(?<![\w'])(?:that'?s|thats|it'?s|its|which is|probably|prob|i think)\s+"
    r"(?:probably\s+|prob\s+|likely\s+|most likely\s+)?(?:just|only)\s+"
    r"(?:my\s+|the\s+|from\s+(?:my\s+|the\s+)?|because of\s+(?:my\s+|the\s+)?|due to\s+(?:my\s+)?)?"
    r"(?!(?:been|getting|gotten|got|so|really|very|a|an|that|this|me|how|what|when|once|one|"
    r"started|starting|begun|beginning|the way)(?![\w']))[a-z]{3,}"
)


# A diagnosis taken back or replaced: "a psychiatrist said maybe bipolar once but later they
# decided it was ADHD" (blind 24), "turned out to be a panic attack", "misdiagnosed".
_REVISED = re.compile(
    r"(?<![\w'])(?:(?:later|eventually|afterwards|then)\s+(?:[\w']+\s+){0,3}?(?:decided|"
    r"concluded|realized|realised|figured out|changed (?:it|the diagnosis)|rediagnosed)|"
    r"turned out (?:to be|it was)|misdiagnos\w*|wrong(?:ly)? diagnos\w*)(?![\w'])"
)


def _revised_away(question: Question, norm: str) -> bool:
    """A diagnosis revised to something other than the question's subject."""
    found = _REVISED.search(norm)
    return found is not None and not set(norm[found.end() :].split()) & question.topic_words


# "that's more my BPD than bipolar": the question's subject is what the visitor puts the sign
# down to less; the care team weighs it.
_MORE_THAN = re.compile(r"(?<![\w'])more\s+(?:[\w']+\s+){1,3}?than\s+([\w']+(?:\s+[\w']+)?)")


def _put_down_to_another(question: Question, norm: str) -> bool:
    found = _MORE_THAN.search(norm)
    return found is not None and any(w in question.topic_words for w in found.group(1).split())


def narrowed_yes(question: Question, norm: str, reading: Reading) -> Reading:
    """``reading``, or not sure when its yes is narrowed to a situation or a milder degree,
    or put down to something ordinary."""
    named = reading.evidence == NAMED  # "afib, worse when stressed" names the condition
    if (
        reading.value == YES
        and _only_when(question, norm)
        and (not named or _situation_first(question, norm))
    ):
        return _answer(NOT_SURE, "only in a situation", ambiguous=True)
    if (
        reading.value == YES
        and question.asks_severe
        and (_only_when(question, norm) or _BRIEF.search(norm))
        and not _LASTING.search(norm)
    ):
        # "derealization with panic attacks, passes in 20 mins" named, but brief or only in a
        # situation, to a question about a severe form: the care team weighs it.
        return _answer(NOT_SURE, "brief or only in a situation, severe asked", ambiguous=True)
    if reading.value == YES and not named and _EXPLAINED_AWAY.search(norm):
        return _answer(NOT_SURE, "put down to something ordinary", ambiguous=True)
    if reading.value == YES and _revised_away(question, norm):
        return _answer(NOT_SURE, "a diagnosis revised", ambiguous=True)
    if reading.value == YES and _put_down_to_another(question, norm):
        return _answer(NOT_SURE, "put down to something other than the subject", ambiguous=True)
    if reading.value == YES and question.asks_severe and MILD.search(norm):
        return _answer(NOT_SURE, "milder than the question asks", ambiguous=True)
    return reading


# How long a sign lasts, said to be short: "passes in 20 mins", "only a few seconds".
# ... unless it says the sign lasts: "I dissociate after a panic attack, lose hours".
_LASTING = re.compile(
    r"(?<![\w'])(?:hours?|days?|weeks?|months?|(?:lose|lost|losing) time)(?![\w'])"
)
_BRIEF = re.compile(
    r"(?<![\w'])(?:pass(?:es|ed)? (?:in|after|quickly|fast|within)|"
    r"go(?:es)? away (?:quickly|fast|in|after)|"
    r"only (?:lasts?|lasted|for) (?:a )?(?:few |couple )?(?:seconds|minutes|mins)|"
    r"(?:\d+|few|couple of) (?:seconds|secs|minutes|mins)|"
    # "i space out but not for long", "never lasts long", "just for a moment".
    r"not (?:for )?(?:very |that |too )?long|never (?:lasts? |for )?(?:very |that )?long|"
    r"(?:only |just )?(?:for )?a (?:moment|few moments)|momentarily|briefly)(?![\w'])"
)


def _situation_first(question: Question, norm: str) -> bool:
    """ "When I was super sleep deprived I thought I saw shadows moving" (blind 24): the
    situation frames the sign named after it. "afib, worse when stressed" names the
    condition first, and the situation only says when it is worse; "I see shadows sometimes
    when I'm really exhausted" names the sign first but keeps it to the situation."""
    signs = question.named_signs(norm)
    if not signs:
        return False
    sign_at = len(" ".join(norm.split()[: signs[0].start]))
    return any(
        found.start() < sign_at
        or _RESTRICTED.search(norm[: found.start()])
        or _OCCASIONAL_OPENING.match(norm)
        for _, pattern in question.only_when_patterns
        if (found := pattern.search(norm))
    )


# Just before a situation, words that keep the sign to it ("only when", "sometimes when").
_RESTRICTED = re.compile(
    r"(?<![\w'])(?:only|just|sometimes|occasionally|usually|mostly|but)\s+(?:(?:if|when)\s+)?$"
)


# The sign kept to the situation from the first word: "occasional urgency when I'm anxious"
# (blind 32).
_OCCASIONAL_OPENING = re.compile(
    r"^(?:only|just|occasional|occasionally|sometimes|rarely)(?![\w'])"
)


def _only_when(question: Question, norm: str) -> bool:
    first = norm.split()[0]
    return first not in EXPLICIT_YES and any(p.search(norm) for _, p in question.only_when_patterns)


# "my hands shake in the morning if i don't": a negation inside an "if" clause says what
# happens without something; it is no answer.
_CONDITIONAL_NEGATION = re.compile(
    r"(?<![\w'])(?:if|unless|when|whenever)\s+(?:i|you|we)\s+(?:don'?t|dont|do not|didn'?t|"
    r"didnt|can'?t|cant)(?:\s+\w+){0,3}"
)


def without_conditional_negations(norm: str) -> str:
    """``norm`` without its "if I don't ..." clauses."""
    return _CONDITIONAL_NEGATION.sub(" ", norm)


NO_LONGER = whole_words("not anymore|not any more|no longer")


def hedged_no(question: Question, norm: str) -> Reading:
    """A hedged no ("not really"); read back as a past yes where the question asks about
    ever and the reply says "not anymore"."""
    if question.past == "yes" and NO_LONGER.search(norm):
        return Reading(CONFIRM, YES, True, "in the past, asked about ever")
    if _A_TEST.search(norm) and any(not h.negated for h in find_phrases(norm, _IN_DOUBT)):
        return _answer(NOT_SURE, "hedged no, a result in doubt", ambiguous=True)
    return _answer(NO, "hedged no", ambiguous=True)


# A test's result in doubt ("an EKG that was a little weird"), not denied ("nothing weird"),
# told with a hedged no (blind 29), is for the care team.
_DOUBT = ("abnormal", "weird", "odd", "strange", "irregular", "concerning", "flagged", "borderline")
_IN_DOUBT = [("doubt", compile_phrases(_DOUBT))]
_A_TEST = whole_words("ekg|ecg|echo|tests?|results?|bloodwork|labs?|scan|mri|ct|readings?")


def past_is_no(question: Question, norm: str) -> bool:
    """A yes said of the past answers no here: the question asks about now, and at the
    crisis question only when it is over for good ("in my twenties yes, but none for over
    a decade", blind 27; "yes, sometimes, last year" is still a yes there)."""
    if question.past == "yes":
        return False
    return not question.frequency_means_yes or bool(OVER_FOR_GOOD.search(norm))
