"""Ways a visitor declines to answer a question ("rather not say", "skip pls", "I'll tell the
doctor"), shared by every reader: a decline is recorded as "prefer not to say"."""

from __future__ import annotations

import re

# What may come before "skip" or "pass" when the reply is a decline ("I'll pass", "just skip").
_OPENING = (
    r"(?:^|(?<=^i'll )|(?<=^ill )|(?<=^i will )|(?<=^just )|(?<=^please )|(?<=^can we )"
    r"|(?<=^can i )|(?<=^let's )|(?<=^lets )|(?<=^i'd like to )|(?<=^i want to )|(?<=^ok )"
    r"|(?<=^um )|(?<=^hmm )|(?<=^i'd prefer to )|(?<=^id prefer to )"
    r"|(?<=^i would prefer to )"
    r"|(?<=^i'd rather )|(?<=^id rather ))"
)

_DECLINE_PHRASES = (
    # Misspelt too: "perfer not to say".
    r"(?:prefer|perfer|prefere|prefre)(?:red)? not(?: to)?(?: say| answer| share| tell)?",
    r"(?:i'?d|i would) (?:rather|prefer) not",
    r"rather not(?: say| answer| share)?",
    # "dont wanna answer that one", "I don't really want to answer that over chat" (blind 28).
    r"(?:don'?t|do not) (?:really )?(?:(?:want|wish|like) to|wanna) (?:say|answer|share|tell|"
    r"talk about|disclose)",
    # "I'd prefer to keep that for the intake call", "something I'd want to talk about with
    # a person, not a bot" (blind 28): told later, to a person.
    r"(?:prefer|rather|like|want) to (?:keep|save) (?:that|this|it) (?:for|until|till)",
    r"(?:want|like|prefer|rather) to (?:talk|speak) (?:about|through)(?: that| this| it| my "
    r"(?:\w+ ){0,2}?\w+)? (?:with|to) (?:a (?:real )?(?:person|human)|(?:a|the|my) (?:clinician|"
    r"doctor|psychiatrist|nurse)|the (?:care )?team)",
    r"(?:won'?t|will not) (?:say|answer|share)",
    # "I'm not answering that one", "not gonna say".
    r"not (?:gonna |going to )?(?:answer|answering|say|saying|share|sharing|tell|telling)"
    r"(?: (?:that|this|it))?"
    r"(?: one| question)?(?: here| online| now| on here| in (?:a |the |this )?chat)*(?= *$)",
    # "I'll skip answering that one" (typed-button blind 13).
    r"skip (?:answering|replying to) (?:this|that|it)(?: one| question)?",
    r"not comfortable (?:saying|answering|sharing|listing|giving|telling|discussing|talking about|"
    r"getting into|going into|typing|disclosing)",
    # "not discussing that here", "not getting into it".
    r"not (?:discussing|getting into|going into) (?:that|this|it)(?: one| here| online| now)*"
    r"(?= *$)",
    r"prefer (?:don'?t|not to|no) say",
    # "skip", "pass on this one", "I'll skip it"; not "a headache if I skip it" (coffee).
    _OPENING + r"(?:decline|pass|skip)(?: (?:this|that)(?: one| question)?| it| the question)?"
    r"(?= *$)",
    r"(?:decline|pass|skip) (?:this|that)(?: one| question)?|(?:decline|pass) on (?:this|that)",
    r"no comment",
    # "next", "good question lol, next" (blind 32): moving on without an answer.
    r"(?:^|(?<=lol )|(?<=haha )|(?<=ok )|(?<=okay )|(?<=hmm )|(?<=um )|(?<=question ))"
    r"(?:next|next question|next one|moving on|move on)(?: pls| plz| please)?(?= *$)",
    # "I don't feel comfortable answering that here", "dont feel like answering".
    # Not "I don't feel like myself", "I don't feel ok": those are answers, not declines.
    r"(?:don'?t|do not) feel comfortable(?: (?:saying|answering|sharing|telling|talking about|"
    r"discussing|with|typing))?",
    r"(?:don'?t|do not) feel (?:like|ok|okay) (?:saying|answering|sharing|telling|talking about|"
    r"discussing|typing|getting into|going into)",
    r"not comfortable with (?:that|this|the)(?: one| question)?",
    # "i'd like to leave that blank", "i'd rather leave that for the doctor".
    r"leave (?:that|this|it)(?: one| question)? (?:blank|empty|out|for (?:later|the|my|a|your))",
    _OPENING + r"(?:skip|pass)(?: (?:this|that|it)(?: one)?)? (?:pls|plz|please|for now|thanks|"
    r"thx)(?= *$)",
    # "not something i share online", "not something i want to type out".
    r"not something i(?:'?d| would)? (?:want to |like to |wanna |feel like )?(?:share|type|"
    r"discuss|talk about|get into|put|answer|say|disclose|reveal)",
    r"prefer to (?:discuss|talk about|go over|answer|share|explain|tell|give|list)(?: (?:that|"
    r"it|this|them|those|my \w+))?(?: (?:the|my|a|your) (?:doctor|therapist|clinician|care team|"
    r"team|provider|prescriber|nurse|psychiatrist))? (?:in person|face to face|on the phone|over "
    r"the phone|with)",
    # "can we skip meds", "let's skip that one".
    r"(?:can we|can i|could we|could i|let'?s|lets|i'?ll|just|please) skip (?:the |this |that |"
    r"my )?(?:\w+ )?(?:meds|medications?|medicines?|part|section|bit|one|question)(?= *(?:please|"
    r"pls|for now)? *$)",
    # "can we skip the meds part", "skip this section".
    r"skip (?:this|that|the) (?:\w+ )?(?:part|section|bit|one|question)(?= *(?:please|pls|for "
    r"now)? *$)",
    r"too (?:embarrassing|personal|private|awkward|much) to (?:answer|say|share|talk about|type)",
    r"(?:that'?s |it'?s )?(?:private|personal)",
    r"none of your business",
    r"(?:i'?ll|i will|i'?d rather|rather) (?:discuss|talk about|go over|tell|share|bring up|"
    r"mention|explain|give|hand over|list)(?: (?:that|it|this|them|those|my \w+))?"
    r"(?: (?:with|to) (?:the|my|a|your) "
    r"(?:doctor|therapist|clinician|care team|team|provider|prescriber|nurse|psychiatrist|"
    r"person|human))?",
    r"(?:discuss|talk about|go over|get into) (?:that|it|this|them) (?:with|in person)",
    # "I'll talk to the doctor about that one": kept for a clinician.
    r"(?:i'?ll|i will|i'?d rather|rather|i want to|i'?d like to) (?:talk|speak) (?:to|with) "
    r"(?:the|my|a|your) (?:doctor|therapist|clinician|care team|team|provider|prescriber|nurse|"
    r"psychiatrist|person|human)(?: about (?:that|it|this)(?: one)?)?",
    r"(?:don'?t|do not) (?:want|wish|like) to (?:get into|go into|discuss|list)",
    r"not (?:with|to) a (?:bot|chatbot|computer|machine)",
    r"(?:prefer|rather) not (?:to )?(?:list|go into|get into|discuss)",
    r"(?:keep|keeping) (?:that|it|this|them|those|my \w+(?: \w+)?)(?: one| info| information)? "
    r"(?:to myself|private|confidential|between)",
    r"between me and my (?:doctor|therapist|psychiatrist|provider|prescriber|nurse|care team)",
    r"(?:that'?s|it'?s) (?:confidential|my business|nobody'?s business)",
    # "I'm not ready to talk about that part yet", "not going there", "I'd prefer to talk to
    # the doctor about that in person", "prefer to keep my diagnoses to myself".
    r"not ready to (?:talk about|say|share|discuss|get into|go into|answer)",
    r"not going there",
    # "i'm not telling a bot that", "i don't share that with anyone".
    r"(?:i'?m|im|i am) not (?:telling|sharing|giving|typing|putting)(?: (?:a bot|a chatbot|"
    r"a computer|you|this|that|it|them|those))+(?= *(?:here|online|in a chat|over chat)? *$)",
    r"(?:i )?(?:don'?t|do not|never) (?:share|tell|discuss|talk about|give out) (?:that|this|it|"
    r"them|those)(?: (?:with|to))? (?:anyone|anybody|people|strangers|a bot|online|here)",
    r"prefer to (?:talk|speak) (?:to|with) (?:the|my|a|your) (?:doctor|therapist|clinician|"
    r"care team|team|provider|prescriber|nurse|psychiatrist|person|human)",
    r"(?:prefer|rather) to keep (?:that|it|this|them|those|my \w+)(?: one)? (?:to myself|private)",
    # The same in the other languages visitors answer in.
    r"prefiero no(?: decir(?:lo)?| contestar| responder)?",
    r"pr[eé]f[eè]re ne pas(?: dire| r[eé]pondre)?",
    r"lieber nicht|prefiro n[aã]o(?: dizer| responder)?|preferisco non(?: dirlo| rispondere)?",
    r"(?:m[öo]chte|will) ich (?:\w+ ){0,2}?(?:nicht|nichts) (?:\w+ )?(?:sagen|beantworten)",
    r"ich m[öo]chte (?:\w+ ){0,2}?(?:nicht|nichts) (?:\w+ )?(?:sagen|beantworten)|keine angabe",
    r"no quiero (?:decir(?:lo)?|contestar|responder)|je ne veux pas (?:le dire|dire|r[ée]pondre)",
    # "eso es privado", "c'est privé", "das ist privat" (after screening blind 20).
    r"(?:es|eso es|esto es) (?:privado|personal)|c'?est (?:priv[ée]|personnel)|"
    r"(?:das|es) ist (?:privat|pers[öo]nlich)|[ée] (?:privado|particular)",
    # "i'll decline to answer", "I refuse to say".
    r"(?:decline|refuse) to (?:answer|say|share|respond)",
)
DECLINE = re.compile(r"(?<![\w'])(?:" + "|".join(_DECLINE_PHRASES) + r")(?![\w'])")
