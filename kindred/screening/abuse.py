"""Abuse and harassment: insults, threats, slurs and telling someone to harm themselves.

Two parts. Rules catch the things that are never acceptable whatever words surround
them ("kill yourself", a slur, "you're pathetic", "I know where you live"). The
`alt-profanity-check` model (a small linear model that ships with the package and loads
offline) scores sentences aimed at someone ("you", "your", the moderators) for strong,
offensive language.

Swearing about one's own condition ("I'm so f***ing tired of hypos") is not abuse and is
left to each group's own watched words; so is friendly swearing at someone ("you bloody
legend").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import cache
from typing import Protocol

from kindred.screening import profanity
from kindred.screening.base import Category, Finding, is_rule_reminder, sentences, words

logger = logging.getLogger(__name__)

# Kept small and general on purpose: a group adds its own through watched words.
SLURS = (
    "retard",
    "retarded",
    "retards",
    "spastic",
    "spaz",
    "spazz",
    "mong",
    "mongoloid",
    "faggot",
    "tranny",
    "nigger",
    "paki",
    "kike",
    "gyppo",
    "pikey",
)
_INSULT = (
    r"(?:stupid|an idiot|idiot|a moron|moron|pathetic|worthless|useless|disgusting|a joke|"
    r"a waste of space|a waste of oxygen|a disgrace|scum|vile|thick|dumb|an embarrassment|"
    r"a liar|a fraud|a fake|a loser|loser|an attention seeker|attention seeking|a drama queen|"
    r"a hypochondriac|trash|garbage|a parasite|a leech|a freak|ugly|fat and lazy)"
)
RULES = re.compile(
    words(
        "kill yourself",
        "kill urself",
        "kill yourselves",
        "kys",
        "go die",
        "go and die",
        "hope you die",
        "hope you get worse",
        "hope you suffer",
        "hope your pump fails",
        "you deserve to die",
        "you deserve your illness",
        "you deserve to be ill",
        "nobody wants you here",
        "no one wants you here",
        "nobody likes you",
        "no one likes you",
        "nobody cares about you",
        "piss off",
        "fuck off",
        "f off",
        "eff off",
        "shut your mouth",
        "shut your face",
        "know where you live",
        "i'll find you",
        "i will find you",
        "people like you should",
        "your kind should",
        "you brought it on yourself",
        "stop faking",
        "you're faking",
        "you are faking",
        "you're making it up",
        "you are making it up",
        "you're not really ill",
        "you're not really sick",
    )
    + rf"|\b(?:you're|you are|youre|ur|you)\s+(?:(?:such|so|really|just|totally|absolutely|completely|an absolute|a complete|a total|an utter|absolute|utter|one|a)\s+)*{_INSULT}\b"
    + r"|\byou\s+(?:stupid|pathetic|useless|worthless|disgusting|vile|ignorant|selfish|arrogant)\s+\w+"
    + r"|\b(?:i'll|i will|gonna|going to|i'm going to)\s+(?:hurt|kill|smash|batter|beat|punch|stab|deal with)\s+(?:you|u)\b"
    + r"|(?:^|[.!?]\s*)shut up\b"
    + r"|\b(?:it's|its|it is|all)\s+your\s+own\s+fault\b"
    + "|"
    + words(*SLURS),
)
TARGET = re.compile(
    words(
        "you",
        "your",
        "you're",
        "youre",
        "yourself",
        "yourselves",
        "u",
        "ur",
        "ya",
        "y'all",
        "mods",
        "moderators",
        "admins",
        "everyone here",
        "people like",
        "this group",
    )
)
# Strong words used kindly: "you bloody legend", "hell yes you can!".
WARM = re.compile(
    words(
        "legend",
        "brave",
        "proud",
        "well done",
        "congrats",
        "congratulations",
        "amazing",
        "brilliant",
        "hell yes",
        "yes",
        "yeah",
        "love",
        "thank",
        "thanks",
        "hugs",
        "you did it",
        "you've got this",
        "you got this",
        "hero",
        "star",
        "exhausted",
        "must be",
        "sorry",
        "you're not",
        "you are not",
        "not your fault",
        "hard on yourself",
        "kind to yourself",
    )
)
MODEL_THRESHOLD = 0.9

KEY_PATTERNS = [RULES.pattern]


class _Scorer(Protocol):
    def __call__(self, texts: list[str]) -> Sequence[float]: ...


@cache
def profanity_scorer() -> _Scorer:
    """alt-profanity-check's probability that each text is offensive, loaded on first
    use from the numbers copied out of its model (`profanity.py`: numpy only, no
    scikit-learn). Should the copy be missing, the package itself answers."""
    try:
        return profanity.load().score
    except OSError:
        logger.warning("data/profanity-weights.npz is missing; using alt-profanity-check")
    from profanity_check import predict_prob

    def score(texts: list[str]) -> Sequence[float]:
        return [float(p) for p in predict_prob(texts)]

    return score


ATTACK_REASON = (
    "Your post seems to attack or insult someone. In this group we treat each "
    "other with respect, even when we disagree. Please change your words."
)


def check(text: str, *, region: str = "GB", condition_slugs: Sequence[str] = ()) -> Finding | None:
    """Notice insults, threats, slurs and offensive language aimed at someone."""
    aimed: list[str] = []
    for sentence in sentences(text):
        if is_rule_reminder(sentence):
            continue
        if RULES.search(sentence):
            return Finding(
                Category.ABUSE,
                0.9,
                ATTACK_REASON,
            )
        if TARGET.search(sentence) and not WARM.search(sentence):
            aimed.append(sentence)
    if not aimed:
        return None
    scores = profanity_scorer()(aimed)
    best = max(scores)
    if best < MODEL_THRESHOLD:
        return None
    return Finding(
        Category.ABUSE,
        round(0.8 * best, 3),
        "Your post seems to use strong or offensive words about someone. In this group we "
        "treat each other with respect. Please change your words.",
    )
