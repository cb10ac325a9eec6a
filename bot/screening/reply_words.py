"""The words and phrases the screening-reply reader recognises (bot/screening/reading.py),
in one place: corrections, time (past, now, frequency), hedges, someone else, severity
(words that carry no topic: bot/screening/neutral_words.py; one question's own phrases:
content/screening_questions.yml).
"""

from __future__ import annotations

import re
from datetime import date

CORRECTION = re.compile(
    # "that's actually why I'm here" stresses; it takes nothing back.
    # "never actually hallucinated" negates; it corrects nothing.
    r"(?<![\w'])(?:wait|(?<!that's )(?<!thats )(?<!that is )(?<!it's )(?<!its )(?<!never )"
    r"(?<!not )(?<!n't )(?<!nt )actually|"
    r"i mean|i meant|sorry|scratch that|correction|"
    r"on second thought|hold on|oops|let me rephrase|change that to|make that|meant|misread|"
    r"oh(?= the \w+ (?:part|one|bit|question))|oh i see|oh you mean|"  # "oh, the stopping part"
    # Owning up after a first answer ("nope. ok honestly, sometimes at night").
    r"honestly|to be honest|truthfully|tbh|if i'?m honest|if i am honest|"
    # "yes lol jk no": the joke is taken back.
    r"jk|j k|just kidding|kidding|just joking|joking|"
    # "not really. actually that's a lie, ...": the first answer is taken back.
    r"that'?s a lie|thats a lie|i lied|that'?s not true|not true|"
    r"well(?= (?:yes|yeah|yep|no|nope|actually))|"
    # "no, well they said my numbers were off, so yes": a conclusion at the very end.
    r"so(?= (?:i guess |i think |then |ok |okay |officially |technically |formally |on paper )?"
    r"(?:yes|yeah|yep|yup|no|nope|nah)"
    r"(?: then| i guess| i think| i suppose)?$)|"
    # "yes, hold on, hyper is overactive right? then no, mine's hypo": a conclusion.
    r"then(?= (?:yes|yeah|yep|no|nope|nah)(?![\w'])))(?![\w'])"
    # "no, yes, I forgot about my gabapentin": a first no at once replaced by a yes.
    r"|(?<=^no )(?=yes(?![\w']))"
    # "yes, ocd. oh, personality disorder, not OCD. no then": a conclusion at the very end.
    r"|(?<= )(?=(?:yes|yeah|yep|no|nope|nah) then$)"
)

# "in 2019" is over; "in" this year may not be ("diagnosed in march" stays as it is).
_EARLIER_YEARS = "|".join(str(year) for year in range(1940, date.today().year))

PAST = re.compile(
    r"(?<![\w'])(?:used to|years ago|year ago|months ago|month ago|a while ago|long ago|"
    rf"(?:in|back in|around|during) (?:{_EARLIER_YEARS})|"
    # "one UTI in 2019, none since", "nothing since then".
    r"(?:none|nothing|no \w+|not since|fine|clear|all good|no issues|no problems) since(?: then)?|"
    # "went to detox in march, haven't drunk since": what the visitor did has not come back.
    r"(?:haven'?t|have not|never) (?:drunk|drank|used|touched (?:it|\w+)|had (?:a|any) \w+) since|"
    r"in the past|past|previously|formerly|once|before|"
    r"as a (?:little )?(?:kid|child|teen|teenager)|"
    r"when i was (?:younger|a kid|a teen|a teenager|in college|in school|\w+)|in my (?:teens|"
    r"twenties|20s|30s)|back in|not anymore|not any more|no longer|recovered|"
    r"resolved|went away|gone away|(?:are|is|were) (?:all )?gone|faded|cleared|remission|sober|"
    # "had", but not "I've had that", which is still so ("yea ive had that").
    r"last year|ages ago|had(?<!i've had)(?<!ive had)(?<!i have had)|"
    r"(?:(?<=i've )|(?<=ive )|(?<=i have ))had(?! (?:that|it|this)(?: too| as well)?$))(?![\w'])"
)

