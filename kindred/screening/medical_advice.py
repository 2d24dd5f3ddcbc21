"""Directive medical advice: one member telling another to start, stop or change a dose
or a treatment.

Peer support is a complement to care, never medical advice (DOMAIN.md). The line the
ground rules draw is between *telling* someone what to do with their treatment ("cut
your basal by 10%", "you should stop your statins") and *sharing* what one did oneself
("I cut my basal by 10% and it helped") or pointing them back to their team ("ask your
team about lowering it"). Only the first is flagged. Questions, a member passing on what
their own clinician told them, and a moderator restating the rule are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import islice

from kindred.screening.base import Category, Finding, is_rule_reminder, sentences, words

TREATMENT = re.compile(
    words(
        "insulin",
        "basal",
        "bolus",
        "boluses",
        "dose",
        "doses",
        "dosage",
        "units",
        "lantus",
        "levemir",
        "tresiba",
        "toujeo",
        "novorapid",
        "humalog",
        "fiasp",
        "lyumjev",
        "metformin",
        "gliclazide",
        "ozempic",
        "semaglutide",
        "mounjaro",
        "tirzepatide",
        "jardiance",
        "forxiga",
        "dapagliflozin",
        "empagliflozin",
        "statin",
        "statins",
        "meds",
        "medication",
        "medications",
        "medicine",
        "medicines",
        "tablet",
        "tablets",
        "pill",
        "pills",
        "antidepressant",
        "antidepressants",
        "sertraline",
        "citalopram",
        "fluoxetine",
        "mirtazapine",
        "venlafaxine",
        "lithium",
        "quetiapine",
        "steroid",
        "steroids",
        "prednisolone",
        "pred",
        "inhaler",
        "inhalers",
        "ventolin",
        "salbutamol",
        "dmt",
        "dmts",
        "ocrevus",
        "tysabri",
        "copaxone",
        "tecfidera",
        "kesimpta",
        "chemo",
        "chemotherapy",
        "radiotherapy",
        "tamoxifen",
        "letrozole",
        "hormone therapy",
        "levodopa",
        "sinemet",
        "madopar",
        "keppra",
        "levetiracetam",
        "lamotrigine",
        "epilim",
        "valproate",
        "carbamazepine",
        "methotrexate",
        "humira",
        "adalimumab",
        "infliximab",
        "biologic",
        "biologics",
        "warfarin",
        "apixaban",
        "blood thinners",
        "bisoprolol",
        "ramipril",
        "amlodipine",
        "painkillers",
        "codeine",
        "tramadol",
        "morphine",
        "gabapentin",
        "pregabalin",
        "amitriptyline",
        "naproxen",
        "ibuprofen",
        "paracetamol",
        "carb ratio",
        "ratios",
        "correction factor",
        "treatment",
        "jabs",
        "injections",
    )
    + r"|\b\d+(?:\.\d+)?\s?(?:u|units?|mg|mcg|ml)\b|\b\d+\s?%",
)

VERB = (
    r"(?:stop|start|cut|reduce|lower|increase|raise|up(?!\s+to\b)|double|halve|skip|drop|"
    r"ditch|bin|quit|swap|switch|change|take(?!\s+(?:your\s+)?(?:time|care|a break|it easy|"
    r"a look|note)\b)|try|add|bolus|inject|wean|taper|come off|get off|go off|give yourself|"
    r"split|push|tweak|adjust|pre-?bolus)"
)
GERUND = (
    r"(?:stopping|starting|cutting|reducing|lowering|increasing|raising|upping|doubling|"
    r"halving|skipping|dropping|ditching|quitting|swapping|switching|changing|taking|trying|"
    r"adding|coming off|getting off|weaning|tapering|splitting|adjusting)"
)
# At most four filler words in a row ("just really honestly stop ..."): an open-ended
# repeat made a long run of them take quadratic time.
_FILLER = r"(?:just|definitely|honestly|seriously|always|simply|really|probably|then|now)\s+"
DIRECTIVE = re.compile(
    # An imperative at the start of a clause: "Cut your basal by 10%."
    rf"(?:^|[,;:.!?-]\s*|\b(?:and|but|so|then|just|honestly|seriously)\s+)(?:{_FILLER}){{0,4}}"
    rf"(?P<imperative>{VERB})\b"
    # You should / must / need to ...
    rf"|\b(?:you|u|everyone|people|you all|y'all)(?:'ve| have)?\s+(?:{_FILLER}){{0,4}}"
    rf"(?:should|must|need to|needs to|have to|has to|ought to|gotta|got to|might want to|"
    rf"may want to|could|can)\s+(?:{_FILLER}){{0,4}}(?:try\s+(?:to\s+)?)?(?P<modal>{VERB}|{GERUND})\b"
    # I'd / I suggest / my advice is / if I were you ...
    rf"|\b(?:i'd|i would|id|i suggest|i'd suggest|i would suggest|i recommend|i'd recommend|"
    rf"i would recommend|my advice is|my advice would be|if i were you,? i'?d)\s+(?:you\s+)?"
    rf"(?:to\s+)?(?:{_FILLER}){{0,4}}(?P<suggest>{VERB}|{GERUND})\b"
    # Don't take your statins / ignore your consultant.
    rf"|(?:^|[,;:.!?-]\s*|\b(?:and|but|so|just)\s+)(?P<dont>(?:don't|do not|never)\s+"
    rf"(?:bother\s+(?:with|taking)|take|inject|bolus|use|listen to))\b"
    rf"|\b(?P<ignore>ignore|don't listen to|do not listen to)\s+(?:what\s+)?(?:your|the)\s+"
    rf"(?:doctor|doctors|gp|consultant|team|nurse|dsn|specialist|neuro|oncologist)\b"
)
OWN = re.compile(r"\b(?:my|our|mine|i|i'm|i've|me)\b")
# "ask your team", "check with your GP first": pointing someone back to their clinicians.
REFERRAL = re.compile(
    r"(?<!don't )(?<!never )(?<!no need to )(?<!without )"
    r"\b(?:ask|asking|check with|checking with|speak to|speak with|talk to|talking to|call|"
    r"ring|contact|discuss (?:it|this|that)? ?with|run it by|see|book in with|get advice from)\s+"
    r"(?:your|the|a)\s+(?:\w+\s+)?(?:team|doctor|gp|nurse|dsn|consultant|endo|endocrinologist|"
    r"pharmacist|specialist|neuro|neurologist|oncologist|prescriber|clinic|hcp|care team|"
    r"diabetes team|ms nurse|midwife|psychiatrist)\b"
)
# "My consultant told me to cut it", "my DSN said to up my basal": passing on one's own care.
REPORTED = re.compile(
    r"\b(?:told|advised|asked|suggested|wants|wanted|tells)\s+(?:me|him|her|them|us)\s+to\b"
    r"|\b(?:said|says)\s+to\b"
    r"|\bmy\s+(?:\w+\s+)?(?:team|doctor|gp|nurse|dsn|consultant|endo|pharmacist|specialist|neuro|"
    r"oncologist|prescriber|clinic|midwife|psychiatrist)\b"
)
WINDOW_WORDS = 8
_WORD = re.compile(r"\S+")

KEY_PATTERNS = [DIRECTIVE.pattern]


def _directive(sentence: str) -> float:
    """How sure we are that this sentence tells the reader to change a treatment (0: not)."""
    if sentence.rstrip().endswith("?") or is_rule_reminder(sentence):
        return 0.0
    if REFERRAL.search(sentence) or REPORTED.search(sentence):
        return 0.0
    best = 0.0
    for m in DIRECTIVE.finditer(sentence):
        if m["ignore"]:
            best = max(best, 0.8)
            continue
        # The next few words only: splitting the rest of the sentence at every match
        # took quadratic time on a long sentence.
        after = " ".join(w[0] for w in islice(_WORD.finditer(sentence, m.end()), WINDOW_WORDS))
        treatment = TREATMENT.search(after)
        if not treatment:
            continue
        between = after[: treatment.start()]
        if OWN.search(between):
            continue  # "... and cut my basal": the writer's own treatment.
        second_person = re.search(r"\b(?:your|yours|yourself|you|u)\b", m[0] + " " + between)
        best = max(best, 0.85 if second_person or not m["imperative"] else 0.7)
    return best


REASON = (
    "Your post seems to tell someone to start, stop or change a medicine or a dose. "
    "In this group we share what happened to us, but we don't tell others what to do "
    "with their treatment. You could say what worked for you, and suggest they ask "
    "their care team."
)


def check(text: str, *, region: str = "GB", condition_slugs: Sequence[str] = ()) -> Finding | None:
    """Notice a member telling others to start, stop or change a dose or a treatment."""
    best = max((_directive(s) for s in sentences(text)), default=0.0)
    if not best:
        return None
    return Finding(
        Category.MEDICAL_ADVICE,
        best,
        REASON,
    )
