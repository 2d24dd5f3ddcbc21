"""A person's buddy profile in a programme: what they answer, leaving, and a supporter's record."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kindred.accounts.models import User
from kindred.buddies.models import (
    BuddyProfile,
    ContactMode,
    Match,
    MatchState,
    ProfileStatus,
    Programme,
    Side,
)
from kindred.buddies.services.access import (
    HOLDS_A_PLACE,
    BuddyError,
    _require_coordinator,
    has_health_consent,
)
from kindred.buddies.services.matches import _close
from kindred.directory.places import find_place


def programme_contact_modes(programme: Programme) -> list[str]:
    """The ways the buddies in a programme may keep in touch (none listed: all of them,
    as the matcher reads it)."""
    return [m for m in ContactMode.values if m in programme.contact_modes] or list(
        ContactMode.values
    )


@dataclass
class ProfileAnswers:
    """What a person tells the programme about themselves (all but the condition and the
    contact modes optional)."""

    side: str
    condition_id: int
    contact_modes: list[str]
    diagnosis_year: int | None = None
    treatments: list[str] = field(default_factory=list)
    life_event_ids: list[int] = field(default_factory=list)
    wants_help_with: str = ""
    can_help_with: str = ""
    language_ids: list[int] = field(default_factory=list)
    must_share_language: bool = False
    cultural_background: str = ""
    religion: str = ""
    birth_year: int | None = None
    gender: str = ""
    town: str = ""
    interests: list[str] = field(default_factory=list)
    values: list[str] = field(default_factory=list)
    buddy_genders: list[str] = field(default_factory=list)
    buddy_age_min: int | None = None
    buddy_age_max: int | None = None
    capacity: int = 1
    shown_to_buddy: list[str] = field(default_factory=list)


def _words(values: Iterable[str]) -> list[str]:
    """Free-text answers as the person wrote them ("CGM", "Welsh choirs"), once each
    whatever the case; matching compares them in lower case."""
    kept: dict[str, str] = {}
    for value in values:
        value = " ".join(value.split())[:60]
        if value:
            kept.setdefault(value.lower(), value)
    return sorted(kept.values(), key=str.lower)


def _condition_words(name: str) -> str:
    """A condition's name inside a sentence: "type 1 diabetes", but "Parkinson's
    disease", "HIV" and "Long COVID" keep their capitals."""
    first = name.split(" ", 1)[0]
    if "'" in first or first.isupper() or any(c.isupper() for c in name[1:]):
        return name
    return name[:1].lower() + name[1:]


@transaction.atomic
def profile_save(*, programme: Programme, user: User, answers: ProfileAnswers) -> BuddyProfile:
    """Join a programme, or change one's answers. Needs consent to use health details."""
    if not has_health_consent(user):
        raise BuddyError(
            _(
                "To match you, Kindred needs your consent to use your health details. "
                "You can give it on your profile page, and withdraw it at any time."
            )
        )
    existing = BuddyProfile.objects.filter(programme=programme, user=user).first()
    if existing is None and not Programme.objects.published().filter(pk=programme.pk).exists():
        raise BuddyError(_("This programme is not taking new people at the moment."))
    if answers.side not in Side.values:
        raise BuddyError(_("Choose whether you would like a buddy or to support someone."), "side")
    if not programme.conditions.filter(pk=answers.condition_id).exists():
        raise BuddyError(_("Choose one of the conditions this programme is for."), "condition")
    modes = [m for m in answers.contact_modes if m in programme_contact_modes(programme)]
    if not modes:
        raise BuddyError(
            _("Choose at least one way this programme offers to keep in touch."), "contact_modes"
        )
    this_year = date.today().year
    if answers.diagnosis_year is not None and not 1900 <= answers.diagnosis_year <= this_year:
        raise BuddyError(
            _("Enter a year between 1900 and %(year)s.") % {"year": this_year}, "diagnosis_year"
        )
    if answers.birth_year is not None and not 1900 <= answers.birth_year <= this_year:
        raise BuddyError(
            _("Enter a year between 1900 and %(year)s.") % {"year": this_year}, "birth_year"
        )
    if (
        answers.buddy_age_min is not None
        and answers.buddy_age_max is not None
        and answers.buddy_age_min > answers.buddy_age_max
    ):
        raise BuddyError(_("The youngest age must not be above the oldest."), "buddy_age_min")
    capacity = answers.capacity if answers.side == Side.SUPPORTER else 1
    if not 1 <= capacity <= 10:
        raise BuddyError(_("Choose from 1 to 10 buddies."), "capacity")
    latitude = longitude = None
    if answers.town.strip():
        place = find_place(answers.town, programme.organisation.country)
        if place is None:
            raise BuddyError(
                _("We could not find that town. Try the nearest large town, or leave it empty."),
                "town",
            )
        latitude, longitude = place.latitude, place.longitude
    profile = existing or BuddyProfile(programme=programme, user=user)
    profile.side = answers.side
    profile.condition_id = answers.condition_id
    profile.contact_modes = modes
    profile.diagnosis_year = answers.diagnosis_year
    profile.treatments = _words(answers.treatments)
    profile.wants_help_with = answers.wants_help_with.strip()
    profile.can_help_with = answers.can_help_with.strip()
    profile.must_share_language = answers.must_share_language
    profile.cultural_background = answers.cultural_background.strip()
    profile.religion = answers.religion.strip()
    profile.birth_year = answers.birth_year
    profile.gender = answers.gender
    profile.town = answers.town.strip()
    profile.latitude, profile.longitude = latitude, longitude
    profile.interests = _words(answers.interests)
    profile.values = _words(answers.values)
    profile.buddy_genders = sorted(set(answers.buddy_genders))
    profile.buddy_age_min = answers.buddy_age_min
    profile.buddy_age_max = answers.buddy_age_max
    profile.capacity = capacity
    profile.shown_to_buddy = sorted(set(answers.shown_to_buddy))
    if profile.status == ProfileStatus.LEFT:
        profile.status = ProfileStatus.WAITING
    profile.save()
    profile.life_events.set(answers.life_event_ids)
    profile.languages.set(answers.language_ids)
    return profile


@transaction.atomic
def profile_leave(*, profile: BuddyProfile, by: User) -> None:
    """Leave a programme: open proposals are withdrawn and an active match ends."""
    if profile.user_id != by.pk:
        raise PermissionDenied
    for match in Match.objects.filter(
        Q(seeker=profile) | Q(supporter=profile), state__in=HOLDS_A_PLACE
    ):
        _close(
            match,
            by=by,
            state=MatchState.ENDED if match.state == MatchState.ACTIVE else MatchState.DECLINED,
        )
    profile.status = ProfileStatus.LEFT
    profile.save(update_fields=["status"])


@transaction.atomic
def supporter_record(
    *,
    profile: BuddyProfile,
    by: User,
    training_completed_on: date | None,
    accreditation: str,
    background_check_on: date | None,
) -> BuddyProfile:
    """The coordinator records a supporter's training and checks."""
    _require_coordinator(profile.programme, by)
    profile.training_completed_on = training_completed_on
    profile.accreditation = accreditation.strip()
    profile.background_check_on = background_check_on
    profile.save(update_fields=["training_completed_on", "accreditation", "background_check_on"])
    return profile