# When a diagnosis was made dates the diagnosis, not the end of the condition:
# "interstitial cystitis, diagnosed in 2020" and "my doctor told me so a few years ago" are
# a condition the visitor has.
_DIAGNOSED_WHEN = re.compile(
    r"(?<![\w'])(?:diagnosed|dx'?d|told me(?: so)?|found out)(?: (?:it|that|me))?"
    r"(?: with (?:it|that|this|"
    r"[\w-]+(?: [\w-]+)?))?"
    rf" (?:(?:in|back in) (?:{_EARLIER_YEARS})|last year|(?:\w+ ){{1,2}}(?:years?|months?) ago)"
    r"(?![\w'])"
)


def past_named(norm: str) -> bool:
    """True when ``norm`` has a past word (PAST) other than the date of a diagnosis."""
    return bool(PAST.search(_DIAGNOSED_WHEN.sub(" ", norm)))


FREQUENCY = re.compile(
    r"(?<![\w'])(?:every ?day|daily|every (?:night|morning|week|single day)|most (?:days|nights|"
    r"of the time|mornings|weeks)|all the time|constantly|always|often|frequently|"
    # Not "a lot to live for", "a lot of reasons"; "a lot of the time" is a frequency.
    r"a lot(?! to\b| of (?!the time|days|nights))|"
    r"sometimes|some days|some nights|occasionally|now and then|on and off|off and on|"
    r"once or twice|once in a "
    r"while|(?:a )?(?:few|couple(?: of)?|several|many|multiple|two|three|\d+) times"
    r"(?: (?:a|per|each) (?:week|month|day|night))?|"
    r"(?:once|twice) a (?:week|month|day)|every (?:few|couple of|other) (?:days|weeks)|"
    r"here and there|lately|recently|these days|this week|at night|more than i'd like|more and "
    r"more|on (?:really |very )?bad (?:days|nights)|when (?:it|things) gets? (?:really |very )?bad)"
    r"(?![\w'])"
)

# "fine", "normal": a state, unlike "ok" or "good", which also just acknowledge.
FINE_STATE = re.compile(
    r"(?<![\w'])(?:fine|normal|healthy|all clear|no issues|no problems)(?![\w'])"
)

# Words that say a subject is well: "my liver is fine", "heart checked out perfect".
FINE_WORDS = r"fine|normal|healthy|good|great|ok|okay|perfect|clear"

# It came back, or never ended: "they went away but came back" (the thoughts or the sign,
# not a test result), "they never went away", "hasn't really gone".
_NOT_OVER = (
    # Not "it hasn't come back", "they never came back": those say it is over.
    r"(?:they|it|thoughts?|those|these|feelings?) "
    r"(?:(?!never |not |hasn'?t |has not |haven'?t |have not |didn'?t |did not )\w+ )?"
    r"(?:came|come|coming|are|is) back|"
    r"(?:never|not|didn'?t|did not|hasn'?t|has not|haven'?t|have not|won'?t|don'?t|doesn'?t|"
    r"isn'?t|aren'?t) (?:\w+ )?(?:went|gone|go|goes|going|faded|fade|cleared|clear)"
    r"(?: away| up)?|"
    # Still going on: "I've had cystitis for about five years" (blind 26), "my bladder has
    # been messed up since" (blind 25); not "I've had no problems for years", "normal since".
    r"(?:i'?ve|i have) had (?!(?:no|nothing|none|zero)(?![\w']))(?:\w+ ){1,4}for "
    r"(?:about |almost |nearly |over |around |roughly |more than |at least |like )?"
    r"(?:(?:a few|a couple of|several|many|\w+) )?(?:months|weeks|years|ages|a while|a long time|"
    r"the (?:past|last) (?:\w+ )?(?:months?|weeks?|years?))|"
    rf"(?:has|have) been (?!(?:{FINE_WORDS}|better|stable)(?![\w']))(?:\w+ ){{1,3}}(?:ever )?"
    r"since(?: then)?$"
)
NOT_OVER = re.compile(rf"(?<![\w'])(?:{_NOT_OVER})(?![\w'])")

