import pytest
from django.urls import reverse

from kindred.conditions.models import Condition
from kindred.directory.models import GroupStatus, Language, PeerGroup
from kindred.directory.queries import GroupSearch, search_groups, split_query
from kindred.directory.tests.factories import OrganisationFactory, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    verified = OrganisationFactory(name="Verified Charity", verified=True)
    unverified = OrganisationFactory(name="New Group Org")
    punjabi = Language.objects.get(code="pa")
    return {
        "south_coast": make_group(
            organisation=verified,
            name="South Coast Type 1 Peers",
            town="Portsmouth",
            is_online=True,
            is_in_person=True,
            model="peer_led",
            ground_rules="Be kind.",
            leaders_accredited=True,
            accreditation_details="Peer leader course",
        ),
        "t2_portsmouth": make_group(
            organisation=verified,
            name="Pompey Type 2 Chat",
            town="Portsmouth",
            conditions=["type-2-diabetes"],
            languages=[punjabi],
        ),
        "t1_manchester": make_group(
            organisation=verified, name="Manchester T1 Meet", town="Manchester"
        ),
        "t1_southampton_informal": make_group(
            organisation=unverified,
            name="Soton T1 Walkers",
            town="Southampton",
            is_online=False,
            is_in_person=True,
            model="informal",
        ),
        "draft": make_group(organisation=verified, name="Draft T1 Group", status=GroupStatus.DRAFT),
    }


def names(results):
    return [g.name for g in results.page.object_list]


def test_it_recognises_a_condition_in_free_text():
    conditions = list(Condition.objects.all())
    matched, rest = split_query("Type 1 diabetes walks", conditions)
    assert [c.slug for c in matched] == ["type-1-diabetes"]
    assert rest == ["walks"]
    matched, rest = split_query("T1D", conditions)
    assert [c.slug for c in matched] == ["type-1-diabetes"]


def test_it_finds_type_1_groups_near_portsmouth_online_and_peer_led(groups):
    results = search_groups(
        GroupSearch(q="type 1 diabetes", near="Portsmouth", modes=["online"], models=["peer_led"])
    )
    # Manchester's group is online too, so it matches from Portsmouth; the one that
    # also meets nearby comes first, with its distance.
    assert names(results) == ["South Coast Type 1 Peers", "Manchester T1 Meet"]
    assert results.page.object_list[0].distance_km < 1
    assert results.page.object_list[1].distance_km is None


def test_it_ranks_by_distance_within_the_radius(groups):
    results = search_groups(
        GroupSearch(q="type 1 diabetes", near="PO1", radius_km=50, sort="distance")
    )
    # In-person groups within the radius, nearest first, then one people join online.
    assert names(results) == ["South Coast Type 1 Peers", "Soton T1 Walkers", "Manchester T1 Meet"]
    assert results.place is not None and results.place.name.startswith("PO1")


def test_it_never_lists_drafts(groups):
    assert "Draft T1 Group" not in names(search_groups(GroupSearch()))


def test_it_filters_by_trust_marker(groups):
    results = search_groups(GroupSearch(trust=["verified", "accredited", "ground_rules"]))
    assert names(results) == ["South Coast Type 1 Peers"]


def test_it_filters_by_language_and_condition(groups):
    results = search_groups(GroupSearch(language="pa"))
    assert names(results) == ["Pompey Type 2 Chat"]
    results = search_groups(GroupSearch(conditions=["type-2-diabetes"]))
    assert names(results) == ["Pompey Type 2 Chat"]


def test_it_says_when_a_place_is_unknown(client, groups):
    response = client.get(reverse("directory:search"), {"near": "Atlantis"})
    assert "We could not find “Atlantis”" in response.content.decode()


def test_it_shows_a_helpful_empty_state(client, groups):
    response = client.get(reverse("directory:search"), {"q": "zebra knitting"})
    body = response.content.decode()
    assert "0 groups found" in body
    assert "No groups match yet" in body


def test_it_labels_unverified_organisations_in_results(client, groups):
    response = client.get(reverse("directory:search"), {"q": "Soton"})
    assert "Not yet checked by Kindred" in response.content.decode()


def test_it_returns_only_the_results_fragment_to_htmx(client, groups):
    response = client.get(
        reverse("directory:search"), {"q": "type 1"}, headers={"HX-Request": "true"}
    )
    body = response.content.decode()
    assert "South Coast Type 1 Peers" in body
    assert "<html" not in body
    assert response["Vary"].count("HX-Request") >= 1


def test_it_paginates_with_shareable_urls(client, settings):
    settings.DIRECTORY_PAGE_SIZE = 2
    org = OrganisationFactory(verified=True)
    for n in range(5):
        make_group(organisation=org, name=f"Group {n}")
    response = client.get(reverse("directory:search"), {"q": "group", "page": 2})
    body = response.content.decode()
    assert "Page 2 of 3" in body
    assert "q=group&amp;page=3" in body
    assert "Group 2" in body


def test_it_ignores_nonsense_parameters(client, groups):
    response = client.get(
        reverse("directory:search"), {"radius": "far", "page": "x", "mode": "teleport"}
    )
    assert response.status_code == 200


def _bulk_groups(count):
    org = OrganisationFactory(verified=True)
    condition = Condition.objects.get(slug="type-1-diabetes")
    english = Language.objects.get(code="en")
    created = PeerGroup.objects.bulk_create(
        PeerGroup(
            organisation=org,
            name=f"Bulk {n}",
            slug=f"bulk-{n}",
            summary="s",
            description="d",
            form="group",
            model="peer_led",
            is_online=True,
            how_to_join="ask",
            status=GroupStatus.PUBLISHED,
            town="Portsmouth",
            latitude=50.8,
            longitude=-1.09,
            search_document=f"bulk {n} type 1 diabetes",
        )
        for n in range(count)
    )
    PeerGroup.conditions.through.objects.bulk_create(
        PeerGroup.conditions.through(peergroup_id=g.id, condition_id=condition.id) for g in created
    )
    PeerGroup.languages.through.objects.bulk_create(
        PeerGroup.languages.through(peergroup_id=g.id, language_id=english.id) for g in created
    )


@pytest.mark.parametrize("count", [10, 1000])
def test_the_search_page_runs_a_fixed_number_of_queries(client, count, django_assert_num_queries):
    _bulk_groups(count)
    params = {"q": "type 1 diabetes", "near": "Portsmouth", "mode": "online", "language": "en"}
    with django_assert_num_queries(6):
        response = client.get(reverse("directory:search"), params)
    assert response.status_code == 200


def test_it_suggests_places_as_the_visitor_types(client):
    response = client.get(reverse("directory:place-suggestions"), {"near": "Portsm"})
    assert '<option value="Portsmouth">' in response.content.decode()
    assert (
        client.get(reverse("directory:place-suggestions"), {"near": "x" * 500}).status_code == 200
    )
