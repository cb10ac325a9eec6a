"""Whose thoughts, and when: crisis words at the question that asks about the visitor, now.

The questionnaire's suicide question asks "Are you *currently* having thoughts of ending
your life or of suicide?". A reply there that has crisis words only about someone else
("my brother has been suicidal, I'm worried about him") or only about a past that is over
("my last suicidal thoughts were over ten years ago") says nothing yet about the visitor
now. Starting the crisis protocol on it would record a *yes* for the visitor and alert staff
about the wrong person; recording *no* would be a guess. So at that question only, such a
reply is read back and the question asked again, about the visitor and about now.

Everywhere else (and at that question with any sign of the visitor's own or current
thoughts) the crisis detector decides as always. The tests are deliberately narrow:

- *someone else*: every surviving crisis match has another person as its subject just
  before it in the same clause, and nothing says the visitor shares it ("me too", "so am
  I", "like him").
- *past only*: the reply dates the thoughts to a finished past ("ten years ago", "when I
  was a teen", "used to", "back in 2015") and has no word of the present ("still", "now",
  "sometimes", "again", "lately", "since").
- *a question about the treatment*: every crisis match is the word suicide or suicidal in
  a question, without "I", "me" or "my", about what ketamine treats ("does ketamine help
  with suicidal thoughts?"). The visitor is asked the question about themselves.
- *denied*: every crisis match is the question's words echoed and answered with a no
  that ends the sentence ("depressed, yes. wanting to die, no", "suicidal thoughts? no").
  The visitor is asked to choose, since a mistyped no would be the costliest misreading.

Pure regular expressions over the matcher's own normalised text and matches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from bot.safety.crisis_matcher import CrisisMatch, CrisisMatcher

import re
from collections.abc import Sequence

from bot.safety.request_words import KETAMINE_NAMES

# Where the context reader leaves the scope for the crisis detector (in the reading data).
CRISIS_SCOPE_KEY = "crisis_scope"
SOMEONE_ELSE = "someone_else"
PAST_ONLY = "past_only"
DENIED = "denied"
ABOUT_THE_TREATMENT = "about_the_treatment"

_OTHER_PERSON = (
    r"(?:my|our|a|his|her|their) (?:best |close |old |ex |younger |older |little |big |teenage |"
    r"teen |adult |eldest |oldest |youngest |baby |step )?"
    r"(?:friend|brother|sister|mom|mum|mother|dad|father|son|daughter|cousin|uncle|aunt|"
    r"partner|husband|wife|boyfriend|girlfriend|ex|colleague|coworker|co worker|classmate|"
    r"grandma|grandpa|grandmother|grandfather|roommate|neighbou?r|niece|nephew|sibling|"
    r"parent|kid|child|teen|teenager|client|patient|family member|relative|bf|gf)s?"
    r"|(?:he|she|they|someone i know|someone close to me|somebody i know)"
)
# The other person, then up to five words of the same clause, then the crisis words.
_SUBJECT_BEFORE = re.compile(rf"(?<![\w'])(?:{_OTHER_PERSON})(?![\w'])(?:[ '\w]*)$")
_CLAUSE_BREAK = re.compile(r"[.,;:!?]| and i | but i | i am | i'm | im | i have | i've ")
_SHARED = re.compile(
    r"(?<![\w'])(?:me too|me as well|so am i|so do i|so have i|i do too|i am too|i'm too|"
    r"same here|same for me|i also|i have too|i've too|like him|like her|like them|"
    r"i feel the same|i think about it too|myself too|us both|both of us)(?![\w'])"
)
_PAST = re.compile(
    r"(?<![\w'])(?:(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|twenty|a few|"
    r"few|several|many|some) (?:\w+ )?(?:years?|yrs?|decades?) ago"
    r"|(?:years|decades|a long time|long) ago|ages ago"
    r"|when i was (?:a |an |in |much |way )?(?:kid|child|teen|teenager|younger|little|young|"
    r"student|high school|college|school|my teens|my twenties|\d+)"
    r"|(?:in|during|back in|throughout) (?:high school|college|uni|university|my teens|"
    r"my twenties|my early twenties|middle school|(?:19|20)\d\d)"
    r"|as a (?:kid|teen|teenager|child|young adult)|used to|years back|back then"
    r"|in my (?:early |mid |late )?(?:teens|twenties|thirties|forties|youth|\d0s|\d0's)"
    r"|once in (?:19|20)\d\d)(?![\w'])"
)
_PRESENT = re.compile(
    r"(?<![\w'])(?:still|now|nowadays|currently|lately|recently|these days|this (?:week|month|"
    r"year)|today|tonight|right now|sometimes|again|since|anymore|any more|often|every|daily|"
    r"most (?:days|nights)|at night|on and off|off and on|come back|comes back|coming back|"
    r"came back|(?:it's|it is|its|they're|they are) back|creeping|keep|keeps|i do|i am|i'm|"
    r"i feel|i think about|at times|occasionally|"
    r"still do|once in a while|here and there|bad days|worse|this past|past few|last few|"
    # "diagnosed bpd in 2019. burned my arm with a lighter last night" (held-out crisis set).
    r"last night|last week|yesterday|this morning|earlier today)"
    r"(?![\w'])"
)


def crisis_scope(matcher: CrisisMatcher, text: str) -> str | None:
    """``SOMEONE_ELSE``, ``PAST_ONLY`` or ``DENIED`` when the crisis words in ``text`` are
    only that.

    ``matcher`` is a :class:`bot.safety.crisis_matcher.CrisisMatcher`. None when there are
    no crisis words, or when any might be the visitor's own current thoughts: then the
    crisis protocol runs as always.
    """
    return not_about_the_visitor_now(matcher.normalise(text), matcher.find(text))


# "I'm fine now", "not anymore": the present named only to deny it.
_DENIED_NOW = re.compile(
    # "I'm doing much better now" (blind 25) too.
    r"(?<![\w'])(?:(?:(?:i'm|i am|im|i've been|ive been|i feel) (?:doing |feeling )?|doing |all |"
    r"feeling )(?:much |a lot |so much |way |far |a bit )?(?:fine|ok|okay|good|great|better|"
    r"well|safe|stable)(?: now| these days| today)?|"
    r"not (?:now|anymore|any more|these days|currently|lately|since)|no longer|"
    r"none (?:now|since|lately)|(?:haven't|have not|havent) (?:had|felt)(?: \w+){0,3} since|"
    # "I self harmed as a teen but no suicidal thoughts then or now" (blind 31).
    r"(?:then|before) or (?:now|since)|"
    r"nothing (?:since|now|lately)|never since"
    # "I self harmed as a teenager but nothing like that now".
    r"|nothing (?:like (?:that|it)|of the sort) (?:now|since|lately|anymore)"
    # "I had a plan once in my twenties, I'm 45 now and nowhere near that": an age now.
    r"|(?:i'm|i am|im) \d{1,2}(?: years old)? now|nowhere near (?:that|it|there|those))(?![\w'])"
)


# After the crisis words, a no that closes the sentence: "wanting to die, no",
# "suicidal thoughts? no, never". Not "no one cares", "no joke", "no I mean it".
_ANSWERED_NO = re.compile(
    # Up to two words may finish the echoed phrase before the mark: "suicidal thoughts? no".
    r"^(?P<lead>(?:\s+[\w']+){0,2}\s*[?,:;\-\u2013\u2014]+)?"
    r"\s*(?:no+|nope|nah|never|not really|not at all|not currently|"
    r"not now)(?:\s*[,.]?\s*(?:never|not at all|not really|thankfully|not now|not currently))?"
    r"\s*[.!]*\s*(?:$|[.;]\s)"
)


_FIRST_PERSON = frozenset({"i", "i'm", "im", "i've", "ive", "me", "myself"})


# A joke, then a no that ends the reply: "if my team loses the final again I'll jump off a
# bridge lol. but no, seriously, no" (blind 31). The visitor is asked to choose.
_JOKE_THEN_NO = re.compile(
    r"^\s+(?:lol+|lmao+|lmfao|haha\w*|jk|just kidding|kidding)[\s.!,]*(?:but\s+)?(?:no+|nope|nah)"
    r"(?:[\s,.!]*(?:seriously|honestly|really|for real)?[\s,.!]*(?:no+|nope|nah|never)?)?[\s.!]*$"
)
# Thoughts of death, with one's own thoughts of suicide denied in so many words: "I think
# about death daily, but I'm not thinking about ending my life" (blind 30 and 31).
_OWN_SUICIDE_DENIED = re.compile(
    r"(?<![\w'])(?:(?:not|never|n't|dont|don't|do not) (?:\w+ ){0,2}(?:thinking about|want to|"
    r"wanting to|planning to|going to|plan to) (?:end|ending|kill|killing|take|taking) "
    r"(?:my (?:own )?life|myself)|(?:i'?m|i am|im) not suicidal|no suicidal (?:thoughts|ideation)"
    # "I think about death a lot but not like killing myself" (blind 32).
    r"|not (?:like|as in|in the sense of|in a) (?:\w+ )?(?:killing|ending|hurting|harming) "
    r"(?:myself|my (?:own )?life))"
    r"(?![\w'])"
)


def _answered_no(lowered: str, match: CrisisMatch) -> bool:
    """The match is the question's words echoed, then a no ("wanting to die, no"); said of
    oneself ("I'm suicidal, no") only when asked back ("do I want to die? no"), or as a joke
    taken back with a no that ends the reply."""
    if _JOKE_THEN_NO.match(lowered[match.end_char :]):
        return True
    answered = _ANSWERED_NO.match(lowered[match.end_char :])
    if answered is None:
        return False
    said_of_oneself = _FIRST_PERSON & set(lowered[: match.start_char].split()[-3:])
    return not said_of_oneself or "?" in (answered.group("lead") or "")


def not_about_the_visitor_now(normalised: str, matches: Sequence[CrisisMatch]) -> str | None:
    """As :func:`crisis_scope`, given the matcher's normalised text and surviving matches
    (whose ``start_char`` indexes ``normalised``)."""
    if not matches:
        return None
    lowered = _plain(normalised)
    if all(_answered_no(lowered, m) for m in matches):
        return DENIED
    if all(m.pattern_id == "thinking_about_death" for m in matches) and _OWN_SUICIDE_DENIED.search(
        lowered
    ):
        return DENIED
    if all(_asks_what_the_treatment_treats(lowered, m) for m in matches):
        return ABOUT_THE_TREATMENT
    if all(
        (_about_another_person(lowered, m.start_char) or _witnessed(lowered, m))
        and not _said_in_first_person(lowered, m)
        for m in matches
    ):
        if not _SHARED.search(lowered):
            return SOMEONE_ELSE
        return None
    if _PAST.search(lowered):
        rest = _DENIED_NOW.sub(" ", _PAST.sub(" ", lowered))
        if not _PRESENT.search(rest):
            return PAST_ONLY
    return None


def _plain(text: str) -> str:
    # Same length as the text, so the matches' character offsets still apply.
    return text.lower().replace("\u2019", "'").replace("\u2018", "'")


_SPANISH_I_HAVE = re.compile(r"(?<![\w'])he (?=estado|sido|tenido|pensado|intentado)")


def _said_in_first_person(lowered: str, match: CrisisMatch) -> bool:
    """ "so she's looked after when I'm gone": the crisis words themselves say "I"."""
    words = set(re.findall(r"[\w']+", lowered[match.start_char : match.end_char]))
    return bool(words & {"i", "i'm", "im", "i'll", "i've", "myself"})


def _about_another_person(lowered: str, start: int) -> bool:
    # Spanish "he estado guardando pastillas" is "I have been", not "he".
    before = _SPANISH_I_HAVE.sub("yo ", lowered[:start])
    clause = _CLAUSE_BREAK.split(before)[-1] if before else ""
    if not clause.strip():
        return False
    # Up to six words back: "my brother has been" + "suicidal".
    window = " ".join(clause.split()[-7:])
    return bool(_SUBJECT_BEFORE.search(window + " ")) and not re.search(
        r"(?<![\w'])(?:i|me|myself|my own)(?![\w'])", _after_subject(window)
    )


# Others' suicide seen, met at work or lost to: "I'm an ER nurse, I've seen way too many
# suicide attempts" (blind 32), "we lost two friends to suicide".
_WITNESSED_BEFORE = re.compile(
    r"(?<![\w'])(?:seen|saw|witnessed|witness|dealt with|deal with|responded to|respond to|"
    r"worked with|work with|treated|treat|lost (?:\w+ ){1,3}to)(?: (?:so|way|too|a|lot|lots|of|"
    r"many|much|several|some|few|the|their|people's|patients'|\d+))*\s*$"
)


def _witnessed(lowered: str, match: CrisisMatch) -> bool:
    """The word suicide(al) as what one has seen or lost others to, in the same clause."""
    if match.pattern_id != "suicide_word":
        return False
    clause = _CLAUSE_BREAK.split(lowered[: match.start_char])[-1]
    return bool(_WITNESSED_BEFORE.search(clause))


def _after_subject(window: str) -> str:
    match = re.search(rf"(?<![\w'])(?:{_OTHER_PERSON})(?![\w'])", window)
    return window[match.end() :] if match else window


# What ketamine treats, asked: "does ketamine help with suicidal thoughts?", "the ads say
# ketamine works for people with suicidal depression, is that who it's for?" (blind 30).
_TREATMENT = re.compile(rf"(?<![\w'])(?:{KETAMINE_NAMES}|treatment|therapy|infusions?)(?![\w'])")
_TREATS = re.compile(
    r"(?<![\w'])(?:help|helps|helped|helping|work|works|worked|treat|treats|treated|used for|"
    r"approved for|good for|for people|meant for|effective for)(?![\w'])"
)


_REPORTED = re.compile(
    r"(?<![\w'])(?:i(?:'ve| have)? (?:read|heard|seen|saw|was told)(?: somewhere| online)?"
    r"(?: that)?|(?:is|isn't) (?:that|it|this) (?:true|right|correct|so)|am i right)(?![\w'])"
)


def _asks_what_the_treatment_treats(lowered: str, match: CrisisMatch) -> bool:
    """The match is the word suicide(al) in a question about the treatment, said of no one."""
    if match.pattern_id != "suicide_word":
        return False
    start = max(lowered.rfind(mark, 0, match.start_char) for mark in ".!?")
    end = lowered.find("?", match.end_char)
    if end < 0 or any(mark in lowered[match.end_char : end] for mark in ".!"):
        return False
    # "I read ketamine helps with suicidal ideation, is that true?" (blind 32): what one read
    # or heard is reported, not said of oneself.
    question = _REPORTED.sub(" ", lowered[start + 1 : end])
    personal = set(re.findall(r"[\w']+", question)) & (_FIRST_PERSON | {"my", "we", "our", "us"})
    # The treatment comes first: "suicidal, does ketamine help?" may say "I am suicidal".
    before = lowered[start + 1 : match.start_char]
    return bool(_TREATMENT.search(before) and _TREATS.search(question)) and not personal