NOW = re.compile(
    # Not "nothing now", "fine now": those say the present is clear.
    r"(?<![\w'])(?:(?<!nothing )(?<!none )(?<!not )(?<!fine )(?<!clean )(?<!sober )(?<!ok )now|"
    # "not currently. had cystitis years ago": a present that is denied is no present.
    r"(?<!not )(?:currently|these days|right now|lately|at the moment)|still|"
    # "diagnosed last year, haven't started meds yet": the diagnosis is past, the state now.
    r"not yet|yet to|haven't started|havent started|not started yet|"
    # Back again: "relapsed in june", "i'm back on it", "my eyes are bulging again", "I had
    # DTs the last time I tried to quit" (so still using): the past event is not over.
    # Just now: "a positive test yesterday", "just had a positive test on Sunday" (blind 26).
    r"yesterday|today|this morning|this week|last night|just found out|just got|just had|"
    r"last week|the other day|(?:a few|a couple of|two|three|\d+) days ago|"
    r"on (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|"
    # Counted within the present stretch: "I've had 5 UTIs this year".
    r"this (?:month|year)|so far this|"
    r"again|relapsed|relapse|back on (?:it|them|the \w+)|back to (?:drinking|using)|"
    # "they went away but came back", "they never went away": not over (NOT_OVER).
    rf"{_NOT_OVER}|"
    r"(?:last|every|each) time i (?:tried|try) to (?:quit|stop)|whenever i (?:try to )?"
    r"(?:quit|stop))(?![\w'])"
)

PAST_STRONG = re.compile(
    r"(?<![\w'])(?:used to|years ago|year ago|in the past|when i was|"
    r"as a (?:little )?(?:kid|child|teen|teenager)|"
    r"in high school|in college|not anymore|no longer|back then|long ago|"
    # "those thoughts went away once I got on lexapro": it ended; whether it returned is
    # NOW's ("they went away but came back").
    r"went away|gone away|(?:are|is|have|has|were) (?:all |long )?gone|faded|cleared up|"
    # "thought about it then, but that passed" (blind 31).
    r"(?:that|it|they|those|which) (?:has |have |had )?(?:all )?passed)(?![\w'])"
)

# Over for good, at the crisis question only: a strong past, a year that is over, or nothing
# since ("dark thoughts in 2020 ... it hasn't come back", "none for over a decade").
OVER_FOR_GOOD = re.compile(
    rf"{PAST_STRONG.pattern}|(?<![\w'])(?:(?:in|back in|during) (?:{_EARLIER_YEARS})|"
    r"(?:hasn'?t|has not|haven'?t|have not|never|didn'?t|did not) (?:ever )?(?:come|came) back|"
    r"(?:none|nothing|not|no \w+) (?:for|in) (?:over |more than |about |almost |nearly )?"
    r"(?:a decade|decades|\d+ years|years|ages|a long time|a very long time))(?![\w'])"
)

MILD = re.compile(
    r"(?<![\w'])(?:mild|mildly|moderate|not severe|not that severe|not very severe|minor|"
    r"a little|a bit|slight|slightly|briefly|brief|a few minutes|few minutes|nothing severe|"
    r"nothing serious|nothing major|nothing big|not serious|traits|tendencies|features of|"
    r"some signs of)(?![\w'])"
)

# "...does that count as hallucinations?": a question about the question, whatever it says.
ASKS_IF_IT_COUNTS = re.compile(
    r"(?<![\w'])(?:does|would|do|is|are|should|could) (?:that|this|it|those|these) (?:count|"
    r"counts|qualify|qualifies|be considered|considered|matter)(?![\w'])"
    # "I hear my name as I fall asleep, is that it?", "is that what you mean?"
    r"|(?<![\w'])(?:is|was) (?:that|this) (?:it|what you mean|what you're asking)$"
    # "my heart races, could that be thyroid?" (blind 25): asks what the signs mean.
    r"|(?<![\w'])(?:could|can|might|would) (?:that|this|it|those|these) (?:be|mean) (?:\w+ ){0,3}"
    r"\w+$"
)

