"""A small directory for the API tests, run by the cast's organisation (South Coast T1
Peers) and one other charity:

- Pompey T1 Peers: everything filled in (a venue, three meeting patterns, languages,
  public contact details, trust markers), in person and online in Portsmouth;
- Quiet Carers Circle: for carers of people with dementia, contact details for signed-in
  people only, by phone;
- Soton Walkers: informal walks in Southampton, contact details hidden;
- a draft and an archived group, which must never appear.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from kindred.core.tests.cast import Cast, build_cast
from kindred.directory import services
from kindred.directory.models import GroupStatus, Language, PeerGroup, Venue
from kindred.directory.tests.factories import OrganisationFactory, make_group

LONDON = ZoneInfo("Europe/London")


@dataclass
class Directory:
    cast: Cast
    pompey: PeerGroup
    carers: PeerGroup
    walkers: PeerGroup
    draft: PeerGroup
    archived: PeerGroup
    venue: Venue


@pytest.fixture
def cast(db: None) -> Cast:
    return build_cast()


@pytest.fixture
def directory(cast: Cast) -> Directory:
    south_coast = cast.organisation
    south_coast.website = "https://southcoast-t1.example.org"
    south_coast.charity_number = "1234567"
    south_coast.email = "office@southcoast-t1.example.org"
    south_coast.phone = "023 9200 0000"
    south_coast.save()
    other = OrganisationFactory(name="Memory Friends")

    pompey = make_group(
        organisation=south_coast,
        name="Pompey T1 Peers",
        summary="Young women with type 1 diabetes sharing tips.",
        description="A friendly group for young women living with type 1 diabetes.",
        town="Portsmouth",
        is_online=True,
        is_in_person=True,
        age_min=18,
        age_max=30,
        gender_focus="women",
        cultural_focus="South Asian women",
        languages=[Language.objects.get(code="pa"), Language.objects.get(code="en")],
        contact_visibility="public",
        contact_email="hello@pompey-t1.example.org",
        contact_phone="023 9200 0001",
        leaders_accredited=True,
        accreditation_details="Diabetes UK peer leader course",
        ground_rules="No medical advice. Be kind.",
        online_moderated=True,
        safe_space=True,
        privacy_protected=True,
    )
    venue = services.venue_save(
        venue=Venue(
            group=pompey,
            name="Southsea Community Centre",
            address="1 Castle Road",
            town="Portsmouth",
            postcode="PO5 3DE",
            step_free=True,
            accessibility_notes="Lift to the first floor.",
            safe_space_notes="Staffed reception.",
        )
    )
    services.schedule_save(
        group=pompey,
        title="Monthly meet-up",
        rrule="FREQ=MONTHLY;BYDAY=1SA",
        first_meeting=datetime(2025, 3, 1, 10, 30, tzinfo=LONDON),
        duration_minutes=90,
        venue=venue,
    )
    services.schedule_save(
        group=pompey,
        title="Evening video chat",
        rrule="FREQ=WEEKLY;INTERVAL=2;BYDAY=WE",
        first_meeting=datetime(2025, 6, 4, 18, 30, tzinfo=LONDON),
        duration_minutes=60,
        is_online=True,
    )
    services.schedule_save(
        group=pompey,
        title="Summer conference",
        rrule="FREQ=YEARLY",
        first_meeting=datetime(2025, 7, 12, 9, 0, tzinfo=LONDON),
        duration_minutes=420,
        venue=venue,
    )
    carers = make_group(
        organisation=other,
        name="Quiet Carers Circle",
        description="Carers of people with dementia, talking by phone.",
        conditions=["dementia"],
        audience="carers",
        form="one_to_one",
        model="professional",
        is_online=False,
        is_phone=True,
        is_free=False,
        cost="£2 a call",
        contact_visibility="signed_in",
        contact_email="carers@memory.example.org",
        contact_phone="0800 000 111",
    )
    walkers = make_group(
        organisation=south_coast,
        name="Soton Walkers",
        description="Informal walks for people with type 1 diabetes.",
        town="Southampton",
        is_online=False,
        is_in_person=True,
        model="informal",
        contact_visibility="hidden",
        contact_email="walks@example.org",
    )
    draft = make_group(organisation=south_coast, name="Draft T1 Group", status=GroupStatus.DRAFT)
    archived = make_group(
        organisation=south_coast, name="Old T1 Group", status=GroupStatus.ARCHIVED
    )
    return Directory(cast, pompey, carers, walkers, draft, archived, venue)
