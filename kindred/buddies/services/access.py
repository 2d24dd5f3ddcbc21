"""Who may do what in a buddy programme: coordinators, their appointment, and whether two people are buddies."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from kindred.accounts.models import ConsentPurpose, ConsentRecord, User
from kindred.accounts.permissions import is_organisation_admin, is_site_admin
from kindred.buddies.models import (
    Coordinator,
    Match,
    MatchState,
    Programme,
)
from kindred.community.models import NotificationKind
from kindred.community.notifications import notify
from kindred.directory.models import (
    Organisation,
)
from kindred.directory.queries import organisations_run_by


class BuddyError(ValueError):
    """The action cannot be done as asked; `field` names the form field it is about."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


# Matches that hold a place with a supporter.
HOLDS_A_PLACE = (MatchState.PROPOSED, MatchState.APPROVED, MatchState.ACTIVE)


def is_coordinator(programme: Programme, user: User) -> bool:
    """Whether someone may run this programme and read its people's matching reasons:
    a site admin, or one of the coordinators its organisation's admin appointed."""
    if not user.is_authenticated:
        return False
    appointed = Coordinator.objects.filter(organisation_id=programme.organisation_id, user=user)
    return appointed.exists() or is_site_admin(user)


def _require_coordinator(programme: Programme, user: User) -> None:
    if not is_coordinator(programme, user):
        raise PermissionDenied


def may_choose_coordinators(organisation: Organisation, user: User) -> bool:
    """The organisation's admins (and site admins) appoint and remove its coordinators."""
    return is_organisation_admin(user, organisation)


def organisations_choosing_coordinators(user: User) -> QuerySet[Organisation]:
    """The organisations whose coordinators someone may choose (site admins: the list
    would be every organisation, so they go by the organisation's own page)."""
    return organisations_run_by(user).order_by("name", "pk")


@transaction.atomic
def coordinator_appoint(*, organisation: Organisation, user: User, by: User) -> Coordinator:
    """An organisation's admin appoints someone with a Kindred account to coordinate
    the organisation's buddy programmes (appointing them again changes nothing)."""
    if not may_choose_coordinators(organisation, by):
        raise PermissionDenied
    if not user.is_active:
        raise BuddyError(_("This account is closed. Choose someone else."), "email")
    coordinator, created = Coordinator.objects.get_or_create(
        organisation=organisation, user=user, defaults={"appointed_by": by}
    )
    if created and user.pk != by.pk:
        notify(
            user=user,
            kind=NotificationKind.BUDDY,
            text=_("You can now start and run buddy programmes for %(organisation)s.")
            % {"organisation": organisation.name},
            url=reverse("buddies:mine"),
        )
    return coordinator


@transaction.atomic
def coordinator_remove(*, coordinator: Coordinator, by: User) -> None:
    """The admin removes a coordinator: from now on they cannot open the organisation's
    programmes, and programmes they led have no lead until someone else is chosen
    (until then every other coordinator is told what the lead would be told)."""
    if not may_choose_coordinators(coordinator.organisation, by):
        raise PermissionDenied
    Programme.objects.filter(
        organisation_id=coordinator.organisation_id, coordinator_id=coordinator.user_id
    ).update(coordinator=None)
    coordinator.delete()


def coordinators_of(organisation_ids: Iterable[int]) -> list[tuple[int, User]]:
    """(organisation id, coordinator) for each active appointed coordinator of these
    organisations: the people who may be named a programme's lead coordinator."""
    return [
        (c.organisation_id, c.user)
        for c in Coordinator.objects.filter(
            organisation_id__in=list(organisation_ids), user__is_active=True
        )
        .select_related("user")
        .order_by("organisation__name", "user__display_name", "user_id")
    ]


def _people_to_tell(programme: Programme) -> list[User]:
    """Who hears about an ended match or a worrying check-in: the lead coordinator, or
    while there is none, every coordinator of the organisation."""
    coordinators = Coordinator.objects.filter(
        organisation_id=programme.organisation_id, user__is_active=True
    ).select_related("user")
    if programme.coordinator_id is not None:
        lead = coordinators.filter(user_id=programme.coordinator_id).first()
        if lead is not None:
            return [lead.user]
    return [c.user for c in coordinators]


def has_health_consent(user: User) -> bool:
    return (
        ConsentRecord.objects.current()
        .filter(user=user, purpose=ConsentPurpose.HEALTH_DATA)
        .exists()
    )


def are_buddies(a: User, b: User) -> bool:
    """Whether two people are in an active match (so they may message each other)."""
    return Match.objects.filter(
        Q(seeker__user=a, supporter__user=b) | Q(seeker__user=b, supporter__user=a),
        state=MatchState.ACTIVE,
    ).exists()
