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

from bot.screening.questions import Question
from bot.understanding.text import normalize

NOT_AT_ALL = "not_at_all"
SEVERAL_DAYS = "several_days"
MORE_THAN_HALF = "more_than_half"
NEARLY_EVERY_DAY = "nearly_every_day"
NEGATED = "negated"

_WORDS = {
    NEARLY_EVERY_DAY: r"nearly every ?day|almost every ?day|every ?day|every single day|daily"
    r"|all (?:the )?time|all day|always|constantly|non ?stop|every day and night|every night",
    MORE_THAN_HALF: r"more than half(?: (?:the|of the) (?:days|time))?|most days|most of the"
    r" (?:days|time)|often|frequently|usually|a lot|lots|many days|more often than not"
    r"|half the time|pretty much most days",
    SEVERAL_DAYS: r"several days|a few days|few days|some days|sometimes|occasionally"
    r"|once or twice|a couple of (?:days|times)|couple days|now and then|once in a while"
    r"|here and there|a little|a bit|rarely|hardly ever|not often|not much|a few times",
    NOT_AT_ALL: r"not at all|never|none|not once|no days|zero days|not really|nope|nah|no"
    r"|not bothered|not an issue|not a problem|doesn't bother me|does not bother me",
}
_PATTERNS = {code: re.compile(rf"(?<![\w'])(?:{words})(?![\w'])") for code, words in _WORDS.items()}
# "not every day" says less than its words, but not how much less: ask.
_NOT_BEFORE = re.compile(r"(?<![\w'])(?:not|n't)\s+(?:quite\s+)?$")
_DAYS = re.compile(r"(?<![\w'])(\d{1,2})\s*(?:days?|of (?:the|those) (?:days|14))(?![\w'])")
_YES = re.compile(r"^(?:yes|yeah|yep|yup|ya|i do|i have|sadly yes|unfortunately yes)\b")


def read_frequency(question: Question, text: str) -> tuple[str | None, str]:
    """``(code, why)`` for a reply to an instrument item; ``(None, why)`` when unclear."""
    norm = normalize(text)
    titles = {normalize(title): code for code, title in question.option_titles}
    if norm in titles:
        return titles[norm], "button title"
    days = _DAYS.search(norm)
    if days and not _two_kinds(norm):
        return _from_days(int(days.group(1))), "number of days"
    found = _codes_in(norm)
    if NEGATED in found:
        return None, "a frequency word negated"
    if len(found) == 1:
        return found.pop(), "frequency words"
    if len(found) > 1:
        return None, "two different frequencies"
    if question.crisis_on and _YES.search(norm):
        # "yes" to "thoughts that you would be better off dead": never read as none.
        return SEVERAL_DAYS, "yes at the crisis item"
    return None, "no frequency words"


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
        found.add(NEGATED if _NOT_BEFORE.search(norm[:start]) else code)
    return found


def _two_kinds(norm: str) -> bool:
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
