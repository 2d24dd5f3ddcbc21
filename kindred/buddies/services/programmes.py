"""Starting a programme, its settings, and its listing in the directory."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext as _

from kindred.accounts.models import User
from kindred.accounts.permissions import is_site_admin
from kindred.buddies import matching
from kindred.buddies.models import (
    ContactMode,
    Coordinator,
    PairingChoice,
    Programme,
)
from kindred.buddies.services.access import BuddyError, _require_coordinator
from kindred.buddies.services.profiles import programme_contact_modes
from kindred.conditions.models import Condition
from kindred.directory.models import (
    ContactVisibility,
    GroupStatus,
    Organisation,
    PeerGroup,
    SupportForm,
    SupportModel,
)

# Paths under /buddies/ that a programme's slug must never take.
RESERVED_SLUGS = frozenset({"new", "mine"})
WEIGHT_NAMES = tuple(matching.Weights.__dataclass_fields__)
MAX_WEIGHT = 10.0


def may_start_programme(user: User) -> bool:
    """Whether someone coordinates for an organisation (or runs the site), and so may
    start a programme."""
    if not user.is_authenticated:
        return False
    return is_site_admin(user) or Coordinator.objects.filter(user=user).exists()


def organisations_to_start_in(user: User) -> QuerySet[Organisation]:
    """The organisations someone may start a programme for: those whose admin appointed
    them a coordinator (site admins: any)."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    if is_site_admin(user):
        return Organisation.objects.order_by("name", "pk")
    return (
        Organisation.objects.filter(buddy_coordinators__user=user).distinct().order_by("name", "pk")
    )


def coordinated_programmes(user: User) -> QuerySet[Programme]:
    """The programmes someone may run (site admins: all of them)."""
    if not user.is_authenticated:
        return Programme.objects.none()
    if is_site_admin(user):
        return Programme.objects.all()
    return Programme.objects.filter(organisation__buddy_coordinators__user=user).distinct()


@dataclass
class ProgrammeSettings:
    """A programme's rules as its coordinator sets them. `threshold` is from 0 to 1;
    `weights` has a number from 0 to 10 for each of the matcher's soft criteria."""

    name: str
    purpose: str
    condition_ids: list[int]
    pairing: str
    contact_modes: list[str]
    duration_weeks: int
    checkin_every_days: int
    coordinator_id: int
    threshold: float
    weights: dict[str, float]
    is_youth: bool = False
    requires_training: bool = True
    requires_background_check: bool = False
    background_check_valid_days: int = 3 * 365
    is_open: bool = True


def _programme_slug(name: str) -> str:
    """A slug no other programme has, and never one of the fixed paths under /buddies/
    (a programme called "New" must not hide the page for starting one)."""
    base = slugify(name)[:150] or "programme"
    slug, n = base, 2
    while slug in RESERVED_SLUGS or Programme.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def _check_settings(
    settings: ProgrammeSettings, *, organisation: Organisation, programme: Programme | None
) -> None:
    """Refuse rules the matcher or the check-ins cannot work with, naming the field."""
    if not settings.name.strip():
        raise BuddyError(_("Enter a name for the programme."), "name")
    if not settings.purpose.strip():
        raise BuddyError(_("Say who the programme is for."), "purpose")
    allowed = Q(is_active=True)
    if programme is not None:
        # A condition retired since the programme started may stay on it.
        allowed |= Q(pk__in=programme.conditions.values("pk"))
    wanted = set(settings.condition_ids)
    if not wanted or Condition.objects.filter(allowed, pk__in=wanted).count() != len(wanted):
        raise BuddyError(_("Choose at least one condition."), "conditions")
    if settings.pairing not in PairingChoice.values:
        raise BuddyError(_("Choose how people are paired."), "pairing")
    if not settings.contact_modes or set(settings.contact_modes) - set(ContactMode.values):
        raise BuddyError(
            _("Choose at least one way for buddies to keep in touch."), "contact_modes"
        )
    if not 1 <= settings.duration_weeks <= 104:
        raise BuddyError(_("Enter a number of weeks from 1 to 104."), "duration_weeks")
    if not 1 <= settings.checkin_every_days <= 90:
        raise BuddyError(_("Enter a number of days from 1 to 90."), "checkin_every_days")
    if not 1 <= settings.background_check_valid_days <= 3650:
        raise BuddyError(_("Enter a number of days from 1 to 3650."), "background_check_valid_days")
    if not 0.0 <= settings.threshold <= 1.0:
        raise BuddyError(_("Enter a number from 0 to 100."), "threshold")
    if set(settings.weights) != set(WEIGHT_NAMES):
        raise BuddyError(_("Give each thing that counts a number from 0 to 10."))
    for name in WEIGHT_NAMES:
        if not 0.0 <= settings.weights[name] <= MAX_WEIGHT:
            raise BuddyError(_("Enter a number from 0 to 10."), f"weight_{name}")
    if not any(settings.weights.values()):
        # With every weight at 0 each pair scores 0, and nobody can be matched well.
        raise BuddyError(
            _("Give at least one of these a number above 0."), f"weight_{WEIGHT_NAMES[0]}"
        )
    # The lead is one of the coordinators the organisation's admin appointed.
    appointed = Coordinator.objects.filter(
        organisation=organisation, user_id=settings.coordinator_id, user__is_active=True
    ).exists()
    if not appointed:
        raise BuddyError(
            _("Choose one of the coordinators of %(organisation)s.")
            % {"organisation": organisation.name},
            "coordinator",
        )


