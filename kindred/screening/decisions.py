"""What screening decides about one piece of text, and the outcomes a group can choose.

`decide()` runs the checks (with the group's watched words and the site's list of
false claims, which the caller passes in) and applies the group's outcome for each
category. The strictest outcome wins: block, then hold, then warn, then allow. A crisis
is never blocked or bounced: the author is shown helplines at once and the moderators
are alerted, whether the post is held or published.

The services call `decide()` (through moderation's `gate`, which reads the group's
settings) before they save anything; a `NeedsConfirmation` or `Blocked` error goes back
to the form with the author's text untouched. Nothing here reads the database.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kindred.screening import pipeline
from kindred.screening.base import Category, Finding, normalise
from kindred.screening.misinformation_data import FalseClaim


class Outcome(models.TextChoices):
    """What happens to a post when screening finds something of one category."""

    ALLOW = "allow", gettext_lazy("Publish it")
    WARN = "warn", gettext_lazy("Warn the author before posting")
    HOLD = "hold", gettext_lazy("Hold it for a moderator")
    BLOCK = "block", gettext_lazy("Stop it, and explain why")


# A post that looks like a crisis is never stopped or bounced back to its author: it is
# published or held, and the moderators are alerted either way.
CRISIS_OUTCOMES = (Outcome.ALLOW, Outcome.HOLD)

DEFAULT_OUTCOMES: dict[str, Outcome] = {
    Category.CONTACT_DETAILS: Outcome.WARN,
    Category.PROMOTION: Outcome.HOLD,
    Category.MEDICAL_ADVICE: Outcome.WARN,
    Category.MISINFORMATION: Outcome.HOLD,
    Category.ABUSE: Outcome.HOLD,
    Category.CRISIS: Outcome.HOLD,
}


class WatchAction(models.TextChoices):
    BLOCK = "block", gettext_lazy("Stop the post")
    HOLD = "hold", gettext_lazy("Hold it for a moderator")
    FLAG = "flag", gettext_lazy("Publish it, and tell the moderators")


_RANK = {Outcome.ALLOW: 0, Outcome.WARN: 1, Outcome.HOLD: 2, Outcome.BLOCK: 3}
_WATCH_OUTCOME = {
    WatchAction.BLOCK: Outcome.BLOCK,
    WatchAction.HOLD: Outcome.HOLD,
    WatchAction.FLAG: Outcome.ALLOW,
}

# Private messages are between two people and no group's moderators read them: the
# sender is warned about contact details and advice, stopped from selling or abusing,
# and shown helplines in a crisis; the message is delivered and nobody else reads it
# unless the other person reports it.
MESSAGE_OUTCOMES: dict[str, Outcome] = {
    Category.CONTACT_DETAILS: Outcome.WARN,
    Category.PROMOTION: Outcome.BLOCK,
    Category.MEDICAL_ADVICE: Outcome.WARN,
    Category.MISINFORMATION: Outcome.WARN,
    Category.ABUSE: Outcome.BLOCK,
    Category.CRISIS: Outcome.ALLOW,
}

# Profile text (the name other members see) is public inside every group.
PROFILE_OUTCOMES: dict[str, Outcome] = {
    Category.CONTACT_DETAILS: Outcome.BLOCK,
    Category.PROMOTION: Outcome.BLOCK,
    Category.MEDICAL_ADVICE: Outcome.ALLOW,
    Category.MISINFORMATION: Outcome.ALLOW,
    Category.ABUSE: Outcome.BLOCK,
    Category.CRISIS: Outcome.ALLOW,
}


@dataclass
class Decision:
    """What screening decided about one piece of text."""

    outcome: Outcome = Outcome.ALLOW
    findings: list[Finding] = field(default_factory=list)
    # Findings whose outcome is WARN (the author may confirm and post anyway).
    warnings: list[Finding] = field(default_factory=list)
    blocks: list[Finding] = field(default_factory=list)
    # Findings the moderators should see, even when the post is published.
    flagged: list[dict[str, object]] = field(default_factory=list)
    crisis: bool = False

    @property
    def held(self) -> bool:
        return self.outcome == Outcome.HOLD

    @property
    def needs_case(self) -> bool:
        return self.held or self.crisis or bool(self.flagged)


class Blocked(ValidationError):
    """The group does not allow this; the message says why, for the author."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__([f.reason for f in findings], code="screening_blocked")
        self.findings = list(findings)


class NeedsConfirmation(ValidationError):
    """Screening noticed something the author should think about before posting."""

    def __init__(self, findings: Sequence[Finding]) -> None:
        super().__init__([f.reason for f in findings], code="screening_warning")
        self.findings = list(findings)


