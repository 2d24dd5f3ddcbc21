"""Who moderates: a group's leaders and moderators, for that group only; cases with no group (private messages) go to the site admins."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from kindred.accounts.models import User
from kindred.accounts.permissions import is_site_admin
from kindred.community.models import (
    Membership,
    MembershipStatus,
    Space,
)


class ModerationError(ValueError):
    """The action cannot be done as asked; the message is for the person."""


def is_steward(space: Space | None, user: User) -> bool:
    """A leader or moderator of `space`; for cases with no group, a site admin."""
    if not user.is_authenticated:
        return False
    if space is None:
        return is_site_admin(user)
    return (
        Membership.objects.stewards()
        .filter(space=space, user=user, status=MembershipStatus.ACTIVE)
        .exists()
    )


def _is_member(space: Space, user: User) -> bool:
    return Membership.objects.active().filter(space=space, user=user).exists()


def _require_steward(space: Space | None, user: User) -> None:
    if not is_steward(space, user):
        raise PermissionDenied


def _stewards(space: Space) -> QuerySet[Membership]:
    return Membership.objects.stewards().filter(space=space).select_related("user")
