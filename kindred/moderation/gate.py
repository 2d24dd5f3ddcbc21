"""Screening on submit, with the group's settings read from the database.

`decide()` is `kindred.screening.decisions.decide` with the site's list of false claims
(cached until an admin changes it) filled in; `space_outcomes` and `space_watched` read
what a group's leaders chose. The decision types are screening's own and named here too,
so that moderation's code and tests can say `gate.Blocked`.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from django.core.cache import cache

from kindred.moderation.models import FalseClaim, ScreeningRule, WatchedWord
from kindred.screening.decisions import (
    CRISIS_OUTCOMES,
    DEFAULT_OUTCOMES,
    MESSAGE_OUTCOMES,
    PROFILE_OUTCOMES,
    WARNED_SOURCE,
    Blocked,
    Decision,
    NeedsConfirmation,
    Outcome,
    finding_record,
    warned_record,
    watched_word_pattern,
)
from kindred.screening.decisions import decide as decide_with
from kindred.screening.misinformation_data import FalseClaim as ClaimData

__all__ = [
    "CRISIS_OUTCOMES",
    "DEFAULT_OUTCOMES",
    "MESSAGE_OUTCOMES",
    "PROFILE_OUTCOMES",
    "WARNED_SOURCE",
    "Blocked",
    "Decision",
    "NeedsConfirmation",
    "Outcome",
    "decide",
    "false_claims",
    "finding_record",
    "forget_false_claims",
    "space_outcomes",
    "space_watched",
    "warned_record",
    "watched_word_pattern",
]

_CLAIMS_CACHE_KEY = "kindred:moderation:false-claims:v1"


def false_claims() -> tuple[ClaimData, ...]:
    """The site's active list of false claims, cached until an admin changes it."""
    claims: tuple[ClaimData, ...] | None = cache.get(_CLAIMS_CACHE_KEY)
    if claims is None:
        claims = tuple(
            ClaimData(
                key=c.key,
                conditions=tuple(sorted(cond.slug for cond in c.conditions.all())),
                claim=c.claim,
                correction=c.correction,
                key_phrases=tuple(c.phrases()),
            )
            for c in FalseClaim.objects.filter(is_active=True).prefetch_related("conditions")
        )
        cache.set(_CLAIMS_CACHE_KEY, claims, 3600)
    return claims


def forget_false_claims() -> None:
    cache.delete(_CLAIMS_CACHE_KEY)


def decide(
    text: str,
    *,
    outcomes: dict[str, Outcome | str],
    region: str = "GB",
    condition_slugs: Sequence[str] = (),
    watched: Sequence[tuple[str, str]] = (),
    confirmed: Collection[str] = (),
) -> Decision:
    """Screen `text` against the site's list of false claims and apply `outcomes`: see
    `kindred.screening.decisions.decide`."""
    return decide_with(
        text,
        outcomes=outcomes,
        region=region,
        condition_slugs=condition_slugs,
        watched=watched,
        confirmed=confirmed,
        claims=false_claims(),
    )


def space_outcomes(space_id: int) -> dict[str, Outcome | str]:
    rules = dict(ScreeningRule.objects.filter(space_id=space_id).values_list("category", "outcome"))
    return {**DEFAULT_OUTCOMES, **rules}


def space_watched(space_id: int) -> list[tuple[str, str]]:
    return list(WatchedWord.objects.filter(space_id=space_id).values_list("phrase", "action"))
