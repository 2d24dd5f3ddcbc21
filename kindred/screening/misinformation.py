"""Known misinformation: a post that repeats one of the false health claims on the
curated list (`misinformation_data`), found by its key phrases.

Peers correct misinformation for each other all the time, and to do that they quote it:
"people say cinnamon cures diabetes, but that's a myth". A claim that is quoted to be
questioned or debunked, denied ("cinnamon won't replace insulin"), or asked about ("is
it true that...?") is not flagged. Claims said in other words are found by meaning, by
the learned check (`learned`), which names the nearest claim on the site's list.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from kindred.screening.base import Category, Finding, is_rule_reminder, sentences, words
from kindred.screening.misinformation_data import FALSE_CLAIMS, FalseClaim

# The words between two parts of a key phrase are captured, so that a denial among them
# ("cinnamon does not cure diabetes") can be told from a denial that is part of the
# claim itself ("a little gluten won't hurt").
_GAP = r"((?:[^\w']+[\w']+){0,6}?[^\w']+)"


def phrase_pattern(phrase: str) -> str:
    """The regex for one key phrase (syntax in `misinformation_data`)."""
    parts = []
    for part in phrase.lower().split(" ... "):
        alternatives = []
        for alternative in part.split("|"):
            alternative = alternative.strip()
            body = re.escape(alternative).replace(r"\*", r"[\w']*").replace(r"\ ", r"\s+")
            alternatives.append(body)
        parts.append(rf"\b(?:{'|'.join(alternatives)})\b")
    return _GAP.join(parts)


# Words that deny the claim inside the matched span: "cinnamon won't replace insulin".
NEGATION = re.compile(r"\b(?:not|no|never|cannot|nothing|neither|nor)\b|n't\b|\bdon't\b|\bwon't\b")
# Words near the claim that show it is being questioned or debunked.
DEBUNK = re.compile(
    words(
        "myth",
        "myths",
        "not true",
        "isn't true",
        "untrue",
        "false",
        "fake news",
        "nonsense",
        "rubbish",
        "debunk",
        "debunked",
        "debunking",
        "no evidence",
        "no proof",
        "no scientific",
        "not proven",
        "unproven",
        "doesn't work",
        "does not work",
        "don't work",
        "don't believe",
        "do not believe",
        "don't fall for",
        "didn't believe",
        "scam",
        "quack",
        "quackery",
        "misinformation",
        "misleading",
        "bs",
        "bollocks",
        "a lie",
        "people say",
        "people who say",
        "people keep saying",
        "someone told me",
        "someone said",
        "i was told",
        "i've heard",
        "i keep hearing",
        "we keep hearing",
        "sick of hearing",
        "tired of hearing",
        "fed up of hearing",
        "heard that",
        "they say",
        "claims",
        "claim that",
        "claiming",
        "so-called",
        "so called",
        "is it true",
        "is this true",
        "old wives",
        "wish it were true",
        "if only",
        "be careful",
        "beware",
        "ignorant",
        "ignorance",
        "total rot",
    )
)

# "Did you know insulin can be replaced with cinnamon?" asserts, though it asks.
RHETORICAL = re.compile(r"(?:did|didn't) you know\b|why (?:don't|do|does|would) ")


@lru_cache(maxsize=32)
def _compiled(claims: tuple[FalseClaim, ...]) -> tuple[tuple[FalseClaim, re.Pattern[str]], ...]:
    return tuple(
        (claim, re.compile("|".join(f"(?:{phrase_pattern(p)})" for p in claim.key_phrases)))
        for claim in claims
    )


@lru_cache(maxsize=32)
def _any_compiled(claims: tuple[FalseClaim, ...]) -> re.Pattern[str]:
    """Every key phrase of every claim in one pattern: the sentences it does not match
    are left out at once, so a post of many short sentences is read once, not once per
    claim."""
    return re.compile("|".join(f"(?:{p.pattern})" for _claim, p in _compiled(claims)) or "(?!)")


def claims_for(
    condition_slugs: Sequence[str], claims: tuple[FalseClaim, ...] = FALSE_CLAIMS
) -> tuple[FalseClaim, ...]:
    """The claims that apply in a group about these conditions (all, if none given)."""
    if not condition_slugs:
        return claims
    wanted = set(condition_slugs)
    return tuple(c for c in claims if not c.conditions or wanted & set(c.conditions))


def questioned(context: Iterable[str]) -> bool:
    """True when these sentences question, deny or debunk what they mention."""
    return any(DEBUNK.search(s) or is_rule_reminder(s) for s in context)


def find_claim(
    text: str,
    condition_slugs: Sequence[str] = (),
    claims: tuple[FalseClaim, ...] = FALSE_CLAIMS,
) -> FalseClaim | None:
    """The first false claim that the post states as true by its key phrases, if any."""
    said = sentences(text)
    relevant = claims_for(tuple(condition_slugs), claims)
    anywhere = _any_compiled(relevant)
    candidates = [(i, s) for i, s in enumerate(said) if anywhere.search(s)]
    for claim, pattern in _compiled(relevant):
        for i, sentence in candidates:
            for m in pattern.finditer(sentence):
                # The clause before the claim: "it's not true that ...".
                before = re.split(r"[,;:]", sentence[max(0, m.start() - 30) : m.start()])[-1]
                gaps = [g for g in m.groups() if g]
                if NEGATION.search(before) or any(NEGATION.search(g) for g in gaps):
                    continue
                if sentence.endswith("?") and not RHETORICAL.match(sentence):
                    continue  # A question about a claim is not a claim.
                if questioned(said[max(0, i - 1) : i + 2]):
                    continue
                return claim
    return None


def check(
    text: str,
    *,
    region: str = "GB",
    condition_slugs: Sequence[str] = (),
    claims: tuple[FalseClaim, ...] = FALSE_CLAIMS,
) -> Finding | None:
    """Notice a known false claim stated as true (`claims`: the site's own list)."""
    claim = find_claim(text, condition_slugs, claims)
    if claim is None:
        return None
    return Finding(
        Category.MISINFORMATION,
        0.8,
        f"Your post seems to say {claim.claim}. This is known to be false. "
        f"{claim.correction} If you meant to question it, you could say so in your post.",
    )


KEY_PATTERNS = [phrase_pattern(p) for c in FALSE_CLAIMS for p in c.key_phrases]