# A count of times it happened, opening the reply: "once, years ago", "only twice".
OCCURRED = re.compile(
    r"^(?:only |just |maybe |probably )?(?:once|one time|twice|two times|a few times|a couple "
    r"(?:of )?times|(?:one|1) episode)(?![\w'])"
)

# After "no, but ...": the visitor owns up to something ("I did last month", "I have").
OWNS_UP = re.compile(
    r"(?<![\w'])(?:i did|i do|i had|i've had|ive had|i have had|they do|they did|it does|"
    r"it did|recently|last (?:week|month|night|year))(?![\w'])"
)

CONTRAST = re.compile(r"(?<![\w'])(?:but|though|although|however|except)(?![\w'])")

FINE = re.compile(
    rf"(?<![\w'])(?:{FINE_WORDS}|all clear|nothing|never had|no issues?|no problems?)(?![\w'])"
)

EXPLICIT_YES = frozenset(
    ["yes", "yeah", "yep", "yup", "ya", "yah", "yea", "yeh", "yess", "yesss", "yas", "thumbsup"]
    + ["yessir", "yessum", "yuppers", "yeppers"]
)

EXPLICIT_NO = frozenset(["no", "nope", "nah", "naw", "thumbsdown", "nopes", "nopers", "nopity"])

# A yes put as a statement about the question, opening the reply: "I'm afraid so", "that
# applies to me".
YES_STATEMENT = re.compile(
    r"^(?:(?:i'?m |im |i am )?afraid so|(?:that |it |this )?(?:applies|does apply)(?: to me)?"
    r"|(?:that'?s|thats|that is) (?:correct|right|true|me)|guilty as charged)(?![\w'])"
)

QUESTION_OPENERS = frozenset(
    [
        "what",
        "whats",
        "what's",
        "how",
        "why",
        "does",
        "do",
        "is",
        "are",
        "can",
        "could",
        "should",
        "will",
        "would",
        "which",
        "when",
        "where",
        "who",
        "explain",
    ]
)

WHAT_MEANS = re.compile(r"(?<![\w'])(?:what does|what is|what's|whats|what do you mean)(?![\w'])")

BP_READING = re.compile(r"(?<!\d)(\d{2,3}) (?:over|on) (\d{2,3})(?!\d)")

SELF = re.compile(r"(?<![\w'])(?:i|i'm|im|i've|me|myself|mine|my own)(?![\w'])")

# The visitor's own part after naming someone else's condition: "but I'm obviously not",
# "I never have", "I barely drink", "mine is fine".
NOT_ME = re.compile(
    r"(?<![\w'])(?:not me|not myself|but not me|not mine|me no|me nope|me not|"
    # "my girlfriend is due in april, I'm the dad".
    r"i'?m the (?:dad|father|husband|partner|boyfriend|dad to be)|"
    # "my wife is 30 weeks but I'm the one applying, not her".
    r"i'?m the (?:one applying|one asking|one signing up|patient|applicant|client)|"
    r"not (?:her|him|them)$|"
    # "heart disease runs in the family ... me, nothing so far"; "my mother has BPD, I've
    # been assessed and don't".
    r"me,? (?:personally,? |myself,? )?(?:nothing|none|never|no)|as for me,? (?:no|nothing|never)|"
    # "my mum had a stroke, I've had nothing like that"; "nothing like that for me".
    r"(?:i'?ve|i have|i) (?:had |got )?(?:nothing|none)(?: like that| of that| of those)?|"
    r"nothing (?:like that |of the sort |of that )?(?:for|with) me|"
    r"(?:assessed|checked|tested|screened|evaluated)(?: for it)? and (?:i )?(?:don'?t|do not|"
    r"am not|i'?m not|was not|wasn'?t|it'?s not)|"
    # "I'm not on anything for it" says it is untreated, not that it is someone else's.
    r"(?:i|i'?m|i am|i'?ve|i have)(?: \w+)?? (?:don'?t|do not|not|haven'?t|have not|never|"
    r"wasn'?t|was not|barely|rarely|hardly|seldom|am fine|fine|healthy|ok|okay)"
    # Not "I'm not sure how to answer this" (blind 25), unsure rather than unaffected.
    r"(?! (?:on|taking|take|taken|treated|treating|medicated|getting|using|doing|sure|certain)"
    r"(?![\w']))|"
    # "my mom has bipolar, I have MDD": the visitor's own diagnosis is another one.
    r"(?:i have|i'?ve got|i'?ve|i'?m|i am) (?:just |only )?(?:mdd|gad|depression|anxiety|adhd|"
    r"ptsd|c ptsd|cptsd|ocd|insomnia|major depression|depressive disorder|panic disorder)$|"
    r"(?:mine|my own)(?: \w+)?? (?:is|are|'s|has been|have been|was|were|looks|look)(?: \w+)?? "
    r"(?:fine|normal|good|ok|okay|healthy|clear|not))(?![\w'])"
)

