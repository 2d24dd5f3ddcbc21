"""Groups people join online or by phone match wherever the person is, within the area
the group serves if it sets one; in-person groups must be within the distance chosen.
The summary says which is which, and an empty result only suggests what would help."""

import re

import pytest
from django.urls import reverse

from kindred.core.tests.cast import login_with_second_factor
from kindred.directory.queries import GroupSearch, search_groups
from kindred.directory.tests.factories import OrganisationFactory, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    org = OrganisationFactory(verified=True)
    return {
        "online": make_group(organisation=org, name="Type 1 Online UK", is_online=True),
        "phone": make_group(
            organisation=org,
            name="T1 Phone Friends",
            is_online=False,
            is_phone=True,
            town="Portsmouth",
        ),
        "manchester": make_group(
            organisation=org,
            name="Manchester T1 Meet",
            town="Manchester",
            is_online=True,
            is_in_person=True,
        ),
        "leeds": make_group(
            organisation=org,
            name="Leeds T1 Walkers",
            town="Leeds",
            is_online=False,
            is_in_person=True,
        ),
        "southampton": make_group(
            organisation=org,
            name="Soton T1 Cuppa",
            town="Southampton",
            is_online=False,
            is_in_person=True,
        ),
        "scotland": make_group(
            organisation=org,
            name="Scottish T1 Online",
            is_online=True,
            service_area="GB-SCT",
        ),
        "ireland": make_group(
            organisation=org, name="Irish T1 Online", is_online=True, service_area="IE"
        ),
    }


def names(results):
    return {g.name for g in results.page.object_list}


def test_it_finds_online_groups_near_leeds_when_online_is_ticked(groups):
    results = search_groups(GroupSearch(q="type 1 diabetes", near="Leeds", modes=["online"]))
    assert names(results) == {"Type 1 Online UK", "Manchester T1 Meet"}


def test_it_finds_nearby_in_person_and_every_online_or_phone_group_with_no_mode(groups):
    results = search_groups(GroupSearch(q="type 1 diabetes", near="Leeds"))
    assert names(results) == {
        "Leeds T1 Walkers",
        "Type 1 Online UK",
        "T1 Phone Friends",
        "Manchester T1 Meet",
    }
    # The group that meets near Leeds comes first, then the ones to join from home.
    assert results.page.object_list[0].name == "Leeds T1 Walkers"
    assert results.near_count == 1
    assert results.remote_count == 3


def test_it_keeps_in_person_searches_to_the_distance(groups):
    results = search_groups(GroupSearch(q="type 1 diabetes", near="Leeds", modes=["in_person"]))
    assert names(results) == {"Leeds T1 Walkers"}


def test_it_respects_the_area_an_online_group_serves(groups):
    near_glasgow = search_groups(GroupSearch(near="Glasgow", modes=["online"]))
    assert "Scottish T1 Online" in names(near_glasgow)
    assert "Irish T1 Online" not in names(near_glasgow)
    near_dublin = search_groups(GroupSearch(near="Dublin", modes=["online"]))
    assert "Irish T1 Online" in names(near_dublin)
    assert "Scottish T1 Online" not in names(near_dublin)
    # With no place, every online group shows.
    assert {"Scottish T1 Online", "Irish T1 Online"} <= names(search_groups(GroupSearch()))


def test_it_knows_the_nation_of_a_postcode_district(groups):
    assert "Scottish T1 Online" in names(search_groups(GroupSearch(near="G1", modes=["online"])))


def test_the_summary_separates_nearby_groups_from_ones_joined_from_home(client, groups):
    body = client.get(
        reverse("directory:search"), {"q": "type 1 diabetes", "near": "Leeds"}
    ).content.decode()
    assert "4 groups found" in body
    assert "1 within 20 miles of Leeds" in body
    assert "3 you can join online or by phone" in body
    body = client.get(
        reverse("directory:search"),
        {"q": "type 1 diabetes", "near": "Leeds", "mode": "online"},
    ).content.decode()
    assert "2 groups found" in body
    assert "0 within 20 miles of Leeds" not in body
    assert "2 you can join online" in body


