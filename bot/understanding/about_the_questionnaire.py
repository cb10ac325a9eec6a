"""Questions at the consent step about the questionnaire itself, not a yes or a no.

"can I skip some questions?", "do I have to answer all of them?", "who will see my
answers?", "how long does it take?": before agreeing, a visitor may ask how the
questionnaire works. The answer is the introduction's own facts again (how many questions,
how long, who sees the answers, that any question may be left unanswered), and the consent
question comes again. Before this, "can I skip some questions?" chose "No thanks" by its
word "skip", and the others got "Sorry, I didn't quite get that".

"I'd rather skip it" and "skip" still decline: only a question about how the questionnaire
works is read here. Used by :mod:`bot.understanding.context`. Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.text import looks_like_question, normalize

# What the questionnaire is called, or "it"/"this" standing for it at the consent step.
_IT = (
    r"(?:it|this|that|they|them|the (?:questionnaire|questions|survey|form|screening|"
    r"pre ?screening|intake)|these questions|all (?:of )?(?:them|it|the questions)|"
    r"every question|each question|the whole (?:thing|questionnaire))"
)
_ANSWERS = r"(?:my |the |these |those )?(?:answers|responses|information|info|data|results)"

_ABOUT_THE_QUESTIONNAIRE = re.compile(
    r"(?<![\w'])(?:"
    # Leaving some questions unanswered: "can I skip some questions?", "skip the ones I
    # don't want to answer?". Not "skip it" / "skip this" (declining the whole thing).
    r"skip (?:some|a few|certain|any|particular|specific|individual|one|ones|the ones|a question|"
    r"questions|one of them|some of them)|"
    r"(?:have to|need to|must|required to|obliged to|gotta|got to) answer|"
    r"answer (?:all|every|each|everything)|"
    r"(?:are|is) " + _IT + r" required|optional|mandatory|compulsory|"
    r"don'?t want to answer|do not want to answer|"
    r"(?:rather|prefer) not (?:to )?answer|"
    # How long, how many.
    # Not "how long does it take for ketamine to work?" or "how long does it last?" (the FAQ).
    r"how (?:long|much time) (?:does|will|would|should) " + _IT + r" take(?: to (?:do|fill out|"
    r"complete|finish|answer))?$|how (?:long|much time) is (?:it|this|the questionnaire)$|"
    r"how long (?:are|is) the (?:questionnaire|questions|survey|form)|how many questions|"
    # Who sees the answers, and how they are kept.
    r"who (?:will |would |can |could |gets to |is going to |are going to )?(?:see|sees|read|reads|"
    r"get|gets|receive|receives|review|reviews|look at|looks at|has access to|have access to) "
    + _ANSWERS
    + r"|"
    r"(?:where|how) (?:are|is|will) " + _ANSWERS + r" (?:be )?(?:kept|stored|saved|used)|"
    r"(?:are|is|will) "
    + _ANSWERS
    + r" (?:be )?(?:kept |stay )?(?:secure|safe|shared|stored|saved)|"
    # Bare words: "is this confidential?", "what about privacy?".
    r"confidential|privacy|private|hipaa|"
    # What it asks, and whether answers can be changed.
    r"what (?:kind|sort|type|kinds|sorts|types) of questions|what questions|what are the "
    r"questions|what will (?:you|it) ask|change (?:my |an |the )?answers? later|"
    # The same in Spanish, French, Portuguese and German.
    r"saltar(?:me)? (?:algunas|alguna|preguntas)|omitir (?:algunas |alguna )?preguntas|"
    r"sauter (?:des|certaines|une) questions?|passer (?:des|certaines) questions|"
    r"fragen [uü]berspringen|pular (?:algumas |alguma )?perguntas?|"
    r"confidencial|confidentiel(?:le)?|vertraulich|"
    r"qui(?:[eé]n)? (?:verra|va voir|ve|ver[aá]|lee|leer[aá]) |wer sieht|quem (?:vai )?ver"
    r")(?![\w'])"
)


# Questions typed without a question mark: "do i have to answer all of them", "puedo saltar
# algunas preguntas".
_OPENS_LIKE_A_QUESTION = re.compile(
    r"^(?:so |and |but |ok |okay |um |uh |hmm |wait |quick question |before i agree )?"
    r"(?:can|could|may|do|does|did|is|are|will|would|must|should|who|what|how|where|"
    r"puedo|tengo que|es|qui|est ce|kann|muss|wer|posso|tenho que|quem)(?:\s|$)"
)


def asks_about_the_questionnaire(text: str) -> bool:
    """True when ``text`` asks how the questionnaire works (skipping, length, who sees it)."""
    norm = normalize(text)
    if not norm or not (looks_like_question(text) or _OPENS_LIKE_A_QUESTION.match(norm)):
        return False
    return bool(_ABOUT_THE_QUESTIONNAIRE.search(norm))
