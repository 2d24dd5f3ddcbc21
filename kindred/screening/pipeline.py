"""The screening pipeline: every check, run independently on one piece of text.

The rules run first; then the sentence model reads the post once and the learned checks
(`learned`) add what the rules missed, for every category but contact details.

Crisis runs first and its finding comes first, so that the author sees the helplines
before anything else and the moderators' alert is never delayed by another check. Each
check is wrapped: a check that fails is logged and skipped, and the others still run
(a bug in the promotion rules must never hide a crisis).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from kindred.core.limits import SCREENING_MAX_LENGTH
from kindred.screening import (
    abuse,
    contact,
    crisis,
    learned,
    medical_advice,
    misinformation,
    promotion,
)
from kindred.screening.base import Category, Check, Finding
from kindred.screening.meaning import sentence_model
from kindred.screening.misinformation_data import FALSE_CLAIMS, FalseClaim

logger = logging.getLogger(__name__)

CHECKS: tuple[Check, ...] = (
    crisis.check,
    contact.check,
    promotion.check,
    medical_advice.check,
    misinformation.check,
    abuse.check,
)


def screen(
    text: str,
    *,
    region: str = "GB",
    condition_slugs: Sequence[str] = (),
    claims: Sequence[FalseClaim] | None = None,
) -> list[Finding]:
    """Every finding about one post, reply, message or profile text, crisis first.

    `region` is the group's country (for phone numbers); `condition_slugs` are the
    group's conditions (for the misinformation list); `claims` the list of false claims
    (the site's own list from the database; the shipped list when not given). No
    finding: nothing to flag.

    Reads at most `SCREENING_MAX_LENGTH` characters: the forms and services refuse
    longer text, and this keeps one request from holding up its server process."""
    text = text[:SCREENING_MAX_LENGTH]
    findings: list[Finding] = []
    for check in CHECKS:
        try:
            if check is misinformation.check and claims is not None:
                finding = misinformation.check(
                    text, region=region, condition_slugs=condition_slugs, claims=tuple(claims)
                )
            else:
                finding = check(text, region=region, condition_slugs=condition_slugs)
        except Exception:
            name = f"{getattr(check, '__module__', '?')}.{getattr(check, '__qualname__', check)}"
            logger.exception("screening check %s failed; the other checks still ran", name)
            continue
        if finding is not None:
            findings.append(finding)
    try:
        reading = learned.read(text)
        if reading is not None:
            relevant = misinformation.claims_for(
                tuple(condition_slugs), tuple(claims) if claims is not None else FALSE_CLAIMS
            )
            findings += learned.findings(
                reading, already=[f.category for f in findings], claims=relevant
            )
    except Exception:
        logger.exception("screening by meaning failed; the rules' findings still stand")
    # Crisis first, whoever found it.
    findings.sort(key=lambda f: f.category != Category.CRISIS)
    return findings


def warm_up() -> None:
    """Load what the checks load lazily (the profanity model takes about a second, the
    sentence model a quarter of one), so that the first member to post after a restart
    does not wait for them."""
    abuse.profanity_scorer()
    sentence_model()
    learned.shipped_heads()
    screen("warming up")