# The source of a finding the author was warned about and posted anyway.
WARNED_SOURCE = "warned"


def watched_word_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(w) for w in normalise(phrase).split()]
    return re.compile(r"\b" + r"\s+".join(words) + r"\b")


def _watched(text: str, watched: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    plain = normalise(text)
    return [(p, a) for p, a in watched if p.strip() and watched_word_pattern(p).search(plain)]


def decide(
    text: str,
    *,
    outcomes: dict[str, Outcome | str],
    region: str = "GB",
    condition_slugs: Sequence[str] = (),
    watched: Sequence[tuple[str, str]] = (),
    confirmed: Collection[str] = (),
    claims: Sequence[FalseClaim] = (),
) -> Decision:
    """Screen `text` and apply `outcomes` (category -> outcome). Raises `Blocked`, or
    `NeedsConfirmation` for warnings the author has not confirmed (`confirmed` lists the
    categories they have). Returns the decision otherwise. `watched` lists the group's
    watched words (phrase, action) and `claims` the site's list of false claims."""
    findings = pipeline.screen(text, region=region, condition_slugs=condition_slugs, claims=claims)
    decision = Decision(findings=findings)
    for finding in findings:
        outcome = Outcome(outcomes.get(finding.category, DEFAULT_OUTCOMES[finding.category]))
        if finding.category == Category.CRISIS:
            decision.crisis = True
            if outcome not in CRISIS_OUTCOMES:
                outcome = Outcome.HOLD
            if finding.learned:
                # Found by meaning, not by a rule: the author sees the helplines and the
                # moderators are alerted, but the post is published, never held.
                outcome = Outcome.ALLOW
        elif finding.learned and _RANK[outcome] > _RANK[Outcome.WARN]:
            # A learned finding is less certain than a rule's: at most the author is
            # warned, and if they post anyway the moderators get a case.
            outcome = Outcome.WARN
        if outcome == Outcome.BLOCK:
            decision.blocks.append(finding)
        elif outcome == Outcome.WARN:
            decision.warnings.append(finding)
        if outcome in {Outcome.HOLD, Outcome.ALLOW} and (
            finding.category == Category.CRISIS or outcome == Outcome.HOLD
        ):
            decision.flagged.append(finding_record(finding, "screening"))
        if _RANK[outcome] > _RANK[decision.outcome]:
            decision.outcome = outcome
    for phrase, action in _watched(text, watched):
        outcome = _WATCH_OUTCOME[WatchAction(action)]
        if outcome == Outcome.BLOCK:
            decision.blocks.append(
                Finding(
                    Category.ABUSE,
                    1.0,
                    _("This group does not allow the words “%(phrase)s”. Please take them out.")
                    % {"phrase": phrase},
                )
            )
        else:
            decision.flagged.append(
                {
                    "category": "watched_word",
                    "confidence": 1.0,
                    "reason": _("Uses a watched word: “%(phrase)s”.") % {"phrase": phrase},
                    "source": "watched",
                }
            )
        if _RANK[outcome] > _RANK[decision.outcome]:
            decision.outcome = outcome
    if decision.blocks and not decision.crisis:
        raise Blocked(decision.blocks)
    if decision.blocks:
        # In a crisis nothing is bounced: the post is held for a moderator instead.
        decision.flagged.extend(finding_record(f, "screening") for f in decision.blocks)
        decision.blocks = []
        decision.outcome = Outcome.HOLD
    unconfirmed = [w for w in decision.warnings if w.category not in confirmed]
    if unconfirmed and not decision.crisis:
        raise NeedsConfirmation(unconfirmed)
    # The author was warned and chose to post anyway: the group's moderators see it in
    # their queue (at normal urgency), so that advice or a phone number posted after a
    # warning is never left unseen.
    decision.flagged.extend(warned_record(w) for w in decision.warnings if w.category in confirmed)
    if decision.outcome == Outcome.WARN:
        decision.outcome = Outcome.ALLOW
    return decision


def finding_record(finding: Finding, source: str) -> dict[str, object]:
    return {
        "category": str(finding.category),
        "confidence": round(finding.confidence, 2),
        "reason": finding.reason,
        "source": source,
    }


def warned_record(finding: Finding) -> dict[str, object]:
    """A warning the author read and posted through, for the moderators' case."""
    return {
        **finding_record(finding, WARNED_SOURCE),
        "reason": _("The author was warned and posted it anyway. The warning said: %(reason)s")
        % {"reason": finding.reason},
    }
