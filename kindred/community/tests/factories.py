"""Test helpers for online groups: a closed space with a leader, a moderator and two
members from the shared cast."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kindred.community import services
from kindred.community.models import MemberRole, Membership, MembershipStatus, Space
from kindred.core.tests.cast import Cast
from kindred.directory.models import PeerGroup
from kindred.directory.tests.factories import make_group


def add_member(space: Space, user: Any, role: str = MemberRole.MEMBER) -> Membership:
    membership, _ = Membership.objects.update_or_create(
        space=space,
        user=user,
        defaults={"role": role, "status": MembershipStatus.ACTIVE, "rules_version_accepted": 1},
    )
    return membership


@dataclass
class Community:
    group: PeerGroup
    space: Space


def make_community(cast: Cast, **space_options: Any) -> Community:
    """South Coast's closed online group: Priya leads, Mo moderates, Mina and Carl
    are members; Oscar and Dr Clare are outside it."""
    group = make_group(
        organisation=cast.organisation,
        name=space_options.pop("name", "South Coast Online"),
        ground_rules="Be kind. No medical advice. No selling.",
    )
    options: dict[str, Any] = {
        "visibility": "closed",
        "join_questions": ["What brings you here?", "How long have you lived with type 1?"],
    }
    options.update(space_options)
    space = services.space_open(group=group, leader=cast.peer_leader, **options)
    add_member(space, cast.moderator, MemberRole.MODERATOR)
    add_member(space, cast.member)
    add_member(space, cast.carer)
    return Community(group=group, space=space)
