"""The directory and the buddy programmes are one list: every published programme is a
buddy-scheme listing in the directory, whose page offers a working way to join it, and
`/buddies/` shows the same buddy schemes that the directory does.

Olu coordinates South Coast T1 Peers' programmes; Mina is a member looking for a buddy."""

from __future__ import annotations

from html import unescape

import pytest
from django.urls import reverse

from kindred.buddies import services
from kindred.buddies.models import Programme
from kindred.buddies.tests.test_programme_settings import _settings
from kindred.demo.data import GROUPS
from kindred.directory import queries
from kindred.directory.models import GroupStatus, PeerGroup, SupportForm
from kindred.directory.tests.factories import OrganisationFactory, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def olu(cast):
    services.coordinator_appoint(
        organisation=cast.organisation, user=cast.org_admin, by=cast.org_admin
    )
    return cast.org_admin


def _start(cast, olu, **changes) -> Programme:
    return services.programme_save(
        by=olu, organisation=cast.organisation, settings=_settings(cast, **changes)
    )


def _directory_buddy_schemes() -> set[str]:
    results = queries.search_groups(queries.GroupSearch(forms=[SupportForm.BUDDY]), per_page=100)
    return {group.name for group in results.page}


def _buddies_page_names(client) -> set[str]:
    body = unescape(client.get(reverse("buddies:programmes")).content.decode())
    return {name for name in _all_names() if f">{name}</a>" in body}


def _all_names() -> set[str]:
    return set(PeerGroup.objects.values_list("name", flat=True)) | set(
        Programme.objects.values_list("name", flat=True)
    )


def test_a_started_programme_is_listed_in_the_directory(cast, olu):
    programme = _start(cast, olu, name="Walkers")

    listing = programme.listing
    assert listing is not None
    assert (listing.name, listing.form, listing.organisation) == (
        "Walkers",
        SupportForm.BUDDY,
        cast.organisation,
    )
    assert listing.status == GroupStatus.PUBLISHED
    assert [c.slug for c in listing.conditions.all()] == ["type-1-diabetes"]
    assert "Walkers" in _directory_buddy_schemes()
    assert (listing.is_online, listing.is_phone, listing.is_in_person) == (True, False, False)
    assert listing.how_to_join.startswith("Join this buddy programme on Kindred.")
    found = queries.search_groups(queries.GroupSearch(q="walkers"))
    assert [g.name for g in found.page] == ["Walkers"]

    # A change of rules keeps one listing, with the new name; a closed programme leaves
    # the directory as it leaves /buddies/.
    _settings_changed = _settings(
        cast, name="Walking buddies", is_open=False, contact_modes=["online", "in_person"]
    )
    services.programme_save(by=olu, programme=programme, settings=_settings_changed)
    listing.refresh_from_db()
    assert PeerGroup.objects.filter(form=SupportForm.BUDDY).count() == 1
    assert listing.name == "Walking buddies"
    assert listing.is_in_person and listing.town == cast.organisation.town
    assert "Walking buddies" not in _directory_buddy_schemes()


def test_the_directory_page_of_a_buddy_programme_offers_a_working_way_to_join(client, cast, olu):
    programme = _start(cast, olu, name="Walkers")
    assert programme.listing is not None
    client.force_login(cast.member)

    page = client.get(programme.listing.get_absolute_url())

    body = unescape(page.content.decode())
    assert page.status_code == 200
    assert "Join this buddy programme" in body
    assert f'href="{programme.get_absolute_url()}"' in body
    assert "short form" not in body
    joining = client.get(programme.get_absolute_url())
    assert joining.status_code == 200
    assert reverse("buddies:join", args=[programme.slug]) in joining.content.decode()


def test_buddies_lists_the_same_programmes_the_directory_shows(client, cast, olu):
    _start(cast, olu, name="Walkers")
    _start(cast, olu, name="Closed for now", is_open=False)
    # A programme of an organisation nobody has checked is in neither list.
    unchecked = OrganisationFactory(name="Unchecked")
    services.coordinator_appoint(organisation=unchecked, user=cast.site_admin, by=cast.site_admin)
    services.programme_save(
        by=cast.site_admin,
        organisation=unchecked,
        settings=_settings(cast, name="Unchecked buddies", coordinator_id=cast.site_admin.pk),
    )
    # A buddy scheme someone runs outside Kindred, listed in the directory.
    make_group(
        organisation=cast.organisation,
        name="Phone Buddies",
        form=SupportForm.BUDDY,
        how_to_join="Call us and we will pair you with a buddy.",
    )
    make_group(organisation=cast.organisation, name="Coffee Morning")

    directory = _directory_buddy_schemes()

    assert directory == {"Walkers", "Phone Buddies"}
    assert _buddies_page_names(client) == directory


def test_the_directory_page_of_an_outside_scheme_links_back_from_buddies(client, cast):
    group = make_group(
        organisation=cast.organisation,
        name="Phone Buddies",
        form=SupportForm.BUDDY,
        how_to_join="Call us and we will pair you with a buddy.",
    )
    body = client.get(reverse("buddies:programmes")).content.decode()
    assert f'href="{group.get_absolute_url()}"' in body
    page = unescape(client.get(group.get_absolute_url()).content.decode())
    assert "Join this buddy programme" not in page
    assert "Call us and we will pair you with a buddy." in page


def test_no_demo_buddy_scheme_promises_a_form_that_is_not_there():
    schemes = [group for group in GROUPS if group.form == SupportForm.BUDDY]
    assert schemes
    for group in schemes:
        assert "form" not in group.how_to_join, group.name