_OTHER_DIAGNOSES = (
    r"(?:mdd|gad|depression|anxiety|adhd|add|ptsd|c ptsd|ocd|insomnia|major depression|"
    r"depressive disorder|panic disorder|social anxiety)"
)
ONLY_OTHER = re.compile(
    r"(?<![\w'])(?:just|only|my diagnos[ie]s (?:is|are)|diagnosed with)(?: \w+)? "
    rf"{_OTHER_DIAGNOSES}"
    # "ADHD only", "depression and anxiety only" (blind 32).
    rf"(?![\w'])|^{_OTHER_DIAGNOSES}(?: (?:and|&) {_OTHER_DIAGNOSES})? only$"
)

BARE_HEDGE = re.compile(r"^(?:um |hmm |uh )?(?:maybe|possibly|perhaps|might be|could be|unsure)$")

NEGATION_WORDS = frozenset(
    {"not", "never", "don't", "dont", "haven't", "havent", "didn't", "didnt", "isn't", "isnt"}
    | {"wasn't", "wasnt", "aren't", "arent", "no", "none", "nothing"}
)

HAVING = re.compile(
    r"^(?:i|i'm|im|i've|ive|i'd|my)(?: \w+){0,2}? (?:have|has|had|am|was|do|did|get|got|take|"
    r"taking|use|using|suffer|suffering|deal|dealing|struggle|struggling|diagnosed|been|see|hear|"
    r"feel|experience|experienced|'m|is|are)(?![\w'])"
)


# Someone else the reply may be about ("my wife is pregnant but I'm not"). Not a child
# named as the visitor's own context: "psychosis after my daughter", "since having my kids",
# "had my daughter ten months ago" (blind 26), "pumping for my son", "my son is 4 months".
FAMILY = re.compile(
    r"(?<![\w'])(?:(?<!after )(?<!since )(?<!for )(?<!having )(?<!had )(?:my |our )"
    r"(?!(?:son|daughter|baby|kids?|child|children|twins)(?:'s|s)? (?:is|was|turned) "
    r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) ?"
    r"(?:(?:months?|weeks?|years?|mo|yo|y)\b|and|now|old))(?:mom|mum|mother|dad|father|sister|brother|aunt|uncle|grandma|"
    r"grandmother|grandpa|grandfather|cousin|friend|partner|wife|husband|son|daughter|boyfriend|"
    r"girlfriend|family|parents?|sibling|ex|ex husband|ex wife|ex boyfriend|ex girlfriend|"
    r"roommate|coworker|colleague|neighbou?r|kid|child|children|niece|nephew|fianc[eé]e?|"
    r"boss|manager|supervisor|landlord|"  # "I think my boss has a personality disorder"
    r"twin|twin (?:sister|brother)|step ?(?:mom|mum|dad|mother|father|sister|brother|son|daughter)|"
    r"bestie|best friend|spouse|ex|grandson|granddaughter|cat|dog|pet|puppy|kitten)(?:s|'s|s')?"
    # A grandparent is someone else even without "my": "grandpa died of a heart attack";
    # so is a relative who opens the reply: "ex husband was bipolar, I'm not", "mom's
    # bipolar but i'm not".
    r"|(?:grandma|grandmother|grandpa|grandfather|granny|nana|grandparents?)(?:'s|s')?"
    r"|^(?:ex(?: husband| wife| boyfriend| girlfriend)?|mom|mum|dad|brother|sister|husband|wife|"
    r"partner|girlfriend|boyfriend)(?:'s(?= )|(?= (?:is|was|has|had|got)\b)))"
    r"(?![\w'])"
)


