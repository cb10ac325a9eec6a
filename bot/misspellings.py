"""Misspellings of the words replies turn on, spelt right before any reading.

One list, so no reader has to know them: :func:`bot.text.normalize` applies it to every
reply. Only unambiguous slips belong here (a misspelling that is another word does not).
"""

from __future__ import annotations

import re

# "we stoped trying", "got dignosed".
MISSPELLINGS: dict[str, str] = {
    "stoped": "stopped",
    "diagnosised": "diagnosed",
    "dignosed": "diagnosed",
    "diagnosted": "diagnosed",
    "diagonsed": "diagnosed",
    "diagnossed": "diagnosed",
    "perscribed": "prescribed",
    "prescibed": "prescribed",
    "definately": "definitely",
    "definatly": "definitely",
    "defintely": "definitely",
    "currenty": "currently",
    "curently": "currently",
    "anymroe": "anymore",
    "nto": "not",
    # After typed-button blind 16: "Im okey now", "what does supplements incude".
    "okey": "okay",
    # "okie dokie" (typed-button blind 18) is "okay".
    "okie": "okay",
    "dokie": "",
    "dokey": "",
    # After screening blind 28: "idiopathic intercranial hypertention".
    "intercranial": "intracranial",
    "hypertention": "hypertension",
    "incude": "include",
    "inlcude": "include",
    # After screening blind 20: "hi bp but controled w meds", "nt pregnent".
    "controled": "controlled",
    "controll": "control",
    "nt": "not",
    "pregnent": "pregnant",
    "pregnat": "pregnant",
    # After typed-button blind 11 and screening blind 23: "evrything is corect", "im prgnant
    # 2nd trimster", "not to my knowlege".
    "evrything": "everything",
    "everyting": "everything",
    "everthing": "everything",
    "corect": "correct",
    "corret": "correct",
    "prgnant": "pregnant",
    "trimster": "trimester",
    "knowlege": "knowledge",
    "dissasociate": "dissociate",
    "disociate": "dissociate",
    "dissasociation": "dissociation",
    "disociation": "dissociation",
    "alot": "a lot",
    "livr": "liver",
    "atack": "attack",
    # After screening blind 24 and typed-button blind 12: "nvr", "i dont kno", "emal".
    "nvr": "never",
    "kno": "know",
    "emal": "email",
    "emial": "email",
    "eamil": "email",
    # After typed-button blind 13 and screening blind 25: "can i aks something", "nothign
    # wrong w my heart".
    "aks": "ask",
    "nothign": "nothing",
    "nothng": "nothing",
    "nevr": "never",
    # After typed-button blind 20: "i dont knwo", "id rther not", "nothin wrong with my
    # livr", "consnet given" ("sned it" stays unread: a slip in a short word never sends).
    "knwo": "know",
    "konw": "know",
    "rther": "rather",
    "rathr": "rather",
    "nothin": "nothing",
    "consnet": "consent",
    "cosent": "consent",
    "screenin": "screening",
    "screning": "screening",
}
MISSPELLED = re.compile(r"(?<![\w'])(?:" + "|".join(map(re.escape, MISSPELLINGS)) + r")(?![\w'])")
