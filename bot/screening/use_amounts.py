"""How much a visitor drinks or uses, at a question that asks for it (``reading.amounts``).

"I drink about a fifth of vodka a day" or "xanax 2mg every day for 6 years" says more than
a yes: daily heavy drinking and daily benzodiazepines or opioids are what makes stopping
suddenly dangerous. "A couple beers on the weekend" says the opposite. Both are recorded
for the care team to read (the verbatim reply goes with them); anything in between is
left to the other rules.

Pure: no Rasa, no database.
"""

from __future__ import annotations

import re

from bot.questionnaire.questions import Question
from bot.screening.answers import NO, YES
from bot.screening.reading_result import Reading
from bot.screening.reading_result import answer as _answer

_DAILY = r"(?:a|per|each|every|/) ?(?:day|night|evening)|daily|nightly|every ?day"
_NUMBER_WORDS = {
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_DRINKS = (
    r"(?:beers?|drinks?|shots?|cans?|glass(?:es)?|pints?|tall ?boys?|cocktails?|seltzers?|wine)"
)

# A fifth, a handle or a bottle of spirits, or a bottle of wine, a day.
_BOTTLE_A_DAY = re.compile(
    rf"(?<![\w'])(?:a |one |1 |half a |a half )?(?:fifth|handle|bottle|liter|litre|750)s?"
    rf"(?: of \w+)?(?: \w+)? (?:{_DAILY})(?![\w'])"
)
_COUNT_A_DAY = re.compile(
    rf"(?<![\w'])(\d+|{'|'.join(_NUMBER_WORDS)})(?: ?(?:-|to|or) ?\d+)?(?: or more)? {_DRINKS}"
    rf"(?: of \w+)?(?: \w+){{0,2}} (?:{_DAILY})(?![\w'])"
)
_DAILY_DEPENDENCY_DRUG = re.compile(
    r"(?<![\w'])(?:xanax|klonopin|ativan|valium|benzos?|benzodiazepines?|alprazolam|clonazepam|"
    r"lorazepam|diazepam|oxy\w*|opioids?|opiates?|heroin|fentanyl|methadone|percocets?|vicodin|"
    r"norco|hydrocodone|morphine|kratom|phenobarbital|ghb|tramadol|codeine|suboxone|"
    # Sleeping pills every night: "I do take sleeping pills every night, zolpidem" (blind 32).
    r"buprenorphine|zolpidem|ambien|zopiclone|eszopiclone|lunesta|"
    r"sleeping pills?|sleep(?:ing)? meds|sleeping tablets?)(?![\w'])"
)
_DAILY_OR_YEARS = re.compile(
    rf"(?<![\w'])(?:{_DAILY}|(?:for|since) (?:\d+|a few|many|several|two|three|five|ten) years)"
    r"(?![\w'])"
)
_LIGHT = re.compile(
    r"(?<![\w'])(?:a|one|1|two|2|a couple|couple|a few|few|1 ?(?:-|to|or) ?2|2 ?(?:-|to|or) ?3|"
    r"(?:the |an )?occasional)"
    rf"(?: of)?(?: \w+)? {_DRINKS}(?: of \w+)?(?: \w+){{0,3}} (?:on|at|over|with|a|per|each|every) "
    r"(?:the |a )?(?:weekends?|week|month|dinner|occasions?|special occasions|party|parties)"
    r"(?![\w'])"
)

# "used to be a heavy drinker, now maybe 2 a week": a count without a unit, said of now, in
# a reply about drinking.
_LIGHT_NOW = re.compile(
    r"(?<![\w'])(?:now|these days|nowadays)(?: it'?s| its| i have| i drink)?(?: maybe| like| about|"
    r" around| only| just)? (?:1|2|one|two|a couple|a few)(?: ?(?:-|to|or) ?[1-3])? (?:a|per) "
    r"(?:week|month)(?![\w'])"
)
_ABOUT_DRINKING = re.compile(r"(?<![\w'])(?:drink\w*|alcohol|beers?|wine|booze)(?![\w'])")


def use_amount(question: Question, norm: str) -> Reading | None:
    """A reading from how much the visitor uses, where the question asks about drinking."""
    if question.amounts != "drinking":
        return None
    if _BOTTLE_A_DAY.search(norm):
        return _answer(YES, "a bottle a day", ambiguous=True)
    count = _COUNT_A_DAY.search(norm)
    if count:
        first = count.group(1)
        number = int(first) if first.isdigit() else _NUMBER_WORDS[first]
        if number >= 5:
            return _answer(YES, f"{number} or more drinks a day", ambiguous=True)
    if _DAILY_DEPENDENCY_DRUG.search(norm) and _DAILY_OR_YEARS.search(norm):
        return _answer(YES, "daily use of a drug that causes dependence", ambiguous=True)
    if _LIGHT.search(norm) or (_LIGHT_NOW.search(norm) and _ABOUT_DRINKING.search(norm)):
        return _answer(NO, "light use", ambiguous=True)
    return None