# "hold on", "one sec", "let me check the bottles": a pause, not an answer.
STALL = re.compile(
    r"^(?:ok |okay |um |uh |hmm )?(?:hang on|hold on|one sec(?:ond)?|one moment|one min(?:ute)?|"
    r"just a (?:sec|second|minute|moment)|give me a (?:sec|second|minute|moment)|brb|"
    r"be right back|wait a (?:sec|second|minute|moment)|let me (?:check|look|find|see|go))"
    r"(?![\w'])"
)

# After the question's subject: it is over ("cured", "cleared up", "normal ever since").
RESOLVED = re.compile(
    r"(?<![\w'])(?:cured|resolved|cleared up|cleared|went away|gone now|healed|fully recovered|"
    r"recovered fully|normal (?:ever )?since|normal every time since|fine (?:ever )?since|"
    r"back to normal|normal now|no problems since|no issues since|fixed it|fixed that|"
    r"sorted it out|sorted out now|feel fine now|feeling fine now|all better now|all better|"
    r"better now)(?![\w'])"
)

# After the question's subject and a contrast: a doctor or a test found nothing ("but the
# cardiologist said my heart is totally normal", "but the scan came back clear").
ALL_CLEAR = re.compile(
    r"(?<![\w'])(?:said|says|told me|confirmed|showed|show|came back|come back)(?![\w'])"
    r"(?:\s+\S+){0,5}?\s+(?:totally\s+|completely\s+|perfectly\s+|all\s+)?"
    r"(?:normal|fine|healthy|clear|ok|okay|nothing wrong)(?![\w'])"
)


# "nobody ever said anything about pressure", "my doctor never mentioned it": no one has told
# the visitor they have it, a hedged no unless a hedged yes comes first ("i think it's a bit
# high but nobody's said anything" is for the care team to judge).
NOBODY_SAID = re.compile(
    r"(?<![\w'])(?:(?:no one|nobody|no doctor)(?:'?s| has| ever)* (?:told|said|mentioned)"
    r"|(?:doctor|doc|gp|dr) (?:has )?never (?:said|mentioned|told me))(?![\w'])"
)

# Words that may come before the reply's first real word ("eh sometimes i guess").
FILLERS = frozenset(
    {"eh", "um", "umm", "uh", "hmm", "well", "honestly", "like", "ok", "okay", "tbh"}
)

# A whole reply saying all is well: "I'm fine", "im ok thanks".
FINE_REPLY = re.compile(
    r"(?:i'?m|i am|im) (?:fine|ok|okay|good|all good|healthy|alright|all right|perfectly fine)"
    r"(?: (?:thanks|thank you|thx|ty))?"
)

# Correction words that take the first answer back whatever follows ("honestly" or "sorry"
# may just introduce more words).
TAKES_BACK = re.compile(r"wait|actually|hold on|oops|scratch that|correction|on second thought")

# Laughter typed as words ("lol", "hahaha", "jaja"), shared by the readers that set it aside.
# "haha+" alone would stretch only the last "a" and miss "hahaha" and "jajaja".
LAUGHTER_WORDS = r"lol+|lmao+|lmfao|rofl|(?:ha){2,}h?|(?:he){2,}h?|(?:ja){2,}j?"
# One word of laughter ("lol", "hahaha"), matched whole.
LAUGHTER_WORD = re.compile(LAUGHTER_WORDS)

# Words that a medicine was taken once and is not now ("used to take prozac", "came off
# lithium", "finished the antibiotics"), shared by the medications readers.
STOPPED_TAKING = re.compile(
    r"(?<![\w'])(?:used to|stopped|quit|came off|come off|weaned off|tapered off|was on|were on|"
    r"went off|got off|no longer|not anymore|not any more|finished)(?![\w'])"
)

# "I think", "I guess", "I believe": what the visitor opens with to hedge what follows.
HEDGING_WORDS = r"i think|i guess|i believe"
