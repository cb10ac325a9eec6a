"""Rules for requests for medical advice about the visitor's own medicines, dose, symptoms
or treatment ("should I stop my Zoloft", "can I take two lozenges"), checked by
:func:`bot.safety.request_rules.match_request` after the manipulation and eligibility rules.
"""

from __future__ import annotations

from bot.safety.request_words import (
    CHANGE,
    DRUG,
    MUST,
    MY_DRUG,
    NAMED_DRUG,
    OTHER_DRUG,
    THEIR_OTHER_DRUG,
)

# Generic medicine names by their usual endings: lisinopril, metoprolol, losartan,
# atorvastatin, quetiapine, clonazepam, fluoxetine, sertraline, citalopram, methadone,
# levothyroxine, trazodone; three letters or more before the ending keeps short words out.
_GENERIC_NAME = (
    r"[a-z]{3,}(?:pril|olol|sartan|statin|apine|etine|raline|alopram|azepam|azolam|idone|amine|"
    r"xine|tadine|trigine|zodone|profen)"
)

MEDICAL_ADVICE: tuple[str, ...] = (
    # The visitor's own dose or medicine: "do i take my adderall on session days or skip
    # it", "can i just take two lozenges", "can i cut the lozenge in half", "up my dose".
    r"\btake\s+(?:it|them|my\s+\w+)\b.{0,50}\bor\s+(?:not|skip(?:\s+it)?|wait)\s*[?.!]*\s*$",
    r"\bcan\s+i\s+(?:just\s+)?(?:take|have|use)\s+(?:two|2|three|3|more|another|an?\s+extra|"
    r"double)\s+(?:\w+\s+)?(?:lozenges?|troches?|doses?|tablets?|pills?|sprays?)\b",
    r"\b(?:cut|split|break)\s+(?:the|my|a)\s+(?:lozenge|troche|tablet|pill|dose)\b",
    # After FAQ blind 11: "can i take two next session", "can I take one at home when I feel
    # low", "how should I taper", "should i take ibuprofen or tylenol", "can i microdose".
    r"\bcan\s+i\s+(?:just\s+)?(?:take|have|use)\s+(?:two|2|three|3|more|another|one|an?\s+extra|"
    r"double|a\s+second)\s+(?:\w+\s+)?(?:next|at\s+home|on\s+my\s+own|tonight|today|when|between|"
    r"before|after|if)\b",
    # After FAQ blind 19: something of one's own around one's session ("can i have a couple
    # glasses of wine the night before my session", "should I use my asthma inhaler before
    # the ketamine session"), a different dose, timing one's dose, what to take.
    r"\b(?:can|could|may|should)\s+i\s+(?:still\s+)?(?:have|drink|take|use|smoke)\s+"
    r"(?:(?:a|some|my|an?\s+\w+\s+of|a\s+couple(?:\s+of)?|one|two)\s+)?(?:\w+\s+){0,2}?"
    r"(?:wine|beers?|alcohol|drinks?|glass(?:es)?|weed|cannabis|thc|edibles?|joint|"
    r"inhaler|meds|medications?|pills?|xanax|adderall|klonopin|ativan|cbd|gummies|supplements?|"
    r"vitamins?|kratom|vape|coffee|caffeine|energy\s+drinks?)\b.{0,30}\b"
    r"(?:(?:before|after|during)\s+(?:my|the|a|each|every)|"
    r"the\s+(?:day|morning|night)\s+of(?:\s+my|\s+the)?)\s+(?:\w+\s+)?(?:session|infusion|"
    r"treatment|dose|appointment)\b",
    r"\b(?:any\s+)?(?:issues?|problems?)\s+with\s+me\s+(?:taking|doing|having|getting)\b",
    r"\b(?:something|anything)\s+(?:that\s+)?i\s+should\s+(?:worry|be\s+(?:worried|concerned))"
    r"\s+about\b",
    r"\bwhat\s+(?:would|do|should)\s+you\s+(?:recommend|suggest|advise)\s+for\s+me\b",
    r"\bshould\s+i\s+(?:ask\s+for|get|request|try|go\s+for)\s+(?:a\s+)?"
    r"(?:higher|lower|bigger|smaller|stronger|weaker|different)\s+dose\b",
    r"\bhow\s+(?:should|do|can)\s+i\s+(?:time|space|schedule)\s+(?:my|the)\b",
    r"\bwhat\s+(?:supplements?|vitamins?|medications?|meds|medicines?)\s+(?:should|can|could)\s+"
    r"i\s+(?:take|use|try)\b(?=.*\b(?:treatment|sessions?|ketamine|kap|infusions?|"
    r"neuroplasticity|integration|recovery)\b)",
    # "would microdosing ketamine at home work better for me" (not "would an afternoon
    # appointment be better for me", a booking question).
    r"\bwould\s+(?:\w+\s+){0,6}?(?:ketamine|kap|microdos\w*|infusions?|lozenges?|troches?|"
    r"spravato|esketamine|iv|nasal\s+spray|injections?|shots?)\b.{0,40}\b(?:work|be)\s+"
    r"(?:better|best)\s+for\s+me\b",
    r"\bhow\s+(?:should|do|can|would)\s+i\s+(?:best\s+)?(?:taper|wean|come\s+off|get\s+off|stop\s+"
    r"taking)\b",
    r"\bshould\s+i\s+(?:take|use|try)\s+(?:an?\s+|some\s+)?(?:advil|tylenol|ibuprofen|"
    r"acetaminophen|paracetamol|aspirin|aleve|naproxen|excedrin|melatonin|benadryl|painkillers?|"
    r"pain\s+killers?|something)\b",
    r"\b(?:can|could|should|may)\s+i\s+(?:just\s+)?micro-?dose\b|\bmicro-?dosing\s+(?:ketamine\s+)?"
    r"(?:on\s+my\s+own|at\s+home|myself)\b",
    r"\b(?:up|raise|increase|lower|reduce|adjust|change)\s+my\s+dose\b",
    r"\b(?:forgot|missed|skipped)\b.{0,40}\bmy\s+(?:\w+\s+)?(?:meds|medications?|pills?|"
    r"dose|lozenge|troche)\b.{0,60}\bwhat\s+(?:do|should)\s+i\s+do\b",
    # ("is melatonin safe" asks about it in general, for anyone.)
    rf"\bis\s+(?:{NAMED_DRUG}|advil|tylenol|ibuprofen|acetaminophen|paracetamol|aspirin|"
    r"aleve|naproxen|excedrin|melatonin|benadryl)\s+(?:ok|okay|fine|alright)\b",
    r"\bdeber[ií]a\s+(?:dejar(?:lo|la)?|parar(?:lo|la)?|suspender(?:lo|la)?|tomar(?:lo|la)?)\b",
    # "¿la tomo junto con mis pastillas?", "sollte ich meine schlaftabletten weglassen?",
    # "dois-je arrêter mes médicaments".
    r"\b(?:la|lo|las|los)\s+tomo\s+(?:junto\s+)?con\s+mis\b",
    r"\bsoll(?:te)?\s+ich\s+(?:meine|mein|die|das)\s+(?:\w+\s+){1,4}(?:weglassen|absetzen|nehmen|"
    r"reduzieren|erh[öo]e?hen|pausieren)\b",
    r"\bdois[- ]je\s+(?:arr[êe]ter|prendre|continuer|r[ée]duire|augmenter)\s+(?:mon|ma|mes)\b",
    r"\bhow\s+(?:much|many)\s+(?:ketamine|mg|milligrams?|lozenges?|troches?|pills)\b"
    # "how many ketamine sessions" asks about the course of treatment, not a dose.
    r"(?!\s+(?:does|do|is|are|cost|infusions?|treatments?|sessions?|appointments?|visits?))",
    # ("what dose range do you use" asks about the clinic's practice, the doses answer.)
    r"^(?!.*\b(?:do\s+(?:you|u|they|clinics)|does\s+(?:the\s+)?clinic)\s+(?:\w+\s+)?(?:use|give)\b)"
    r".*\b(?:what|which|the\s+right|max(?:imum)?|starting|typical|usual|normal)\s+(?:\w+\s+)?"
    r"(?:dose|dosage|doses|mg|milligrams?)\b",
    r"\b(?:drink|drinking|alcohol|weed|cannabis)\b.{0,20}\b(?:on|with)\s+my\s+"
    r"(?:meds|medications?|medicines?|pills)\b",
    r"\bhow\s+(?:often|much)\s+should\s+i\b",
    rf"\b(?:should|can|could|may|do|must)\s+i\s+(?:need\s+to\s+)?(?:stop|start|quit|skip|"
    rf"pause|come\s+off|go\s+off|taper(?:\s+off)?|double(?:\s+up\s+on)?|increase|decrease|"
    rf"lower|raise|reduce|switch|change)\s+(?:taking\s+)?{MY_DRUG}\b",
    rf"\b(?:should|can|could|may|must)\s+i\s+(?:take|mix|combine|drink\s+on|drink\s+"
    rf"with)\s+{MY_DRUG}\b",
    r"\b(?:should|can|could|may)\s+i\s+(?:take|mix|combine)\s+(?:it|ketamine|them)\s+"
    r"(?:with|while|if|on|before|after)\b",
    r"\b(?:is|would)\s+it\s+(?:be\s+)?(?:safe|ok|okay|dangerous|fine|bad)\s+for\s+me\b",
    # Permission for something the visitor would do: "is it ok if i have a glass of wine
    # the evening after my session", "Is it ok if I take one at home on a bad day?"
    r"\b(?:is|would)\s+it\s+(?:be\s+)?(?:safe|ok|okay|alright|all\s+right|fine|bad)\s+if\s+"
    r"i\s+(?:\w+\s+)?(?:take|have|drink|use|skip|stop|mix|double|smoke)\b",
    # What to do about one's own medicines or treatment: "Should I try something
    # entirely different?", "should i switch from spravato to lozenges", "Should I stop
    # the treatment?", "Should I only take half the dose?"
    r"\bshould\s+i\s+(?:only\s+|just\s+|still\s+|even\s+|maybe\s+)?(?:stop|quit|switch|"
    r"skip|pause|halve|double|increase|decrease|lower|raise|change|adjust|restart|resume|"
    r"(?:go|get)\s+back\s+on|try\s+(?:something|another|a\s+"
    r"different)|take\s+(?:half|less|more|another|an?\s+extra))\b",
    r"\bshould\s+i\s+(?:use|take|try|choose|get|do)\b.{0,50}\b(?:instead\s+of|rather\s+than)\b",
    # A medicine for the visitor's own symptom: "What should I take to help me sleep?",
    # "Can I take ibuprofen for the headache?", "How should I treat them?"
    r"\bwhat\s+(?:should|can|could)\s+i\s+take\s+(?:for|to)\b",
    r"\b(?:can|could|may|should)\s+i\s+(?:still\s+)?take\s+(?:an?\s+|some\s+|my\s+)?"
    r"(?!(?:break|breaks|time|notes|photos|pictures|calls?|the\s+\w+|someone|somebody|uber|"
    r"taxi|bus|train|a\s+friend)\b)[\w-]+\s+(?:for|with|while|after|before|on|during)\s+"
    r"(?:my|the|a|this|that|these|those|it)\b",
    r"\bhow\s+(?:should|do|can)\s+i\s+(?:treat|medicate|manage)\s+(?:them|it|this|that|my)\b",
    r"\bwhat\s+should\s+i\s+do\s+(?:so|to\s+(?:stop|prevent|avoid)|about\s+(?:my|the|this|it))\b",
    # Whether one's own medicines will get in the way: "Will my current psychiatric
    # medications interfere with ketamine therapy?"
    rf"\bmy\s+(?:\w+\s+){{0,2}}{OTHER_DRUG}\s+(?:\w+\s+)?(?:interfere|interact|conflict|"
    r"clash|mess)\b",
    r"\b(?:is|would)\s+it\s+(?:be\s+)?(?:safe|ok|okay|dangerous|fine|bad)\s+(?:to\s+)?"
    r"(?:take|mix|combine|use|drink|have|do)\b.{0,40}\b(?:my|while\s+i|if\s+i|since\s+i|"
    r"when\s+i|before\s+(?:an?|my)\s+(?:infusion|session|treatment))\b",
    r"\b(?:safe|ok|okay|dangerous)\s+(?:for\s+me|with\s+my)\b",
    r"\b(?:interact|interacts|interaction|interactions)\b.{0,40}\bmy\b",
    rf"\b(?:mix|mixing|combine|combining)\s+{DRUG}\s+(?:and|with)\s+(?:my\s+)?{DRUG}\b",
    r"\b(?:do|could|might|would)\s+(?:i|you\s+think\s+i)\s+(?:have|be|am)\s+(?:\w+\s+)?"
    r"(?:depress\w*|bipolar|ptsd|adhd|ocd|anxiety|an?\s+\w*\s*disorder|"
    r"treatment[- ]resistant|mentally\s+ill)\b",
    r"\bam\s+i\s+(?:\w+\s+)?(?:bipolar|depressed|mentally\s+ill|crazy|psychotic|manic)\b",
    # After describing symptoms: "my ups and downs are crazy. do I have it?"
    r"\bdo\s+(?:i|you\s+think\s+i)\s+have\s+(?:it|this|that|one)\s*[?.!]*\s*$",
    # Going ahead with a session given a reading or a symptom: "my BP was 150/95 this
    # morning, is it ok to go ahead with my session today"
    r"\b(?:ok|okay|safe|fine|alright)\s+(?:for\s+me\s+)?to\s+(?:go\s+ahead|still\s+go|go|proceed|"
    r"do|have)\s+(?:\w+\s+){0,2}(?:my\s+)?(?:session|infusion|treatment|dose|appointment)\b"
    r"(?=.*\b(?:today|tomorrow|tonight|this\s+(?:morning|week))\b)",
    # Timing one's own new medicine around treatment: "should I say yes now or wait until
    # after KAP"
    r"\bshould\s+i\s+(?:say\s+yes|agree|start\s+(?:it|them|that)|take\s+(?:it|them)|go\s+on\s+"
    r"(?:it|them))\s+(?:now|first)\s+or\s+wait\b",
    r"\bwhat(?:'s|\s+is)\s+wrong\s+with\s+me\b",
    r"\bdiagnose\s+me\b|\bwhat\s+is\s+my\s+diagnosis\b",
    r"\bwhat\s+(?:medication|medicine|meds|antidepressant|drug)\s+(?:should|would|do)\b",
    r"\bare\s+my\s+symptoms\s+serious\b|\bif\s+my\s+symptoms\s+are\s+serious\b",
    # The visitor's own symptoms, asking what to do: "I've had a headache since my
    # treatment, should I be worried?", "dizzy all week, do I need to see a doctor",
    # "nauseous for hours after my session, what should I do" (not "what should I do
    # to prepare", which the preparation answer gives).
    # Not "should I be worried about addiction?", which the addiction answer gives.
    r"\bshould\s+i\s+(?:be\s+(?:worried|concerned)|worry)(?:\s+about\s+(?:it|this|that|them))?"
    r"\s*[?.!]*\s*$",
    r"\b(?:should|do)\s+i\s+(?:need\s+to\s+)?(?:go\s+(?:see|to)|see|call|contact)\s+"
    r"(?:a|my|the|an)\s+(?:doctor|gp|physician|nurse|er|emergency\s+room|hospital|"
    r"urgent\s+care)\b",
    # ("During the infusion, what should I do?" asks about the session day.)
    r"^(?!\s*(?:during|before|at|in|for)\b).*\bwhat\s+should\s+i\s+(?:do|take)"
    r"(?:\s+(?:for|about)\s+(?:it|this|that|them))?\s*[?.!]*\s*$",
    rf"\bshould\s+i\s+(?:still|even)\s+take\s+{MY_DRUG}\b",
    r"\b\d+\s*mg\b",
    # Changing one's own medicines around treatment: "Do I need to stop any of my
    # medications?", "Will I still need to take my antidepressant?", "Will I be able to
    # stop my other psychiatric medications?", "Do I have to stop taking any medications
    # before starting ketamine infusions?"
    r"\b(?:do|will|would|should|must|can)\s+(?:i|we)\s+(?:still\s+)?"
    rf"(?:{MUST}\s+(?:{CHANGE}|take)|{CHANGE})\s+(?:taking\s+|using\s+|on\s+)?"
    rf"{THEIR_OTHER_DRUG}\b",
    rf"\b(?:do|will|would|must)\s+you\s+(?:still\s+)?{MUST}\s+(?:{CHANGE}|take)\s+"
    rf"(?:taking\s+|using\s+|on\s+)?{THEIR_OTHER_DRUG}\b",
    # Whether one may take a named medicine with ketamine, asked about anyone ("can you
    # take ketamine on SSRIs?", "can you use antidepressants while undergoing ketamine
    # therapy?"), asks for permission, the prescriber's to give; "does lithium interact
    # with ketamine?" asks for information, which the interactions answer gives.
    rf"^(?=.*\b{NAMED_DRUG}\b).*?\bcan\s+(?:you|i|one|someone|people|patients)\s+"
    r"(?:still\s+)?(?:use|take|be\s+on|stay\s+on|continue|discontinue|stop|mix|combine)\s+"
    r"(?:taking\s+|using\s+)?(?:the\s+use\s+of\s+)?"
    rf"(?:ketamine|esketamine|spravato|{THEIR_OTHER_DRUG})\s+(?:while|on|with|if|during|"
    r"when|alongside|together|and)\b",
    # Taking part while on medicines: "Can I participate if I'm taking antidepressants?"
    r"\bif\s+(?:i|you)(?:'m|'re|\s+am|\s+are)\s+(?:already\s+|currently\s+|still\s+)?"
    rf"(?:taking|on|using)\s+{THEIR_OTHER_DRUG}\b",
    # Drinking or using cannabis around treatment is a question of what is safe for the
    # visitor, which no answer here says: "Can I drink alcohol while on ketamine
    # therapy?", "How long after ketamine can you drink alcohol?"
    r"\b(?:can|could|may|should)\s+(?:i|you|we|one|people)\s+(?:still\s+)?(?:drink|have\s+"
    r"(?:a\s+)?(?:drink|drinks|alcohol|wine|beer|glass\s+of\s+wine)|smoke|use\s+(?:weed|"
    r"cannabis|marijuana))\b.{0,40}\b(?:ketamine|kap|esketamine|spravato|treatment|therapy|"
    r"infusions?|sessions?|dosing)\b",
    r"\bhow\s+(?:long|soon)\s+(?:after|before)\b.{0,40}\b(?:can|should|may)\s+(?:i|you|we)\s+"
    r"(?:drink|have\s+(?:a\s+)?drink|smoke)\b",
    r"\b(?:is\s+it|it's)\s+(?:ok|okay|safe|fine|bad)\s+to\s+(?:drink|smoke)\b.{0,40}\b"
    r"(?:ketamine|kap|esketamine|spravato|treatment|therapy|infusions?|sessions?)\b",
    # Keeping or replacing one's own medicines: "Can you use ketamine without stopping
    # antidepressants?", "Will ketamine replace my antidepressants?"
    r"\bwithout\s+(?:stopping|quitting|coming\s+off|going\s+off|tapering(?:\s+off)?)\s+"
    rf"{THEIR_OTHER_DRUG}\b",
    rf"\breplace\s+my\s+(?:\w+\s+)?{OTHER_DRUG}\b",
    rf"\bmy\s+(?:\w+\s+)?{OTHER_DRUG}\s+(?:is\s+|are\s+)?(?:safe|ok|okay|fine|dangerous)\b",
    rf"\b(?:is|are)\s+my\s+(?:\w+\s+)?{OTHER_DRUG}\s+(?:\w+\s+)?(?:safe|ok|okay|fine|"
    r"dangerous)\b",
    # After FAQ blind 9: another dose, upping it, skipping a pill, whether to go to (or keep
    # going with) a session, a symptom "what do I do".
    r"\bcan\s+i\s+(?:just\s+)?take\s+(?:another|a\s+second|one\s+more)\b",
    r"\b(?:can|should)\s+i\s+(?:just\s+)?up\s+(?:it|my\s+dose|the\s+dose)\b",
    r"\b(?:can|should|could)\s+i\s+(?:just\s+)?skip\s+(?:my|the)\s+(?:\w+\s+){0,2}"
    r"(?:pills?|meds?|medications?|medicines?|dose|tablets?)\b",
    r"\bshould\s+i\s+(?:still\s+)?(?:go\s+to|do|have|cancel|skip|postpone)\s+(?:my|the|today'?s)\s+"
    r"(?:\w+\s+)?(?:session|infusion|treatment|appointment)\b",
    r"\bshould\s+i\s+(?:keep\s+going|continue|stop)\s+(?:with\s+)?(?:the|my)\s+"
    r"(?:sessions|treatments?|infusions)\b",
    r"\bis\s+(?:that|this|it)\s+normal\b.{0,40}\bwhat\s+(?:do|should)\s+i\s+do\b",
    r"\b(?:twice|two\s+times|three\s+times)\s+a\s+day\s+instead\s+of\b",
    # After FAQ blind 10: a medicine for one's own symptom or around a session ("should i
    # take a beta blocker before the next one", "should i take melatonin or something"),
    # upping one's own medicine, resting or seeing a doctor, waiting after one's own
    # medicine, one's leftover doses at home, a symptom and then "what do i do".
    # ("should I take notes before my session" is not about a medicine.)
    r"\bshould\s+i\s+take\s+(?!(?:notes|time|off|a\s+(?:shower|nap|break|friend|walk|day))\b)"
    r"(?:an?\s+|some\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?:or\s+(?:something|anything)|before(?:hand)?|"
    r"after(?:wards)?|for)\b",
    r"\b(?:can|should)\s+i\s+(?:just\s+)?up\s+my\s+\w+",
    r"\bshould\s+i\b.{0,40}\bor\s+(?:go\s+)?(?:see|call|contact|go\s+to)\s+(?:a|my|the|an)\s+"
    r"(?:doctor|gp|physician|nurse|er|hospital|urgent\s+care)\b",
    r"\bhow\s+long\s+(?:should|do|must)\s+i\s+wait\s+(?:after|before)\s+(?:my|taking|i\s+take)\b",
    r"\b(?:can|could|may)\s+i\s+(?:use|take)\s+(?:my\s+|the\s+)?(?:leftover|extra|spare|remaining|"
    r"old)\s+\w+",
    r"\b(?:tingl\w*|numb|dizzy|nause\w*|headaches?|vomit\w*|racing|pain|hurts?|rash|itch\w*|"
    r"shaking|burning|bleeding)\b.{0,80}\bwhat\s+(?:do|should)\s+i\s+do\b",
    # After FAQ blind 12: the visitor names a medicine they take, then asks whether it is
    # safe with ketamine or whether to keep taking it ("I'm on lexapro, is it safe to take
    # ketamine with it", "I take lithium, will it interact", "my bp med is lisinopril, do
    # i still take it the day of"). Generic names by their usual endings (-pril, -olol...).
    # After FAQ blind 20: "my doc prescribed gabapentin ...; can i keep taking it", "i'm on
    # naltrexone for drinking. do i need to stop it", "I'm on birth control pills, is there
    # any issue with me taking ketamine?".
    rf"\b(?:i'?m\s+(?:on|taking)|i\s+am\s+(?:on|taking)|i\s+(?:take|use)|i'?ve\s+been\s+(?:on|"
    rf"taking)|my\s+(?:\w+\s+){{0,2}}(?:med|meds|medication|medicine)\s+is|(?:doc|doctor|gp|"
    rf"psychiatrist|dr)\s+(?:prescribed|put\s+me\s+on)(?:\s+me)?)\s+(?:(?:\w+\s+)?"
    rf"(?:{NAMED_DRUG}|{_GENERIC_NAME})|(?:\w+\s+){{0,2}}?(?:pills|tablets))\b.{{0,80}}\b(?:safe|"
    r"ok|okay|dangerous|interact\w*|interfere\w*|mix|combine|together|problem|issue|conflict\w*|"
    r"still\s+take|keep\s+taking|(?:need\s+to|have\s+to|should\s+i|can\s+i|do\s+i)\s+"
    r"(?:stop|keep|continue)\s+(?:it|them)|"
    # After FAQ blind 13: "I'm on lamotrigine, will it block the ketamine for me", "I'm on
    # naltrexone, is that gonna mess with ketamine", "i take benzos every day, do i need to
    # taper before ketamine".
    r"stop\s+taking|block\w*|mess\w*\s+with|cancel\w*|weaken\w*|affect\w*|taper\w*|"
    r"come\s+off|get\s+off|wean\w*)\b",
    r"\b(?:do|should|can|must)\s+i\s+(?:still\s+)?(?:take|skip)\s+(?:it|them|my\s+\w+)\s+"
    r"(?:the\s+(?:day|morning|night)\s+(?:of|before)|on\s+the\s+day|that\s+(?:day|morning)|"
    r"on\s+(?:session|treatment|infusion)\s+days?|before\s+(?:my|the|a)\s+(?:session|infusion|"
    r"treatment))\b",
    r"\btengo\s+que\s+(?:dejar\s+de\s+tomar|dejar|suspender|parar)\b",
    # Coming off one's own medicines once treatment works: "can i get off my antidepressants
    # once the ketamine kicks in"; an everyday painkiller for one's own symptom: "i have a bad
    # headache after ketamine, can i take ibuprofen".
    rf"\b(?:can|could|should|will|would)\s+i\s+(?:be\s+able\s+to\s+)?(?:get|come|go)\s+off\s+"
    rf"(?:of\s+)?{MY_DRUG}\b",
    r"\b(?:can|could|may)\s+i\s+(?:still\s+|just\s+)?take\s+(?:an?\s+|some\s+)?(?:advil|tylenol|"
    r"ibuprofen|acetaminophen|paracetamol|aspirin|aleve|naproxen|excedrin|melatonin|benadryl|"
    r"painkillers?|pain\s+killers?|a\s+painkiller)\b",
    # "Ich nehme Venlafaxin, darf ich trotzdem Ketamin nehmen?", "Je prends du lorazépam,
    # est-ce que je dois arrêter avant ma séance ?", "tomo sertralina, ¿puedo...?".
    r"\bich\s+nehme\s+\w+.{0,60}\b(?:darf|kann|soll|muss)\s+ich\b",
    r"\bje\s+prends\s+(?:du\s+|de\s+la\s+|des\s+|de\s+l'|le\s+|la\s+)?\w+.{0,60}"
    r"\b(?:dois[- ]je|puis[- ]je|est-ce\s+que\s+je\s+(?:dois|peux))\b",
    r"\btomo\s+\w+.{0,60}\b(?:puedo|debo|tengo\s+que)\b",
    r"\bkann\s+ich\b.{0,40}\bnehmen\b.{0,10}\bwenn\s+ich\b.{0,40}\bnehme\b",
    # After FAQ blind 14: a medicine for one's own symptom around a session ("I get nauseous
    # during sessions, can I take zofran beforehand?"), a dose for oneself ("what's a safe
    # dose for me? I weigh 60kg"), harm to one's own body after naming a condition ("i have
    # hep c. will ketamine hurt my liver?"), whether one's own symptom is serious, in French,
    # Spanish or German ("j'ai des palpitations ..., est-ce que c'est grave ?").
    rf"\b(?:can|could|may|should)\s+i\s+(?:still\s+|just\s+)?take\s+(?:an?\s+|some\s+|my\s+)?"
    rf"(?:{NAMED_DRUG}|{_GENERIC_NAME}|zofran|ondansetron|dramamine|gravol|antiemetics?|"
    r"anti-?nausea\s+\w+|something\s+for\s+(?:the\s+)?(?:nausea|anxiety|headaches?|pain|sleep))\s+"
    r"(?:before|beforehand|after|afterwards|during|on\s+the\s+day|the\s+day\s+of|with|first)\b",
    r"\b(?:safe|right|correct|best|good|proper|ideal)\s+(?:dose|dosage|amount)\s+(?:of\s+\w+\s+)?"
    r"for\s+me\b|\bdos\w*\b.{0,60}\bi\s+weigh\b|\bi\s+weigh\b.{0,60}\bdos\w*\b",
    r"\bi\s+(?:have|'ve\s+got|am|'m|take|use)\b.{2,60}\b(?:will|would|could|can|might|does)\s+"
    r"(?:ketamine|it|this|kap|the\s+(?:treatment|ketamine))\s+(?:\w+\s+)?(?:hurt|harm|damage|affect|"
    r"worsen|mess\s+with|interfere\s+with|be\s+(?:bad|dangerous|unsafe|safe|harmful|risky|ok|okay)"
    r"\s+for)\s+(?:my|me)\b",
    r"\bj'ai\b.{3,80}\b(?:est[- ]ce\s+(?:que\s+)?c'est|c'est)\s+(?:grave|dangereux|normal|"
    r"inqui[ée]tant)\b|\btengo\b.{3,80}\bes\s+(?:grave|normal|peligroso)\b"
    r"|\bich\s+habe\b.{3,80}\bist\s+das\s+(?:schlimm|gef[äa]hrlich|normal)\b",
    # After FAQ blind 15: the most one may take ("what's the max number of lozenges i can
    # safely take"), one's own medicine around a session ("can I take my blood pressure pill
    # right before the session"), "debo dejar de tomar mi sertralina", safe for me or my body
    # ("is ketamine safe for my lungs?", "ist Ketamin für mich sicher?"; not "safe for me to
    # drive", which the after-session answer covers), and whether one's own symptom since
    # treatment is serious ("it burns when I pee since I started treatment. is that serious?").
    r"\b(?:max|maximum|most)\s+(?:number\s+of\s+|amount\s+of\s+)?(?:\w+\s+)?(?:lozenges?|troches?|"
    r"doses?|pills?|tablets?|sprays?|mg)\s+(?:that\s+)?(?:i|you)\s+can\b",
    r"\b(?:can|could|may|should)\s+i\s+(?:still\s+|just\s+)?take\s+my\s+(?:\w+\s+){0,3}(?:pills?|"
    r"meds?|medications?|medicines?|tablets?|dose|inhaler)\b",
    r"\bdebo\s+(?:dejar(?:\s+de\s+tomar)?|parar|suspender|seguir\s+tomando)\b",
    r"\b(?:safe|dangerous|harmful|bad|risky|ok|okay)\s+for\s+(?:me|my\s+(?:\w+\s+)?(?:lungs?|heart|"
    r"liver|kidneys?|bladder|brain|body|eyes?|condition|health|pregnancy|baby|stomach|asthma|"
    r"blood\s+pressure))\b(?!\s+to\b)",
    r"\bf[üu]r\s+mich\s+(?:\w+\s+)?(?:sicher|gef[äa]hrlich|geeignet|ok|okay|schlecht)\b"
    r"|\b(?:seguro|peligroso|malo)\s+para\s+m[ií]\b|\b(?:dangereux|s[ûu]r|sans\s+danger)\s+pour\s+moi\b",
    r"\b(?:since|when|after)\s+(?:i|my)\b.{0,100}\b(?:is|could)\s+(?:that|this|it)\s+(?:be\s+)?"
    r"(?:\w+\s+)?(?:serious|dangerous|concerning|worrying|worrisome|a\s+(?:bad|serious|warning)\s+sign)\b",
    # After FAQ blind 16: one's own symptom since a session, then what to do ("I can't sleep
    # since my second session, what do you recommend", "J'ai des vertiges depuis ma séance
    # d'hier, qu'est-ce que je dois faire ?"), and a medicine one is about to be given ("my
    # psychiatrist wants to add lamictal, will it mess with my ketamine").
    r"\b(?:since|after)\s+(?:my|the)\s+(?:\w+\s+)?(?:session|infusion|treatment|dose|ketamine)\b"
    r"(?:.{0,60}\bwhat\s+(?:do|would|should|can)\s+(?:you|i)\s+(?:recommend|suggest|take)|"
    r".{6,60}\bwhat\s+(?:do|should|can)\s+i\s+do)\b",  # not "after the session what do i do"
    r"\bj'ai\b.{3,80}\bqu'?est[- ]ce\s+que\s+je\s+(?:dois|devrais)\s+faire\b"
    r"|\btengo\b.{3,80}\bqu[ée]\s+(?:debo|deber[ií]a)\s+hacer\b"
    r"|\bich\s+habe\b.{3,80}\bwas\s+soll\s+ich\s+(?:tun|machen)\b",
    r"\b(?:wants?|going|plans?|planning)\s+to\s+(?:add|start|put\s+me\s+on|prescribe)\b.{0,60}"
    r"\b(?:will|would|could|does|can)\s+(?:it|that|this)\s+(?:\w+\s+)?(?:mess\s+with|interact|"
    r"interfere|affect|block|weaken|cancel)\b",
    # After FAQ blind 17: one's own medicine, kept or stopped, in the other languages ("Kann
    # ich mein Lorazepam weiter nehmen", "je peux arrêter mon antidépresseur", "¿puedo tomar
    # mi medicación...?", "posso continuar tomando meu remédio"); another medicine "ok to
    # take" around ketamine; a relative's symptom after a session, "should we be worried";
    # "Darf ich meine Schlaftabletten am Abend nach der Sitzung nehmen?" (FAQ blind 20).
    r"\b(?:kann|darf|soll|muss)\s+ich\s+(?:mein|meine|meinen)\s+(?:[\w-]+\s+){0,6}?(?:weiter\s*)?"
    r"(?:nehmen|einnehmen|absetzen|weglassen)\b"
    r"|\b(?:je\s+peux|puis-je|dois-je|je\s+dois|faut-il)\s+(?:arr[êe]ter|continuer|prendre|garder|"
    r"suspendre)\s+(?:(?:[àa]\s+prendre|de\s+prendre)\s+)?(?:mon|ma|mes)\b"
    r"|\b(?:puedo|debo)\s+(?:seguir\s+|dejar\s+de\s+)?(?:tomar|dejar|suspender|continuar)\s+(?:con\s+)?"
    r"(?:mi|mis)\b"
    r"|\b(?:posso|devo)\s+(?:continuar\s+(?:a\s+)?|parar\s+de\s+)?(?:tomar|tomando|parar|suspender)\s+"
    r"(?:o\s+|a\s+)?(?:meu|minha|meus|minhas)\b",
    r"^\W*(?:is\s+it\s+|it'?s\s+)?(?:ok|okay|alright|fine|safe)\s+(?:for\s+me\s+)?to\s+(?:take|use|have)\s+"
    r"(?!(?:ketamine|kap|esketamine|spravato|it|this|that|the\s+treatment)\b)\w+\b.{0,40}\b(?:after|"
    r"before|with|during)\s+(?:a\s+|the\s+|my\s+)?(?:ketamine|session|infusion|treatment|dose)\b",
    r"\b(?:after|since)\s+(?:his|her|their|my\s+\w+'?s?)\s+(?:\w+\s+)?(?:session|infusion|"
    r"treatment)\b.{0,60}\bshould\s+(?:we|i|he|she|they)\s+be\s+(?:worried|concerned)\b",
    # After FAQ blind 18: how much of one's own dose ("should I take two next session", "is it
    # ok to take a small piece at home", "should my dose be changed", "should I still go ahead
    # with today's dose"), how to take it ("swallow the lozenge or hold it longer"), a remedy
    # for a side effect ("can I take Zofran or Dramamine beforehand", "Was soll ich dagegen
    # nehmen?"), stopping a medicine in Portuguese or Spanish ("Devo parar de tomar …").
    r"\bshould\s+i\s+(?:just\s+)?(?:take|have|use)\s+(?:two|2|three|3|more|another|an?\s+extra|"
    r"double|a\s+second|half|less)\b",
    r"\b(?:is\s+it|would\s+it\s+be|it'?s)\s+(?:ok|okay|alright|fine|safe)\s+(?:for\s+me\s+)?to\s+"
    r"(?:take|use|have)\s+(?:a|some|one|half|an?\s+extra|a\s+(?:small|little))\s+(?:\w+\s+)?"
    r"(?:piece|bit|dose|lozenge|troche|tablet|pill)\b",
    r"\bshould\s+my\s+dose\b|\bmy\s+dose\s+(?:be\s+)?(?:changed|adjusted|increased|lowered|"
    r"raised|reduced)\b",
    r"\bshould\s+i\s+(?:still\s+)?(?:go\s+ahead\s+with|skip|postpone|take)\s+(?:today'?s|"
    r"tomorrow'?s|tonight'?s|my\s+next|my|this\s+week'?s)\s+(?:dose|lozenge|troche|infusion)\b",
    r"^(?!.*\bhow\b).*\bshould\s+i\s+(?:swallow|chew|spit|hold|keep|dissolve)\b.{0,40}\b(?:lozenge|troche|"
    r"tablet|it|them)\b",
    r"\b(?:can|could|should|may)\s+i\s+(?:take|use|have)\s+(?:\w+\s+or\s+)?(?:zofran|"
    r"ondansetron|dramamine|gravol|meclizine|bonine|pepto|tums|antacids?|anti-?nausea)\b",
    r"\bwas\s+(?:soll|sollte|kann)\s+ich\s+(?:dagegen\s+|daf[üu]r\s+)?(?:nehmen|einnehmen)\b"
    r"|\bqu[eé]\s+(?:debo|deber[ií]a|puedo)\s+tomar\b|\bo\s+que\s+(?:devo|posso)\s+tomar\b"
    r"|\bque\s+(?:dois-je|devrais-je|puis-je)\s+prendre\b"
    r"|\b(?:devo|debo)\s+(?:parar|deixar|dejar)\s+de\s+(?:tomar|usar)\b",
    # After FAQ blind 21: one's own symptom since a session, asked about ("I've had a headache
    # since yesterday's session, is that normal?", "... since I started ketamine, is that from
    # the treatment?"); "is it normal that I still feel ..."; a drink or a smoke around one's
    # session in Spanish, Portuguese, French or German; "microdosing ketamine at home".
    r"\b(?:since|after)\s+(?:my|yesterday'?s|last\s+night'?s|(?:the|my)\s+last|i\s+(?:started|"
    r"began))\s+(?:\w+\s+)?(?:session|infusion|treatment|dose|ketamine|kap|lozenge)\b.{0,60}\b"
    r"(?:is|are|was|could)\s+(?:that|this|it|they|those)\s+(?:be\s+)?(?:normal|ok(?:ay)?|"
    r"(?:something|anything)\s+to\s+worry\s+about|(?:from|because\s+of|due\s+to|caused\s+by|"
    r"related\s+to)\s+(?:the\s+)?(?:treatment|ketamine|sessions?|infusions?|medicine|meds|kap)|"
    r"a\s+(?:bad\s+)?(?:sign|side\s+effect))\b",
    r"\bis\s+it\s+(?:normal|ok(?:ay)?|common|bad)\s+(?:that|if)\s+i\s+(?:still\s+)?(?:feel|have|am|"
    r"get|keep|can'?t|cannot|haven'?t)\b",
    r"\b(?:puedo|podr[ií]a|posso|poderia|puis-je|est-ce\s+que\s+je\s+peux|kann\s+ich|darf\s+ich)\s+"
    r"(?:tomar|beber|fumar|prendre|boire|fumer|trinken|rauchen)\b.{0,40}\b(?:antes|despu[eé]s|"
    r"durante|depois|avant|apr[eè]s|pendant|vor|nach|w[äa]hrend)\b",
    # After FAQ blind 22: ketamine with one's own medicine, in English ("i'm taking tramadol
    # for back pain, will ketamine interact badly with it"), Spanish ("¿puedo tomar ketamina
    # si estoy tomando benzodiacepinas?") and Portuguese ("posso tomar cetamina junto com meu
    # remédio de tireoide?"); a medicine of one's own to ask for ("should i ask for a beta
    # blocker").
    r"\bi'?m\s+(?:taking|on)\s+\w+.{0,60}\b(?:will|would|could|does|can)\s+(?:ketamine|kap|it|"
    r"this|that|the\s+treatment)\s+(?:\w+\s+)?(?:mess\s+with|interact|interfere|clash)\b",
    r"\b(?:puedo|podr[ií]a)\s+(?:tomar|usar|recibir|hacer)\s+(?:la\s+)?(?:ketamina|cetamina|"
    r"esto|eso|el\s+tratamiento)\b.{0,40}\b(?:si\s+(?:estoy\s+tomando|tomo)|con\s+(?:mi|mis))\b"
    r"|\b(?:posso|poderia)\s+(?:tomar|usar|fazer)\s+(?:a\s+)?(?:cetamina|ketamina|isso|o\s+"
    r"tratamento)\b.{0,40}\b(?:(?:junto\s+)?com\s+(?:o\s+|a\s+)?(?:meu|minha|meus|minhas)|se\s+"
    r"(?:estou\s+tomando|tomo))\b",
    r"\bshould\s+i\s+(?:ask\s+for|request|get|take)\s+(?:a|an|some)\s+(?:beta[\s-]?blocker|"
    r"benzo|sedative|anti-?anxiety\s+\w+|sleeping\s+pill|painkiller)\b",
    # After FAQ blind 23: "can I take two instead of one", "should I keep taking ketamine",
    # "is something wrong with me?", "will ketamine make my liver worse?" (an organ or illness
    # of one's own; "will it make my anxiety worse" is the side-effects answer's).
    r"\bcan\s+i\s+(?:take|have|use)\s+(?:two|2|three|3)\s+instead\s+of\b|\bshould\s+i\s+(?:keep|"
    r"continue|carry\s+on)\s+(?:taking|using|doing|with)\b|\bis\s+(?:something|anything)\s+"
    r"(?:\w+\s+)?wrong\s+with\s+me\b|\b(?:will|would|could|can|does)\s+(?:ketamine|kap|it|this|"
    r"the\s+treatment)\s+make\s+my\s+(?:liver|heart|kidneys?|bladder|blood\s+pressure|bp|"
    r"condition|illness|disease|seizures|epilepsy|glaucoma|thyroid|arrhythmia)\s+worse\b",
)
