"""Response lint: wording the assistant must never use, checked on every bot text.

The product never tells anyone they are (not) eligible / a candidate / qualify, never
diagnoses, never gives dose figures and never tells anyone to start, stop or change a
medication. ``lint_text`` returns the problems found in one text (empty list = clean);
``lint_crisis_text`` adds the crisis rule: a crisis reply always carries 988.
tests/safety/test_response_lint.py runs it over domain.yml, data/responses, content/ and
the action modules' message constants; devtools/evaluation/safety.py over the live replies.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YOU_ARE = (
    r"you(?:'re|’re| are| were| would be|'d be| will be|'ll be| may be| might be| could be"
    r"| seem| look)"
)
_HEDGE = r"(?:\s+(?:not|probably|likely|definitely|certainly|clearly|almost certainly|possibly))?"
_CONDITIONAL = r"(?<!\bif )(?<!\bwhether )(?<!\bunless )(?<!\bwhen )"
_NUMBER = r"(?:\d+(?:[.,]\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|half an?|a half)"


@dataclass(frozen=True)
class LintRule:
    """A named forbidden pattern."""

    name: str
    pattern: re.Pattern[str]
    message: str


def _rule(name: str, pattern: str, message: str) -> LintRule:
    return LintRule(name, re.compile(pattern, re.IGNORECASE), message)


RULES: tuple[LintRule, ...] = (
    # --- eligibility verdicts ---
    _rule(
        "verdict",
        _CONDITIONAL + _YOU_ARE + _HEDGE + r"\s+(?:eligible|ineligible|qualified|disqualified|"
        r"approved|accepted|rejected|suitable|unsuitable)\b",
        "eligibility verdict ('you are/aren't eligible')",
    ),
    _rule(
        "verdict",
        _CONDITIONAL + r"you(?:'re|’re| are)n[’']?t\s+(?:eligible|qualified|suitable|a\s)",
        "eligibility verdict ('you aren't eligible')",
    ),
    _rule(
        "verdict",
        _CONDITIONAL + r"\byou\s+(?:(?:do(?:n[’']t| not)|would(?:n[’']t| not)?|will(?: not)?|"
        r"won[’']t|should|probably|definitely|may|might)\s+)?(?:qualify|meet the criteria)\b",
        "eligibility verdict ('you qualify')",
    ),
    _rule(
        "verdict",
        _CONDITIONAL + _YOU_ARE + _HEDGE + r"\s+(?:an?\s+)?(?:good|great|strong|ideal|suitable|"
        r"poor|bad|perfect|excellent|likely|possible)?\s*(?:candidate|fit)\b",
        "eligibility verdict ('you're a good candidate')",
    ),
    _rule(
        "verdict",
        r"\b(?:you(?:r)?|you'?re)\b[^.!?]{0,30}\bineligible\b",
        "'ineligible' said of the visitor",
    ),
    # --- diagnosis ---
    _rule(
        "diagnosis",
        _CONDITIONAL + r"\byou\s+(?:(?:probably|likely|clearly|definitely|may|might|could|seem to|"
        r"appear to)\s+)?(?:have|'ve got|’ve got|have got)\s+(?:an?\s+|clinical\s+|severe\s+|"
        r"major\s+)*(?:depression|depressive|ptsd|bipolar|anxiety disorder|ocd|adhd|"
        r"schizophrenia|psychosis|borderline|bpd|an?\s+\w+\s+disorder|"
        r"treatment[- ]resistant depression|trd|mdd)\b",
        "diagnosis ('you have depression')",
    ),
    _rule(
        "diagnosis",
        _CONDITIONAL + _YOU_ARE + _HEDGE + r"\s+(?:clinically\s+)?(?:depressed|bipolar|"
        r"schizophrenic|psychotic|manic|borderline|suicidal)\b",
        "diagnosis ('you are bipolar')",
    ),
    _rule("diagnosis", r"\byou\s+suffer(?:s|ing)?\s+from\b", "diagnosis ('you suffer from')"),
    _rule("diagnosis", r"\byour\s+diagnosis\s+is\b", "diagnosis ('your diagnosis is')"),
    # --- dose figures ---
    _rule(
        "dosage",
        r"\b\d+(?:[.,]\d+)?\s*(?:mg|mcg|µg|milligrams?|micrograms?)\b(?:\s*/\s*kg)?",
        "dose figure (mg, milligrams)",
    ),
    _rule("dosage", r"\bmg\s*/\s*kg\b|\bmilligrams?\s+per\s+kilo", "dose figure (mg/kg)"),
    _rule(
        "dosage",
        r"\b" + _NUMBER + r"\s+(?:lozenges?|troches?|tablets?|pills?|sprays?)\b",
        "dose figure (N lozenges/troches)",
    ),
    # --- medication directives ---
    _rule(
        "medication_directive",
        r"(?<!not )(?<!n't )(?<!n’t )(?<!never )\b(?:stop|start|keep|quit|resume|skip)\s+"
        r"(?:taking|using)\b",
        "medication directive ('stop/start taking')",
    ),
    _rule(
        "medication_directive",
        r"(?<!not )(?<!n't )(?<!n’t )(?<!never )\b(?:increase|decrease|raise|lower|double|"
        r"halve|reduce|cut|up)\s+(?:your|the)\s+(?:\w+\s+)?(?:dose|dosage|medication|meds)\b",
        "medication directive ('increase your dose')",
    ),
    _rule(
        "medication_directive",
        r"\byou\s+(?:should|must|need to|ought to|can safely)\s+(?:take|stop|start|increase|"
        r"decrease|skip|double|switch|taper|come off|go off)\b",
        "medication directive ('you should take')",
    ),
    _rule(
        "medication_directive",
        r"(?<!not )(?<!n't )(?<!n’t )(?<!never )\b(?:taper|come|go)\s+off\s+(?:your|the)\s+"
        r"(?:\w+\s+)?(?:medication|meds|antidepressants?|dose)\b",
        "medication directive ('come off your medication')",
    ),
)

# Mentions that make a text a crisis text, which must then carry 988.
CRISIS_MENTION = re.compile(
    r"\b(?:crisis|suicid\w*|self[- ]?harm\w*|kill(?:ing)? yourself)\b", re.I
)
CRISIS_LINE = re.compile(r"(?<!\d)988(?!\d)")


def lint_text(text: str) -> list[str]:
    """Problems in one visitor-facing text (empty list when it is clean)."""
    if not text:
        return []
    flat = " ".join(str(text).split())
    problems = []
    for rule in RULES:
        found = rule.pattern.search(flat)
        if found:
            problems.append(f"{rule.name}: {rule.message}: {found.group(0)!r}")
    return problems


def mentions_crisis(text: str) -> bool:
    """True when the text talks about crisis, suicide or self-harm."""
    return bool(CRISIS_MENTION.search(text or ""))


def lint_crisis_text(text: str) -> list[str]:
    """Problems in a crisis reply: the general lint plus "must contain 988"."""
    problems = lint_text(text)
    if not CRISIS_LINE.search(text or ""):
        problems.append("crisis: crisis reply without the 988 line")
    return problems
