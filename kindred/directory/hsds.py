"""Kindred's directory as Open Referral HSDS 3.0, so that social prescribing link workers,
clinics and other directories can find our peer support groups in the tools they already
use. A peer support group is an HSDS service, the organisation that runs it an HSDS
organization, and each place where it meets a location.

Rules this module keeps (Open Referral UK guidance and our own privacy rules):
- only published groups are ever mapped; drafts and archived groups stay private;
- a group's contact email and phone appear only when its organisation chose to show
  them to everyone (the API is anonymous, so "signed in only" means "not here");
- empty optional fields are left out, never sent as null or "";
- HSDS wants a UUID on every object. Kindred stores one on groups, organisations, venues
  and schedules; for the rest (languages, addresses, taxonomy terms...) the id is derived
  with uuid5 from its parent, so it is the same on every request and every copy of Kindred.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import datetime, timedelta
from typing import Any, NotRequired, Required, TypedDict

from django.conf import settings
from django.core.paginator import Page
from django.db.models import Prefetch, prefetch_related_objects
from django.utils import timezone
from django.utils.translation import gettext as _

from kindred.conditions.models import Condition
from kindred.directory.models import (
    Audience,
    ContactVisibility,
    GenderFocus,
    GroundRules,
    GroupStatus,
    Organisation,
    PeerGroup,
    PeerGroupQuerySet,
    Schedule,
    SupportForm,
    SupportModel,
    Venue,
)
from kindred.directory.places import SERVICE_AREA_NAMES
from kindred.directory.schedules import describe
from kindred.directory.trust import MARKERS_BY_KEY, markers_for

HSDS_VERSION = "3.0"
HSDS_PROFILE = "https://docs.openreferral.org/en/3.0/"


# --- The HSDS shapes we publish (a subset of the compiled schemas) --------------------


class Taxonomy(TypedDict):
    id: str
    name: str
    description: str
    uri: NotRequired[str]


class TaxonomyTerm(TypedDict):
    id: str
    name: str
    description: str
    code: str
    taxonomy: str
    taxonomy_id: str
    taxonomy_detail: Taxonomy
    term_uri: NotRequired[str]


class Attribute(TypedDict):
    id: str
    link_id: str
    link_entity: str
    link_type: str
    taxonomy_term_id: str
    taxonomy_term: TaxonomyTerm


class Language(TypedDict):
    id: str
    service_id: str
    name: str
    code: str


class Phone(TypedDict):
    id: str
    service_id: str
    number: str


class ServiceArea(TypedDict):
    id: str
    service_id: str
    name: str


class Address(TypedDict):
    id: str
    location_id: str
    address_1: str
    city: str
    state_province: str
    postal_code: str
    country: str
    address_type: str


class Accessibility(TypedDict, total=False):
    id: Required[str]
    location_id: Required[str]
    description: str
    details: str


class ScheduleDict(TypedDict, total=False):
    id: Required[str]
    service_id: Required[str]
    location_id: str
    service_at_location_id: str
    dtstart: str
    freq: str
    interval: int
    byday: str
    bymonthday: str
    count: int
    until: str
    wkst: str
    opens_at: str
    closes_at: str
    description: str
    attending_type: str


class Location(TypedDict, total=False):
    id: Required[str]
    location_type: Required[str]
    organization_id: str
    name: str
    description: str
    latitude: float
    longitude: float
    addresses: list[Address]
    accessibility: list[Accessibility]


class ServiceAtLocation(TypedDict, total=False):
    id: Required[str]
    service_id: Required[str]
    location_id: Required[str]
    location: Required[Location]
    schedules: list[ScheduleDict]


class OrganizationIdentifier(TypedDict):
    id: str
    organization_id: str
    identifier_type: str
    identifier: str


class Organization(TypedDict, total=False):
    id: Required[str]
    name: Required[str]
    description: Required[str]
    website: str
    organization_identifiers: list[OrganizationIdentifier]
    services: list[Service]


class Service(TypedDict, total=False):
    id: Required[str]
    organization_id: Required[str]
    name: Required[str]
    status: Required[str]
    description: str
    url: str
    email: str
    application_process: str
    fees_description: str
    accreditations: str
    eligibility_description: str
    minimum_age: int
    maximum_age: int
    last_modified: str
    phones: list[Phone]
    schedules: list[ScheduleDict]
    service_areas: list[ServiceArea]
    service_at_locations: list[ServiceAtLocation]
    languages: list[Language]
    organization: Organization
    attributes: list[Attribute]


class ServicePage(TypedDict):
    total_items: int
    total_pages: int
    page_number: int
    size: int
    first_page: bool
    last_page: bool
    empty: bool
    contents: list[Service]


class ApiRoot(TypedDict):
    version: str
    profile: str
    openapi_url: str


# --- Reads: what the mapping needs, in a fixed number of queries ----------------------


def with_hsds_relations(groups: PeerGroupQuerySet) -> PeerGroupQuerySet:
    """Everything `service_to_hsds` reads, loaded up front so a page of services costs
    the same number of queries whatever its size."""
    return groups.select_related("organisation").prefetch_related(*_group_prefetches())


def load_hsds_relations(groups: Iterable[PeerGroup]) -> None:
    """The same as `with_hsds_relations` for groups already fetched (a search page that
    came with its organisation, conditions and languages): adds venues and schedules."""
    prefetch_related_objects(list(groups), "venues", _schedules_with_venue(), _rules_numbers())


def published_group(public_id: str) -> PeerGroup:
    """One published group by its public id. Drafts, archived groups, unknown and
    malformed ids all raise DoesNotExist alike, so the API never hints that a draft exists."""
    try:
        key = uuid.UUID(public_id)
    except ValueError:
        raise PeerGroup.DoesNotExist from None
    return with_hsds_relations(PeerGroup.objects.published()).get(public_id=key)


def organisation_with_services(public_id: str) -> Organisation:
    """An organisation with its published groups only (as `published_groups`)."""
    try:
        key = uuid.UUID(public_id)
    except ValueError:
        raise Organisation.DoesNotExist from None
    groups = PeerGroup.objects.published().prefetch_related(*_group_prefetches())
    return Organisation.objects.prefetch_related(
        Prefetch("peer_groups", queryset=groups, to_attr="published_groups")
    ).get(public_id=key)


def _schedules_with_venue() -> Prefetch[Any]:
    return Prefetch("schedules", queryset=Schedule.objects.select_related("venue"))


def _group_prefetches() -> tuple[str | Prefetch[Any], ...]:
    # Built afresh each time: Django may change a Prefetch while it runs.
    return ("conditions", "languages", "venues", _schedules_with_venue(), _rules_numbers())


def _rules_numbers() -> Prefetch[Any]:
    # Only whether a group has ground rules is shared (a trust marker), not their text.
    return Prefetch("rules_versions", queryset=GroundRules.objects.only("group_id", "version"))


# --- Mapping ---------------------------------------------------------------------------


def _derived_id(parent: uuid.UUID, name: str) -> str:
    return str(uuid.uuid5(parent, name))


# Namespace for the ids of Kindred's own taxonomies: the same in every copy of Kindred, so
# a directory that collects from several of them sees one "Buddy programme" term.
_KINDRED_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:kindred:hsds")
_SNOMED_URI = "http://snomed.info/sct"

_SNOMED = Taxonomy(
    id=str(uuid.uuid5(uuid.NAMESPACE_URL, _SNOMED_URI)),
    name="SNOMED CT",
    description="SNOMED Clinical Terms, the clinical terminology used in NHS records.",
    uri=_SNOMED_URI,
)


def _kindred_taxonomy(key: str, name: str, description: str) -> Taxonomy:
    return Taxonomy(id=str(uuid.uuid5(_KINDRED_NAMESPACE, key)), name=name, description=description)


_KINDRED_CONDITIONS = _kindred_taxonomy(
    "conditions",
    "Kindred conditions",
    "Long-term conditions a peer support group is for, where no SNOMED CT code is recorded.",
)
_KINDRED_SUPPORT = _kindred_taxonomy(
    "support",
    "Kindred types of peer support",
    "The form peer support takes (a group, a buddy programme, a course...) and who runs it.",
)
_KINDRED_TRUST = _kindred_taxonomy(
    "trust",
    "Kindred trust markers",
    "What makes a peer support group trustworthy, from the peer support guidance Kindred "
    "follows. Only the markers a group meets are listed.",
)


def _attribute(service_id: uuid.UUID, link_type: str, term: TaxonomyTerm) -> Attribute:
    return Attribute(
        id=_derived_id(service_id, f"attribute/{term['taxonomy_id']}/{term['code']}"),
        link_id=str(service_id),
        link_entity="service",
        link_type=link_type,
        taxonomy_term_id=term["id"],
        taxonomy_term=term,
    )


def _kindred_term(taxonomy: Taxonomy, code: str, name: str, description: str) -> TaxonomyTerm:
    return TaxonomyTerm(
        id=_derived_id(uuid.UUID(taxonomy["id"]), code),
        code=code,
        name=name,
        description=description,
        taxonomy=taxonomy["name"],
        taxonomy_id=taxonomy["id"],
        taxonomy_detail=taxonomy,
    )


def condition_term(condition: Condition) -> TaxonomyTerm:
    """A condition as a taxonomy term: its SNOMED CT concept when one is recorded, so
    clinicians' systems and Kindred mean the same thing; otherwise Kindred's own term."""
    description = condition.description or condition.name
    if not condition.snomed_code:
        return _kindred_term(_KINDRED_CONDITIONS, condition.slug, condition.name, description)
    term_uri = f"http://snomed.info/id/{condition.snomed_code}"
    return TaxonomyTerm(
        id=str(uuid.uuid5(uuid.NAMESPACE_URL, term_uri)),
        code=condition.snomed_code,
        name=condition.name,
        description=description,
        taxonomy=_SNOMED["name"],
        taxonomy_id=_SNOMED["id"],
        taxonomy_detail=_SNOMED,
        term_uri=term_uri,
    )


def _attributes(group: PeerGroup) -> list[Attribute]:
    """What the group is about (conditions), what kind of support it is, and the trust
    markers it meets."""
    form = SupportForm(group.form)
    model = SupportModel(group.model)
    attributes = [
        _attribute(group.public_id, "condition", condition_term(c)) for c in group.conditions.all()
    ]
    attributes += [
        _attribute(
            group.public_id,
            "support_form",
            _kindred_term(_KINDRED_SUPPORT, f"form/{form.value}", str(form.label), str(form.label)),
        ),
        _attribute(
            group.public_id,
            "support_model",
            _kindred_term(
                _KINDRED_SUPPORT, f"model/{model.value}", str(model.label), str(model.label)
            ),
        ),
    ]
    for result in markers_for(group):
        if result.met:
            marker = result.marker
            term = _kindred_term(
                _KINDRED_TRUST, marker.key, str(marker.title), str(marker.explanation)
            )
            attributes.append(_attribute(group.public_id, "trust_marker", term))
    return attributes


def _and_list(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return _("%(first)s and %(last)s") % {"first": ", ".join(items[:-1]), "last": items[-1]}


def eligibility_description(group: PeerGroup) -> str:
    """Who the group is for, in the same plain sentences as the group page."""
    conditions = _and_list([c.name for c in group.conditions.all()])
    if group.audience == Audience.LIVING_WITH:
        lines = [_("It is for people who live with %(c)s.") % {"c": conditions}]
    elif group.audience == Audience.CARERS:
        lines = [_("It is for carers and family of people with %(c)s.") % {"c": conditions}]
    else:
        lines = [_("It is for people with %(c)s, and their carers and family.") % {"c": conditions}]
    if group.age_min is not None and group.age_max is not None:
        lines.append(_("It is for ages %(a)s to %(b)s.") % {"a": group.age_min, "b": group.age_max})
    elif group.age_min is not None:
        lines.append(_("It is for people aged %(a)s or over.") % {"a": group.age_min})
    elif group.age_max is not None:
        lines.append(_("It is for people aged %(b)s or under.") % {"b": group.age_max})
    if group.gender_focus != GenderFocus.ANY:
        lines.append(_("It is for %(who)s.") % {"who": group.get_gender_focus_display().lower()})
    if group.cultural_focus:
        lines.append(_("It is mainly for %(who)s.") % {"who": group.cultural_focus})
    return " ".join(lines)


def _local_time(moment: datetime) -> str:
    """HH:MM with its UTC offset, as HSDS asks ("18:30+01:00")."""
    return timezone.localtime(moment).isoformat(timespec="minutes")[11:]


def _rrule_parts(rule: str) -> dict[str, str]:
    return dict(part.split("=", 1) for part in rule.upper().split(";") if "=" in part)


def schedule_to_hsds(schedule: Schedule, group: PeerGroup) -> ScheduleDict:
    """A meeting pattern: the RFC 5545 rule split into HSDS's iCal fields, the first
    meeting's date and times, and a plain sentence for people. HSDS only knows weekly and
    monthly rules; any other (a yearly conference) keeps its sentence and first date."""
    start = schedule.first_meeting
    end = start + timedelta(minutes=schedule.duration_minutes)
    data = ScheduleDict(
        id=str(schedule.public_id),
        service_id=str(group.public_id),
        dtstart=timezone.localtime(start).date().isoformat(),
        opens_at=_local_time(start),
        closes_at=_local_time(end),
        description=_("%(title)s: %(rule)s, %(start)s to %(end)s")
        % {
            "title": schedule.title,
            "rule": describe(schedule.rrule),
            "start": timezone.localtime(start).strftime("%H:%M"),
            "end": timezone.localtime(end).strftime("%H:%M"),
        },
    )
    parts = _rrule_parts(schedule.rrule)
    if parts.get("FREQ") in {"WEEKLY", "MONTHLY"}:
        data["freq"] = parts["FREQ"]
        if parts.get("INTERVAL", "1") != "1" and parts["INTERVAL"].isdigit():
            data["interval"] = int(parts["INTERVAL"])
        if parts.get("BYDAY"):
            data["byday"] = parts["BYDAY"]
        if parts.get("BYMONTHDAY"):
            data["bymonthday"] = parts["BYMONTHDAY"]
        if parts.get("COUNT", "").isdigit():
            data["count"] = int(parts["COUNT"])
        if len(parts.get("UNTIL", "")) >= 8:
            until = parts["UNTIL"]
            data["until"] = f"{until[0:4]}-{until[4:6]}-{until[6:8]}"
        if parts.get("WKST"):
            data["wkst"] = parts["WKST"]
    venue = schedule.venue
    if venue is not None:
        data["location_id"] = str(venue.public_id)
        data["service_at_location_id"] = _derived_id(venue.public_id, "service_at_location")
    if venue is not None and schedule.is_online:
        data["attending_type"] = _("In person or online")
    elif venue is not None:
        data["attending_type"] = _("In person")
    elif schedule.is_online:
        data["attending_type"] = _("Online")
    return data


def venue_to_hsds(venue: Venue, group: PeerGroup) -> Location:
    """A meeting place. HSDS requires every address line; Kindred does not record a
    county, and some venues have no postcode on record, so those are sent as ""."""
    location_id = str(venue.public_id)
    location = Location(
        id=location_id,
        location_type="physical",
        organization_id=str(group.organisation.public_id),
        name=venue.name,
        addresses=[
            Address(
                id=_derived_id(venue.public_id, "address"),
                location_id=location_id,
                address_1=venue.address or venue.name,
                city=venue.town,
                state_province="",
                postal_code=venue.postcode,
                country=venue.country,
                address_type="physical",
            )
        ],
    )
    if venue.latitude is not None and venue.longitude is not None:
        location["latitude"] = venue.latitude
        location["longitude"] = venue.longitude
    if venue.safe_space_notes:
        location["description"] = venue.safe_space_notes
    if venue.step_free or venue.accessibility_notes:
        access = Accessibility(
            id=_derived_id(venue.public_id, "accessibility"), location_id=location_id
        )
        if venue.step_free:
            access["description"] = _("Step-free access")
            if venue.accessibility_notes:
                access["details"] = venue.accessibility_notes
        else:
            access["description"] = venue.accessibility_notes
        location["accessibility"] = [access]
    return location


def _service_at_locations(
    group: PeerGroup, schedules: list[ScheduleDict]
) -> list[ServiceAtLocation]:
    places = []
    for venue in group.venues.all():
        location_id = str(venue.public_id)
        place = ServiceAtLocation(
            id=_derived_id(venue.public_id, "service_at_location"),
            service_id=str(group.public_id),
            location_id=location_id,
            location=venue_to_hsds(venue, group),
        )
        here = [s for s in schedules if s.get("location_id") == location_id]
        if here:
            place["schedules"] = here
        places.append(place)
    return places


def organisation_to_hsds(organisation: Organisation) -> Organization:
    """An organisation as the public sees it on its Kindred page: its contact email and
    phone are not published there, so they are not published here either."""
    data = Organization(
        id=str(organisation.public_id),
        name=organisation.name,
        # HSDS requires a description; a new organisation may not have written one yet.
        description=organisation.description or organisation.name,
    )
    if organisation.website:
        data["website"] = organisation.website
    if organisation.charity_number:
        data["organization_identifiers"] = [
            OrganizationIdentifier(
                id=_derived_id(organisation.public_id, "charity_number"),
                organization_id=str(organisation.public_id),
                identifier_type="Registered charity or company number",
                identifier=organisation.charity_number,
            )
        ]
    return data


def organisation_with_services_to_hsds(organisation: Organisation) -> Organization:
    """An organisation with its published groups (from `organisation_with_services`)."""
    data = organisation_to_hsds(organisation)
    groups: list[PeerGroup] = getattr(organisation, "published_groups", [])
    if groups:
        data["services"] = [service_to_hsds(g, nest_organisation=False) for g in groups]
    return data


_STATUS = {
    GroupStatus.PUBLISHED: "active",
    GroupStatus.DRAFT: "inactive",
    GroupStatus.ARCHIVED: "defunct",
}


def service_to_hsds(group: PeerGroup, *, nest_organisation: bool = True) -> Service:
    """A published peer support group as a fully nested HSDS service. Load the group
    with `with_hsds_relations` (or `load_hsds_relations`) first."""
    organisation = group.organisation
    service_id = str(group.public_id)
    data = Service(
        id=service_id,
        organization_id=str(organisation.public_id),
        name=group.name,
        status=_STATUS[GroupStatus(group.status)],
        description=group.description,
        url=settings.SITE_URL.rstrip("/") + group.get_absolute_url(),
        application_process=group.how_to_join,
        eligibility_description=eligibility_description(group),
        last_modified=group.updated_at.isoformat(),
    )
    # Privacy: "signed in only" and "hidden" details never leave through the open API.
    if group.contact_visibility == ContactVisibility.PUBLIC:
        if group.contact_email:
            data["email"] = group.contact_email
        if group.contact_phone:
            data["phones"] = [
                Phone(
                    id=_derived_id(group.public_id, "phone"),
                    service_id=service_id,
                    number=group.contact_phone,
                )
            ]
    if group.cost:
        data["fees_description"] = group.cost
    elif group.is_free:
        data["fees_description"] = _("Free")
    if group.accreditation_details:
        data["accreditations"] = group.accreditation_details
    elif group.leaders_accredited:
        data["accreditations"] = str(MARKERS_BY_KEY["accredited"].explanation)
    if group.age_min is not None:
        data["minimum_age"] = group.age_min
    if group.age_max is not None:
        data["maximum_age"] = group.age_max

    schedules = [schedule_to_hsds(s, group) for s in group.schedules.all()]
    if schedules:
        data["schedules"] = schedules
    places = _service_at_locations(group, schedules)
    if places:
        data["service_at_locations"] = places
    areas = []
    if group.town:
        areas.append(
            ServiceArea(
                id=_derived_id(group.public_id, "service_area"),
                service_id=service_id,
                name=group.town,
            )
        )
    # Where people can join an online or phone group from (none listed: anywhere).
    areas += [
        ServiceArea(
            id=_derived_id(group.public_id, f"service_area/{code}"),
            service_id=service_id,
            name=str(SERVICE_AREA_NAMES.get(code, code)),
        )
        for code in group.service_area_codes()
    ]
    if areas:
        data["service_areas"] = areas
    languages = [
        Language(
            id=_derived_id(group.public_id, f"language/{lang.code}"),
            service_id=service_id,
            name=lang.name,
            code=lang.code,
        )
        for lang in group.languages.all()
    ]
    if languages:
        data["languages"] = languages
    if nest_organisation:
        data["organization"] = organisation_to_hsds(organisation)
    data["attributes"] = _attributes(group)
    return data


def services_page(page: Page[PeerGroup], *, page_number: int) -> ServicePage:
    """A page of services in HSDS's page object. Asked for a page past the end, the
    answer is an empty page with that number (not the last page again), so a client
    walking the pages stops cleanly."""
    paginator = page.paginator
    past_the_end = page_number > paginator.num_pages
    groups: Iterable[PeerGroup] = [] if past_the_end else list(page.object_list)
    contents = [service_to_hsds(g) for g in groups]
    number = page_number if past_the_end else page.number
    return ServicePage(
        total_items=paginator.count,
        total_pages=paginator.num_pages,
        page_number=number,
        size=len(contents),
        first_page=number == 1,
        last_page=number >= paginator.num_pages,
        empty=not contents,
        contents=contents,
    )
