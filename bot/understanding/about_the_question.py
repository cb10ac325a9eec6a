"""Replies at a screening question that ask about the question itself, not answer it.

"what counts as controlled?", "what does untreated mean in this case", "does birth control
count?", "do you mean prescription meds only?", "huh?": the visitor gets the question's help
text and the same question again, and nothing is recorded. A wider question ("does ketamine
raise blood pressure?") is not about the question's words and goes to the FAQ.

Used by :mod:`bot.understanding.context`. Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question
from bot.text import normalize

# Shapes that ask what the question covers, whatever it is about ("does that include
# vitamins", "does birth control count", "do you mean prescriptions only").
SCOPE_QUESTION = re.compile(
    r"(?<![\w'])(?:what counts|count as|counts as|does (?:that|it|this|\w+(?: \w+){0,7}) count|"
    r"do (?:\w+ ){0,4}count|(?:does|do|would) (?:something|stuff|anything|things) like "
    r"(?:\w+ ){1,10}count|what is considered|what's considered|whats considered|considered|"
    r"should i include|what kind of|what do (?:you|u|they|ya) mean|what is meant|"
    r"what does (?:that|this|it) mean|"
    r"what type of|which ones?|(?:do|did) (?:you|u|ya) mean|"
    r"(?:does|do|would|should) (?:that|this|it|you|u) (?:include|cover|count)|"
    # "more detail on what this question covers" (typed-button blind 16).
    r"what (?:this|the|that) question (?:covers|includes|means|is asking)|"
    # "does regularly mean daily"; not "does that mean I can't do this" (a verdict).
    # "what does 'in the past' mean, like ever?" (typed-button blind 14).
    r"does (?!that |this |it )\w+ mean \w+|what does (?:\w+ ){1,3}mean(?: like| exactly|$)|"
    r"(?:is|are) (?:\w+ ){1,2}included|"
    # "do i list doses too", "should i also add vitamins".
    r"(?:do|should|shall|must) i (?:need to |have to )?(?:also )?(?:list|include|add|put|mention|"
    r"write down|give)|"
    # "do you need the doses too or just the names?", "do you want brand names".
    r"(?:do|would) (?:you|u|they) (?:need|want) (?:the |my )?(?:\w+ )?(?:doses?|dosages?|names?|"
    r"amounts?|strengths?|details?)|"
    # "what number is too high", "how high is too high".
    r"(?:what|which|how high|how much|how many|how often) (?:\w+ ){0,2}(?:is|are|counts as|"
    r"would be) (?:too|considered) \w+)(?![\w'])"
)

# With a question mark: "like prescription only?", "prescriptions only or also supplements?".
_ONLY_THESE = re.compile(
    r"(?:like |so |just )?(?:\w+ ){0,3}only(?: or (?:also |even |just )?(?:\w+ ?){1,3})?"
)

# "Zählt Magnesium auch?", "Os suplementos contam?", "¿Cuentan las vitaminas?" (typed-button
# blind 12), "Est-ce que les vitamines comptent ?" (blind 15): whether something counts, in
# German, Portuguese, Spanish or French.
_COUNTS_IN_OTHER_LANGUAGES = re.compile(
    r"(?:est ce que )?(?:z[aä]hl(?:t|en)|contam?|cuentan?|compte(?:nt)?) (?:\w+ ?){1,4}|"
    r"(?:est ce que )?"
    r"(?:\w+ ){1,4}(?:z[aä]hl(?:t|en)|contam?|cuentan?|compte(?:nt)?)(?: (?:auch|mit|tamb[eé]m|"
    r"tambi[eé]n|aussi))?"
)
# Why the question is asked, which its help text says: "why are you asking about my heart?",
# "why do you need my medication list?", "what's this question for" (typed-button blind 15).
# Not "why does ketamine raise blood pressure?", a question for the FAQ.
_WHY_ASKED = re.compile(
    r"^(?:(?:but|and|so|um|ok|okay|sorry|wait|just curious|curious|out of curiosity) )?"
    r"(?:(?:why|how come) (?:(?:are|do|would|does|did|is|r) (?:you|u|ya|they|the clinic|the care "
    r"team|the team|this|that|it)|you'?re|youre|ur|they'?re) (?:\w+ )?(?:ask|asking|asked|need|"
    r"needed|want|wanting|matter|matters|relevant|important|necessary|care)|"
    r"why (?:this|that|the) question|"
    r"(?:what'?s|what is|whats) (?:this|that) (?:question )?for|"
    # "why does my liver matter for ketamine?", "what does liver disease have to do with
    # anything", "how would I know if my liver tests were abnormal?" (typed-button blind 20).
    r"why (?:does|do|would) my (?:\w+ ){1,2}(?:matter|count)|"
    r"what (?:does|do|has) (?:\w+ ){1,3}(?:have|got) to do with|"
    r"how (?:would|do|can|could|will) i (?:even )?(?:know|tell)|"
    # "I don't get this one", "is this about psychiatric meds specifically?", German "was
    # zählt als Medikament?" (typed-button blind 20).
    r"(?:i )?(?:don'?t|dont|do not) (?:really )?(?:get|understand) (?:this|that|the)(?: one| "
    r"question)?$|is (?:this|that|the question) (?:only |just )?(?:about|for)|"
    r"was z[aä]hlt (?:als|zu)|qu[eé] cuenta como|o que conta como|qu'est ce qui compte)(?![\w'])"
)
# Unsure what is wanted: "I'm not sure what you want me to list" (typed-button blind 15).
_UNSURE_WHAT = re.compile(
    r"(?:i'?m |im |i am )?(?:not sure|unsure|confused|(?:i )?(?:don'?t|dont|do not) (?:know|"
    r"understand|get)) (?:about )?what (?:you|u) (?:want|mean|need|are asking|re asking|are "
    r"looking for)(?: me to (?:list|put|say|write|include|answer|tell you))?(?: here| exactly| by "
    r"(?:that|this|it))?"
)
# "What does this mean?" in Portuguese, Spanish, French and German (typed-button blind 15).
_MEANING_IN_OTHER_LANGUAGES = re.compile(
    r"(?:o )?que (?:isso|isto|eso|esto) (?:significa|quer dizer|quiere decir)|"
    r"qu[eé] significa(?: (?:eso|esto|esta pregunta|isso|isto))?|"
    r"(?:qu'?est ce que|que) (?:ça|ca|cela) (?:veut dire|signifie)|(?:ça|ca) veut dire quoi|"
    r"was (?:bedeutet|heißt|heisst|meinen sie mit) das|was ist (?:damit|das) gemeint|"
    # "Was ist mit Nahrungsergänzungsmitteln gemeint?" (typed-button blind 16).
    r"was ist mit (?:\w+ ){1,3}gemeint|"
    # Italian: "Cosa significa?", "che vuol dire?" (typed-button blind 18).
    r"(?:che )?(?:cosa|che) (?:significa|vuol dire|vuole dire)(?: (?:questo|questa domanda))?"
)
# "Is palpitations the same thing as irregular heartbeat?" (typed-button blind 18): whether
# something is one of the question's own things.
_SAME_AS = re.compile(
    r"^(?:is|are|does|do|would|will) (?:\w+ ){1,4}?(?:the same(?: thing)? as|counts? as|"
    r"considered(?: as)?|a (?:kind|type|form|sort) of) (?P<rest>.+)$"
)
# "how often is regularly?": how much one of the question's own words takes.
_HOW_MUCH_IS = re.compile(r"^how (?:often|long|much|many|recent|recently) (?:is|are|does) (\w+)$")
# "what does supplements include" (typed-button blind 16, "incude" mended): what one of the
# question's own words covers; not "what does insurance cover?", a question for the FAQ.
_WHAT_IT_COVERS = re.compile(r"^what (?:does|do) (\w+) (?:include|cover|count)$")

# "what about stuff I take as needed?": whether those count.
_WHAT_ABOUT = re.compile(
    r"^what about (?:(?:the )?(?:stuff|things|ones|meds|medications?|medicines?|pills|"
    r"supplements|vitamins|drugs)|\w+ (?:i|that i) (?:take|use))(?![\w'])"
)

# Words that open a question about the question ("does that include vitamins").
_OPENERS = frozenset(
    {"what", "whats", "what's", "does", "do", "did", "is", "are", "should", "would", "which"}
    | {"so", "wait", "sorry", "um", "uh", "hmm", "ok", "okay", "oh", "and", "also", "but"}
)
# Words that ask for a meaning ("what does untreated mean").
_MEANING_WORDS = frozenset(
    {"mean", "means", "meaning", "meant", "define", "definition", "refer", "referring"}
    # "what's the difference between heart disease and heart problems" (button blind 14).
    | {"difference", "between", "and", "or", "same", "thing"}
    # "what's heart failure vs heart attack" (typed-button blind 17).
    | {"vs", "versus"}
)
# Words of any question about a meaning, beside the question's own words.
_FILLER = frozenset(
    {"what", "whats", "what's", "wat", "wats", "wht", "is", "are", "a", "an", "the", "does"}
    | {"do", "exactly", "by", "you", "u", "that", "this", "it", "of", "for", "about", "in"}
    | {"case", "here", "context", "question", "word", "to", "sorry", "so", "um", "uh", "wait"}
)
# A puzzled reply on its own ("huh?", "??", "what?"): the question is explained again.
_PUZZLED = frozenset({"huh", "what", "wat", "wut", "eh", "pardon", "come again", "sorry what"})


def _question_words(question: Question) -> set[str]:
    return set(normalize(question.text).split()) | set(question.topic_words)


def _only_the_question(text: str, lead: str) -> bool:
    """The reply is that one question: nothing but openers before it, nothing after its
    question mark ("just vitamins, does that count?" answers, and is read as an answer)."""
    after = text.split("?", 1)[1] if "?" in text else ""
    return set(lead.split()) <= _OPENERS and not after.strip(" ?!.")


def asks_about_the_question(text: str, question: Question) -> bool:
    """True when ``text`` asks what ``question`` or one of its words means or covers."""
    norm = normalize(text)
    if not norm:
        return bool(text.strip()) and set(text.strip()) <= {"?"}  # "??"
    if norm in _PUZZLED and ("?" in text or norm == "huh"):
        return True
    if text.rstrip().endswith("?") and (
        _ONLY_THESE.fullmatch(norm) or _COUNTS_IN_OTHER_LANGUAGES.fullmatch(norm)
    ):
        return True
    if _echoes_its_word(text, question) or (_WHAT_ABOUT.match(norm) and "?" in text):
        return True
    if _WHY_ASKED.match(norm) or _UNSURE_WHAT.fullmatch(norm):
        return True
    if _MEANING_IN_OTHER_LANGUAGES.fullmatch(norm):
        return True
    same = _SAME_AS.match(norm)
    if same and "?" in text and set(same.group("rest").split()) & question.text_words:
        return True
    named = _HOW_MUCH_IS.match(norm) or _WHAT_IT_COVERS.match(norm)
    if named and named.group(1) in question.text_words:
        return True
    scope = SCOPE_QUESTION.search(norm)
    if scope and _only_the_question(text, norm[: scope.start()]):
        return True
    words = norm.split()
    # "and", "or" and "thing" only join a question about meaning ("had a TIA and afib",
    # typed-button blind 19, answers).
    if not (_MEANING_WORDS - {"and", "or", "thing"}) & set(words):
        return False
    # "what does hypertension mean", "what is untreated means": only the question's own
    # words besides; "I mean yes" or "no, I mean it's controlled" answer it.
    rest = [w for w in words if w not in _FILLER and w not in _MEANING_WORDS]
    return all(w in _question_words(question) for w in rest)


# "like a nurse?", "you mean …?": asking which sense of the echoed word is meant.
_WHICH_SENSE = re.compile(r"^(?:like|as in|you mean|do you mean|meaning|u mean|or)\b")


def _echoes_its_word(text: str, question: Question) -> bool:
    """ "nursing?", "nursing? like a nurse?": the question's own word echoed back as a
    question, alone or followed by which sense is meant (blind 24). Not "pregnant?? i'm 71",
    which answers after the echo."""
    head, _, after = text.partition("?")
    words = normalize(head).split()
    if not words or len(words) > 2 or not all(w in question.topic_words for w in words):
        return False
    rest = normalize(after)
    return not rest or bool(_WHICH_SENSE.match(rest))


def only_topic_words(norm: str, question: Question) -> bool:
    """ "what's hypertension?", "what's untreated hypertension exactly": a question made
    only of the question's own words, one of them its subject."""
    words = [w for w in norm.split() if w not in _FILLER and w not in _MEANING_WORDS]
    own = question.topic_words | question.text_words
    if _DEFINITION.match(norm) and any(w in question.topic_words for w in words):
        return True  # "what's a liver function test" (typed-button blind 20)
    return any(w in question.topic_words for w in words) and all(w in own for w in words)


# A short question for what something is: "what's a liver function test"; not "what's a
# good liver detox", a question for the FAQ.
_DEFINITION = re.compile(
    r"^(?:what'?s|whats|what is|what are|wat is) (?!(?:an? |the )?(?:good|best|bad|safe) )"
    r"(?:an? |the )?(?:\w+ ){0,3}\w+$"
)
