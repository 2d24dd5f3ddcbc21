"""Every change to the directory: registering and verifying organisations, and listing
and editing their groups, venues and meeting times."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone as dj_timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kindred.accounts.models import Role, User
from kindred.accounts.services import role_grant
from kindred.conditions.models import Condition
from kindred.directory import extensions
from kindred.directory.models import (
    GroundRules,
    GroupStatus,
    Language,
    Organisation,
    PeerGroup,
    Schedule,
    Venue,
)
from kindred.directory.places import find_place


def _unique_slug(model: type[Organisation] | type[PeerGroup], name: str) -> str:
    base = slugify(name)[:150] or "group"
    slug, n = base, 2
    while model.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


@transaction.atomic
def organisation_register(*, user: User, **fields: Any) -> Organisation:
    """A person registers the organisation they run peer support for and becomes its
    first organisation admin. It stays unverified until a site admin checks it."""
    organisation = Organisation.objects.create(
        slug=_unique_slug(Organisation, fields["name"]), **fields
    )
    role_grant(user=user, role=Role.ORG_ADMIN, organisation=organisation)
    return organisation


@transaction.atomic
def organisation_verify(*, organisation: Organisation, by: User) -> Organisation:
    """A site admin confirms the organisation is real (e.g. its charity registration)."""
    organisation.verified_at = dj_timezone.now()
    organisation.verified_by = by
    organisation.save(update_fields=["verified_at", "verified_by"])
    return organisation


@transaction.atomic
def organisation_unverify(*, organisation: Organisation) -> Organisation:
    organisation.verified_at = None
    organisation.verified_by = None
    organisation.save(update_fields=["verified_at", "verified_by"])
    return organisation


def build_search_document(group: PeerGroup, conditions: Iterable[Condition]) -> str:
    parts = [group.name, group.summary, group.description, group.town, group.cultural_focus]
    for condition in conditions:
        parts += [condition.name, condition.synonyms]
    parts.append(group.organisation.name)
    return " ".join(p for p in parts if p).lower()


def _locate(group: PeerGroup) -> None:
    """Put the group on the map from its town, unless coordinates were given."""
    if group.town and (group.latitude is None or group.longitude is None):
        place = find_place(group.town, group.country)
        if place is not None:
            group.latitude, group.longitude = place.latitude, place.longitude
    if not group.town:
        group.latitude = group.longitude = None


@transaction.atomic
def peer_group_save(
    *,
    group: PeerGroup,
    conditions: Iterable[Condition],
    languages: Iterable[Language] = (),
    ground_rules: str | None = None,
    by: User | None = None,
) -> PeerGroup:
    """Create or update a group with its conditions and languages, and refresh what
    search reads. Used by the group form, the API and the demo loader alike.
    `ground_rules` given and changed become the group's next version of them, written
    by `by` (see `ground_rules_publish`); empty or None leaves them as they are."""
    conditions = list(conditions)
    if not group.slug:
        group.slug = _unique_slug(PeerGroup, group.name)
    _locate(group)
    group.search_document = build_search_document(group, conditions)
    group.save()
    group.conditions.set(conditions)
    group.languages.set(list(languages))
    if ground_rules and ground_rules.strip():
        ground_rules_publish(group=group, text=ground_rules, by=by)
    # The apps above the directory follow the change (see directory/extensions.py).
    extensions.after_group_saved(group)
    return group


class GroundRulesError(Exception):
    pass


@transaction.atomic
def ground_rules_publish(
    *, group: PeerGroup, text: str, by: User | None, summary: str = ""
) -> GroundRules:
    """Publish `text` as the group's next version of its ground rules (the same text
    again publishes nothing and returns the current version). Who may write them is
    the caller's check: the group's organisation admins on its directory page, its
    leaders and moderators in its online space (moderation's `rules_publish`), or None
    for the demo. The apps above hear of a new version (`extensions.py`): moderation
    logs it and asks the members of the group's online space to accept it."""
    text = text.strip()
    if not text:
        raise GroundRulesError(_("Please write the ground rules."))
    # One new version at a time, whoever else is saving the group.
    PeerGroup.objects.select_for_update().only("pk").get(pk=group.pk)
    previous = GroundRules.current(group.pk)
    if previous is not None and previous.text == text:
        return previous
    rules = GroundRules.objects.create(
        group=group,
        version=previous.version + 1 if previous is not None else 1,
        text=text,
        summary=summary.strip()[:300],
        written_by=by,
    )
    extensions.ground_rules_published(rules, previous)
    return rules


@transaction.atomic
def peer_group_set_status(*, group: PeerGroup, status: GroupStatus) -> PeerGroup:
    group.status = status
    group.save(update_fields=["status", "updated_at"])
    return group


@transaction.atomic
def venue_save(*, venue: Venue) -> Venue:
    """Add or change a meeting place; the group takes the venue's point on the map when
    it has none of its own."""
    if venue.latitude is None or venue.longitude is None:
        place = find_place(venue.postcode or venue.town, venue.country) or find_place(
            venue.town, venue.country
        )
        if place is not None:
            venue.latitude, venue.longitude = place.latitude, place.longitude
    venue.save()
    group = venue.group
    if group.latitude is None and venue.latitude is not None:
        group.latitude, group.longitude = venue.latitude, venue.longitude
        group.town = group.town or venue.town
        group.save(update_fields=["latitude", "longitude", "town", "updated_at"])
    return venue


@transaction.atomic
def venue_delete(*, venue: Venue) -> None:
    venue.delete()


def meeting_timezone(*, group: PeerGroup, venue: Venue | None = None) -> str:
    for town, country in [
        (venue.town if venue else "", venue.country if venue else ""),
        (group.town, group.country),
    ]:
        place = find_place(town, country) if town else None
        if place is not None and place.timezone:
            return place.timezone
    return settings.TIME_ZONE


@transaction.atomic
def schedule_save(
    *,
    group: PeerGroup,
    title: str,
    rrule: str,
    first_meeting: datetime,
    duration_minutes: int,
    venue: Venue | None = None,
    is_online: bool = False,
    schedule: Schedule | None = None,
    timezone: str | None = None,
) -> Schedule:
    """Add or change a meeting time. A naive `first_meeting` is wall-clock time where
    the group meets (the venue's town, else the group's town, else the site's zone)."""
    zone = timezone or meeting_timezone(group=group, venue=venue)
    if dj_timezone.is_naive(first_meeting):
        first_meeting = dj_timezone.make_aware(first_meeting, ZoneInfo(zone))
    schedule = schedule or Schedule(group=group)
    schedule.timezone = zone
    schedule.title = title
    schedule.rrule = rrule
    schedule.first_meeting = first_meeting
    schedule.duration_minutes = duration_minutes
    schedule.venue = venue
    schedule.is_online = is_online
    schedule.save()
    return schedule


@transaction.atomic
def schedule_delete(*, schedule: Schedule) -> None:
    schedule.delete()
