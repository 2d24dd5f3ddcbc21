"""The six trust markers from the peer support guidance, each with a plain explanation
a visitor can read, and how a group earns it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from kindred.directory.models import GroundRules

if TYPE_CHECKING:
    from kindred.directory.models import PeerGroup


@dataclass(frozen=True)
class TrustMarker:
    key: str
    title: Promise
    explanation: Promise
    missing: Promise
    applies: Callable[[PeerGroup], bool]
    met: Callable[[PeerGroup], bool]
    # The same test as `met`, as a database filter for search.
    q: Q


@dataclass(frozen=True)
class MarkerResult:
    marker: TrustMarker
    met: bool


TRUST_MARKERS: tuple[TrustMarker, ...] = (
    TrustMarker(
        key="verified",
        title=_("Run by a checked organisation"),
        explanation=_(
            "We have checked the group that runs it. It is real. It is who it says it is."
        ),
        missing=_("We have not checked this group yet."),
        applies=lambda g: True,
        met=lambda g: g.organisation.verified_at is not None,
        q=Q(organisation__verified_at__isnull=False),
    ),
    TrustMarker(
        key="accredited",
        title=_("Trained leaders"),
        explanation=_("The leaders have been trained to run peer support."),
        missing=_("The group has not told us about training for its leaders."),
        applies=lambda g: True,
        met=lambda g: g.leaders_accredited,
        q=Q(leaders_accredited=True),
    ),
    TrustMarker(
        key="ground_rules",
        title=_("Written ground rules"),
        explanation=_("Everyone agrees to the rules. No medical advice. No selling. Be kind."),
        missing=_("The group has not shared written ground rules."),
        applies=lambda g: True,
        met=lambda g: g.current_rules() is not None,
        q=Q(Exists(GroundRules.objects.filter(group=OuterRef("pk")))),
    ),
    TrustMarker(
        key="moderated",
        title=_("Moderated online space"),
        explanation=_(
            "People look after the online group. They take down harmful posts. They help anyone who is in trouble."
        ),
        missing=_("The group has not told us that its online space is moderated."),
        applies=lambda g: g.is_online,
        met=lambda g: g.is_online and g.online_moderated,
        q=Q(is_online=True, online_moderated=True),
    ),
    TrustMarker(
        key="safe_space",
        title=_("Safe place to meet"),
        explanation=_(
            "The group meets in a public or checked place. This might be a café or a clinic."
        ),
        missing=_("The group has not told us how it keeps its meeting places safe."),
        applies=lambda g: g.is_in_person,
        met=lambda g: g.is_in_person and g.safe_space,
        q=Q(is_in_person=True, safe_space=True),
    ),
    TrustMarker(
        key="privacy",
        title=_("Your details stay private"),
        explanation=_(
            "The group keeps your phone number, email and health private. What is said in the group stays there."
        ),
        missing=_("The group has not told us how it protects members' details."),
        applies=lambda g: True,
        met=lambda g: g.privacy_protected,
        q=Q(privacy_protected=True),
    ),
)

MARKERS_BY_KEY = {m.key: m for m in TRUST_MARKERS}


def markers_for(group: PeerGroup) -> list[MarkerResult]:
    """The markers that apply to this group, met or not, in a fixed order."""
    return [MarkerResult(m, m.met(group)) for m in TRUST_MARKERS if m.applies(group)]
