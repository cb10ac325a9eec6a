"""Reading a typed reply to an instrument item ("how often over the last two weeks?").

The four answers are the instrument's own ("Not at all", "Several days", "More than half the
days", "Nearly every day"). Visitors also type everyday words ("never", "sometimes", "most
days", "every single day") or a number of days out of the fourteen; those are read as the
answer they plainly mean. A reply that names two different frequencies, or none, is not
guessed: it is read back and the buttons come again. At the item whose positive answers start
the crisis protocol (PHQ-9 item 9), a plain "yes" counts as at least "several days".
"""

from __future__ import annotations

import re
from difflib import get_close_matches

from bot.questionnaire.questions import Question
from bot.screening.answers import PREFER_NOT
from bot.screening.declines import DECLINE
from bot.screening.reading_result import CONFIRM, OFF_TOPIC, QUESTION, Reading
from bot.screening.reading_result import answer as _answer
from bot.screening.reply_shapes import opens_with_question
from bot.text import normalize

NOT_AT_ALL = "not_at_all"
SEVERAL_DAYS = "several_days"
MORE_THAN_HALF = "more_than_half"
NEARLY_EVERY_DAY = "nearly_every_day"
NEGATED = "negated"

_WORDS = {
    NEARLY_EVERY_DAY: r"nearly every ?day|almost every ?day|every ?day|every single day|daily"
    r"|24 over 7|24 7|round the clock"
    r"|all (?:the )?time|all day|always|constantly|non ?stop|every day and night|every night"
    # Spanish, French, German, Portuguese
    r"|todos los d[ií]as|casi todos los d[ií]as|tous les jours|presque tous les jours"
    r"|jeden tag|fast jeden tag|todos os dias|quase todos os dias",
    MORE_THAN_HALF: r"more than half(?: (?:the|of the) (?:days|time))?|most days|most of the"
    r" (?:days|time|week)|often|frequently|usually|a lot|lots|many days|more often than not"
    r"|half the time|half the days|pretty much most days|every other day|weekdays|work ?days"
    r"|a week(?:'s worth)?|about a week|more than a week"
    r"|m[aá]s de la mitad|plus de la moiti[eé]|mehr als die h[aä]lfte|mais da metade",
    SEVERAL_DAYS: r"a (?:few|couple(?: of)?) times a week|several days|a few days|few days"
    r"|some days|sometimes|occasionally|on and off|off and on|now and again|every now and again"
    r"|seldom|a handful of (?:days|nights|times)|a handful|the odd day|from time to time"
    r"|once or twice|a couple of (?:days|times)|a couple times|couple (?:days|times)"
    r"|now and then|once in a while|here and there|a little|a bit|rarely|hardly ever"
    # Within one alternation the first alternative that fits wins: longer phrases first.
    r"|not (?:that|very|too|so) often|not often|not much|a few times|once a week"
    r"|twice a week|(?:two|three) times a week|just once|once|one day|a day or two"
    r"|(?:on )?weekends"
    r"|varios d[ií]as|algunos d[ií]as|a veces|plusieurs jours|parfois|einige tage|manchmal"
    r"|alguns dias|[aà]s vezes",
    NOT_AT_ALL: r"not at all|never|none|not once|no days|zero days|not really|nope|nah|no"
    r"|not a single day|not one day|not bothered|not an issue|not a problem"
    r"|doesn't bother me|does not bother me|nunca|jamais|nie|gar nicht|para nada|pas du tout",
}
_NUMBER_WORDS = {
    word: str(number)
    for number, word in enumerate(
        ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
        + ["ten", "eleven", "twelve", "thirteen", "fourteen"]
    )
}
_PATTERNS = {code: re.compile(rf"(?<![\w'])(?:{words})(?![\w'])") for code, words in _WORDS.items()}
# "not every day" says less than its words, but not how much less: ask.
_NOT_BEFORE = re.compile(r"(?<![\w'])(?:not|n't)\s+(?:quite\s+|that\s+|really\s+)?$")
# How close a reply must be to an answer's words to be that answer typed with a slip.
TITLE_TYPO_CUTOFF = 0.85
_DAYS = re.compile(
    r"(?<![\w'])(\d{1,2})\s*(?:days?|out of (?:the )?(?:last )?14|of (?:the|those) (?:days|14)"
    r"|/\s*14|over 14)(?![\w'])"
)
# "never" and "no" answer "how often" only as the reply's opening word ("never", "no, not
# really"); later in a sentence they describe the problem ("my brain never shuts off",
# "I can never relax") or say something else ("no idea"): read back, never guessed.
_ONLY_AS_OPENING = {"never", "no"}
_OPENING_FILLERS = frozenset(
    [
        "honestly",
        "nope",
        "no",
        "nah",
        "i",
        "ive",
        "i've",
        "just",
        "basically",
        "pretty",
        "much",
        "um",
        "uh",
        "well",
        "like",
        "tbh",
        "really",
        "actually",
        "so",
        "literally",
        "yeah",
        "ok",
        "okay",
    ]
)
# "my appetite is normal", "sleep's fine": the item's subject said to be fine.
_FINE = re.compile(
    r"(?<![\w'])(?:is|are|'s|s|been)\s+(?:totally |pretty |completely |perfectly |all )?"
    r"(?:fine|normal|ok|okay|good|great|no problem)(?![\w'])"
)
_NOT_KNOWING = re.compile(r"^(?:no idea|no clue|no clue really|dunno|idk)\b")
_YES = re.compile(r"^(?:yes|yeah|yep|yup|ya|i do|i have|sadly yes|unfortunately yes)\b")