def test_the_empty_state_does_not_suggest_ticking_online_when_it_is_ticked(client):
    make_group(name="Zebra Knitters", town="Manchester", is_online=False, is_in_person=True)
    body = client.get(
        reverse("directory:search"), {"q": "zebra", "near": "Leeds", "mode": "online"}
    ).content.decode()
    assert "0 groups found" in body
    assert "Online" not in body.split("empty-state", 1)[1].split("</div>", 1)[0].replace(
        "online or", ""
    )


def test_the_empty_state_suggests_a_bigger_distance_only_when_it_would_help(client):
    make_group(name="Zebra Knitters", town="Manchester", is_online=False, is_in_person=True)
    body = client.get(
        reverse("directory:search"), {"q": "zebra", "near": "Leeds", "radius": "10"}
    ).content.decode()
    empty = body.split('class="empty-state"', 1)[1]
    assert "Look up to 60 miles away (1 group)" in empty
    assert "radius=60" in empty
    assert "tick" not in empty.lower()
    body = client.get(
        reverse("directory:search"), {"q": "zebra", "near": "Portsmouth"}
    ).content.decode()
    empty = body.split('class="empty-state"', 1)[1]
    assert "miles away" not in empty  # Manchester is too far even at 60 miles


def test_the_empty_state_suggests_online_only_when_online_groups_would_match(client):
    make_group(name="Zebra Online", is_online=True)
    body = client.get(
        reverse("directory:search"), {"q": "zebra", "near": "Leeds", "mode": "in_person"}
    ).content.decode()
    empty = body.split('class="empty-state"', 1)[1]
    assert "Also show groups you can join online (1 group)" in empty
    assert "mode=in_person&amp;mode=online" in empty


def test_the_group_form_and_page_show_the_area_an_online_group_serves(client, cast):
    group = make_group(
        organisation=cast.organisation,
        name="Welsh T1 Online",
        is_online=True,
        service_area="GB-WLS,GB-ENG",
    )
    body = client.get(group.get_absolute_url()).content.decode()
    assert "People in England and Wales can join." in body
    anywhere = make_group(organisation=cast.organisation, name="Anywhere T1", is_online=True)
    assert (
        "People can join from anywhere." in client.get(anywhere.get_absolute_url()).content.decode()
    )


def test_an_org_admin_sets_the_area_an_online_group_serves(client, cast):
    from kindred.directory.models import PeerGroup
    from kindred.directory.tests.test_group_edit import _form_data

    login_with_second_factor(client, cast.org_admin)
    url = reverse("directory:group-create", args=[cast.organisation.slug])
    body = client.get(url).content.decode()
    assert 'name="service_area" value="GB-SCT"' in body
    response = client.post(url, _form_data(service_area=["GB-SCT", "GB-NIR"]))
    assert response.status_code == 302
    group = PeerGroup.objects.get(name="Tuesday Talkers")
    assert group.service_area == "GB-NIR,GB-SCT"
    edit = client.get(reverse("directory:group-edit", args=[group.slug])).content.decode()
    assert re.search(r'value="GB-SCT"[^>]*checked', edit)
    assert not re.search(r'value="GB-ENG"[^>]*checked', edit)


def test_the_api_lists_the_areas_an_online_group_serves(client):
    group = make_group(name="Scottish T1 Online", is_online=True, service_area="GB-SCT")
    service = client.get(f"/api/v1/services/{group.public_id}").json()
    assert [area["name"] for area in service["service_areas"]] == ["Scotland"]


def test_an_area_to_join_from_needs_a_way_to_join_from_home(client, cast):
    from kindred.directory.tests.test_group_edit import _form_data

    login_with_second_factor(client, cast.org_admin)
    url = reverse("directory:group-create", args=[cast.organisation.slug])
    response = client.post(
        url, _form_data(is_online="", is_in_person="on", service_area=["GB-WLS"])
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Only online and phone groups say where people can join from" in body
    assert re.search(r'value="GB-WLS"[^>]*checked', body)