@transaction.atomic
def programme_save(
    *,
    by: User,
    settings: ProgrammeSettings,
    programme: Programme | None = None,
    organisation: Organisation | None = None,
) -> Programme:
    """Start a buddy programme for an organisation one runs (`organisation`), or change
    the rules of one that one coordinates (`programme`). Its web address comes from the
    name when it starts and then stays the same, so links to it keep working."""
    if programme is None:
        if (
            organisation is None
            or not organisations_to_start_in(by).filter(pk=organisation.pk).exists()
        ):
            raise PermissionDenied
    else:
        programme = Programme.objects.select_for_update().get(pk=programme.pk)
        _require_coordinator(programme, by)
        if organisation is not None and organisation.pk != programme.organisation_id:
            raise PermissionDenied
        organisation = programme.organisation
    _check_settings(settings, organisation=organisation, programme=programme)
    if programme is None:
        programme = Programme(organisation=organisation, slug=_programme_slug(settings.name))
    programme.name = settings.name.strip()
    programme.purpose = settings.purpose.strip()
    programme.pairing = settings.pairing
    programme.is_youth = settings.is_youth
    programme.requires_training = settings.requires_training
    programme.requires_background_check = settings.requires_background_check
    programme.background_check_valid_days = settings.background_check_valid_days
    programme.contact_modes = [m for m in ContactMode.values if m in settings.contact_modes]
    programme.duration_weeks = settings.duration_weeks
    programme.checkin_every_days = settings.checkin_every_days
    programme.coordinator_id = settings.coordinator_id
    programme.threshold = float(settings.threshold)
    programme.weights = {name: float(settings.weights[name]) for name in WEIGHT_NAMES}
    programme.is_open = settings.is_open
    programme.save()
    programme.conditions.set(sorted(set(settings.condition_ids)))
    programme_list(programme=programme)
    return programme


_LISTING_MODES = {
    ContactMode.ONLINE: "is_online",
    ContactMode.PHONE: "is_phone",
    ContactMode.IN_PERSON: "is_in_person",
}


@transaction.atomic
def programme_list(*, programme: Programme) -> PeerGroup:
    """Keep the programme's buddy-scheme listing in the directory in step with it, so
    that the directory and `/buddies/` are one list: its name, who it is for, its
    conditions and ways to keep in touch come from the programme, and it is published
    while the programme takes new people. The first save makes the listing; what the
    organisation adds to it in the directory (trust markers, ground rules, a longer
    description) stays."""
    from kindred.directory.services import peer_group_save

    listing = programme.listing or PeerGroup(
        organisation=programme.organisation,
        description=programme.purpose,
        model=SupportModel.PEER_LED,
        privacy_protected=True,
        contact_visibility=ContactVisibility.HIDDEN,
    )
    listing.name = programme.name
    listing.summary = Truncator(" ".join(programme.purpose.split())).chars(200)
    listing.form = SupportForm.BUDDY
    # The listing's page offers "Join this buddy programme", which opens its page.
    listing.how_to_join = _(
        "Join this buddy programme on Kindred. You answer a few questions about yourself, "
        "and the coordinator looks for the right buddy for you. You do not need to call "
        "or email anyone."
    )
    modes = programme_contact_modes(programme)
    for mode, flag in _LISTING_MODES.items():
        setattr(listing, flag, mode in modes)
    if listing.is_in_person and not listing.town:
        # "Near me" searches find it where the organisation is, until it says otherwise.
        listing.town, listing.country = programme.organisation.town, programme.organisation.country
    listing.status = GroupStatus.PUBLISHED if programme.is_open else GroupStatus.DRAFT
    listing = peer_group_save(
        group=listing,
        conditions=list(programme.conditions.all()),
        languages=list(listing.languages.all()) if listing.pk else [],
    )
    if programme.listing_id != listing.pk:
        programme.listing = listing
        programme.save(update_fields=["listing"])
    return listing