def read_frequency(question: Question, text: str) -> tuple[str | None, str]:
    """``(code, why)`` for a reply to an instrument item; ``(None, why)`` when unclear."""
    norm = _numbers_as_digits(normalize(text))
    titles = {normalize(title): code for code, title in question.option_titles}
    if norm in titles:
        return titles[norm], "button title"
    typo = get_close_matches(norm, list(titles), n=1, cutoff=TITLE_TYPO_CUTOFF)
    if typo:
        # "Severl days", "nearly evry day": an answer typed with a slip.
        return titles[typo[0]], "button title, typed with a slip"
    days = _DAYS.search(norm)
    if days and _NOT_BEFORE.search(norm[: days.start()]):
        # "not one day" is none; "not 10 days" says only what it was not: ask.
        if int(days.group(1)) == 1:
            return NOT_AT_ALL, "not a single day"
        return None, "a number of days negated"
    if days and not _frequency_words_besides_days(norm):
        return _from_days(int(days.group(1))), "number of days"
    if _NOT_KNOWING.search(norm):
        return None, "does not know"
    found = _codes_in(norm)
    if NEGATED in found:
        return None, "a frequency word negated"
    if len(found) == 1:
        return found.pop(), "frequency words"
    if len(found) > 1:
        return None, "two different frequencies"
    if _FINE.search(norm) and not question.crisis_on:
        return NOT_AT_ALL, "said to be fine"
    if question.crisis_on and _YES.search(norm):
        # "yes" to "thoughts that you would be better off dead": never read as none.
        return SEVERAL_DAYS, "yes at the crisis item"
    return None, "no frequency words"


def _numbers_as_digits(norm: str) -> str:
    """ "three days" -> "3 days", so day counts are read whether written or in digits."""
    return " ".join(_NUMBER_WORDS.get(word, word) for word in norm.split())


def _codes_in(norm: str) -> set[str]:
    """The answers the reply's frequency words name (longest phrase wins where they overlap);
    a negated one ("not every day") names no answer and makes the reply unclear."""
    matches = sorted(
        (
            (match.start(), match.end(), code)
            for code, pattern in _PATTERNS.items()
            for match in pattern.finditer(norm)
        ),
        key=lambda found: found[0] - found[1],  # longest first
    )
    found: set[str] = set()
    taken: list[tuple[int, int]] = []
    for start, end, code in matches:
        if any(start < other_end and other_start < end for other_start, other_end in taken):
            continue
        taken.append((start, end))
        before = norm[:start].replace(",", " ").split()
        if norm[start:end] in _ONLY_AS_OPENING and not set(before) <= _OPENING_FILLERS:
            found.add(NEGATED)  # unclear: ask
            continue
        found.add(NEGATED if _NOT_BEFORE.search(norm[:start]) else code)
    return found


def _frequency_words_besides_days(norm: str) -> bool:
    """Frequency words other than the day count ("3 days, most weeks"): then not read alone."""
    return len(_codes_in(_DAYS.sub(" ", norm))) > 0


def _from_days(days: int) -> str:
    """Days out of the last fourteen, as the instrument's answer bands (0, 1-6, 7-11, 12+)."""
    if days <= 0:
        return NOT_AT_ALL
    if days <= 6:
        return SEVERAL_DAYS
    if days <= 11:
        return MORE_THAN_HALF
    return NEARLY_EVERY_DAY


def read_instrument_item(question: Question, text: str, payload: str) -> Reading:
    """A reply to a PHQ-9 / GAD-7 item: one of its answers, or read back (never guessed)."""
    norm = normalize(text)
    if payload == "/prefer_not_say" or DECLINE.search(norm):
        return _answer(PREFER_NOT, "prefers not to say")
    if not norm:
        return Reading(OFF_TOPIC, reason="empty")
    code, why = read_frequency(question, text)
    if code is not None:
        return _answer(code, why)
    if opens_with_question(norm) or text.endswith("?"):
        return Reading(QUESTION, reason="a question back")
    return Reading(CONFIRM, None, True, why)
