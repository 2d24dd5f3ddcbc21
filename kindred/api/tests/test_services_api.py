"""GET /api/v1/services: the directory search as a page of HSDS services."""

import pytest

from kindred.api.tests.hsds_schema import (
    assert_no_empty_fields,
    assert_valid,
    openapi_response,
    validator,
)
from kindred.directory import services
from kindred.directory.models import Language, Venue
from kindred.directory.tests.factories import OrganisationFactory, make_group

URL = "/api/v1/services"


def names(response):
    return [service["name"] for service in response.json()["contents"]]


def test_it_lists_published_groups_as_valid_hsds(client, directory):
    response = client.get(URL)
    assert response.status_code == 200
    page = response.json()
    # The page as openapi.json describes it: a Page whose contents are service_list items.
    assert_valid(openapi_response("/services"), page)
    full_service = validator("compiled/service.json")
    for service in page["contents"]:
        assert_valid(full_service, service)
        assert_no_empty_fields(service)
        # Open Referral UK's minimum for every service.
        assert {"id", "organization_id", "name", "status"} <= service.keys()
    assert names(response) == ["Pompey T1 Peers", "Quiet Carers Circle", "Soton Walkers"]


def test_it_never_lists_drafts_or_archived_groups(client, directory):
    listed = names(client.get(URL, {"per_page": 100}))
    assert "Draft T1 Group" not in listed
    assert "Old T1 Group" not in listed


def test_it_never_lists_contact_details_kept_for_signed_in_people(client, directory):
    # Mina is signed in, but the open API answers everyone the same.
    client.force_login(directory.cast.member)
    contents = client.get(URL).json()["contents"]
    by_name = {s["name"]: s for s in contents}
    assert "email" not in by_name["Quiet Carers Circle"]
    assert "phones" not in by_name["Quiet Carers Circle"]
    assert "email" not in by_name["Soton Walkers"]
    assert by_name["Pompey T1 Peers"]["email"] == "hello@pompey-t1.example.org"


def test_it_is_open_to_any_origin(client, directory):
    assert client.get(URL).headers["Access-Control-Allow-Origin"] == "*"
    assert client.get(URL, {"per_page": 1000}).headers["Access-Control-Allow-Origin"] == "*"


def test_it_searches_free_text(client, directory):
    assert names(client.get(URL, {"search": "walks"})) == ["Soton Walkers"]
    assert names(client.get(URL, {"search": "type 1 diabetes"})) == [
        "Pompey T1 Peers",
        "Soton Walkers",
    ]


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"condition": "dementia"}, ["Quiet Carers Circle"]),
        (
            {"condition": ["dementia", "type-1-diabetes"]},
            ["Pompey T1 Peers", "Quiet Carers Circle", "Soton Walkers"],
        ),
        ({"mode": "phone"}, ["Quiet Carers Circle"]),
        ({"mode": ["online", "phone"]}, ["Pompey T1 Peers", "Quiet Carers Circle"]),
        ({"form": "one_to_one"}, ["Quiet Carers Circle"]),
        ({"model": "informal"}, ["Soton Walkers"]),
        ({"audience": "carers"}, ["Quiet Carers Circle"]),
        ({"language": "pa"}, ["Pompey T1 Peers"]),
        ({"trust": ["ground_rules", "moderated"]}, ["Pompey T1 Peers"]),
        ({"near": "Southampton", "radius_km": 5, "mode": "in_person"}, ["Soton Walkers"]),
        (
            {"near": "PO1", "radius_km": 50, "mode": "in_person"},
            ["Pompey T1 Peers", "Soton Walkers"],
        ),
        # Groups people join online match wherever the person is, after the nearby ones.
        (
            {"near": "Southampton", "radius_km": 5},
            ["Soton Walkers", "Pompey T1 Peers", "Quiet Carers Circle"],
        ),
    ],
)
def test_it_filters_like_the_search_page(client, directory, params, expected):
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    assert names(response) == expected


def test_it_pages_through_results(client, directory):
    first = client.get(URL, {"per_page": 2}).json()
    assert {k: v for k, v in first.items() if k != "contents"} == {
        "total_items": 3,
        "total_pages": 2,
        "page_number": 1,
        "size": 2,
        "first_page": True,
        "last_page": False,
        "empty": False,
    }
    second = client.get(URL, {"per_page": 2, "page": 2}).json()
    assert [s["name"] for s in second["contents"]] == ["Soton Walkers"]
    assert (second["page_number"], second["size"], second["first_page"], second["last_page"]) == (
        2,
        1,
        False,
        True,
    )


def test_it_answers_an_empty_page_past_the_end(client, directory):
    page = client.get(URL, {"per_page": 2, "page": 9}).json()
    assert page["contents"] == []
    assert (page["page_number"], page["size"], page["empty"], page["total_items"]) == (
        9,
        0,
        True,
        3,
    )
    assert_valid(openapi_response("/services"), page)


def test_it_answers_an_empty_page_when_nothing_matches(client, directory):
    page = client.get(URL, {"search": "zebra"}).json()
    assert (page["total_items"], page["size"], page["empty"]) == (0, 0, True)


@pytest.mark.parametrize(
    ("params", "bad"),
    [
        ({"per_page": 1000}, "per_page"),
        ({"per_page": 0}, "per_page"),
        ({"page": -1}, "page"),
        ({"page": "two"}, "page"),
        ({"radius_km": 500}, "radius_km"),
        ({"mode": "teleport"}, "mode"),
        ({"form": "retreat"}, "form"),
        ({"model": "robots"}, "model"),
        ({"audience": "everyone"}, "audience"),
        ({"trust": "magic"}, "trust"),
        ({"condition": "type-1-diabetis"}, "condition"),
        ({"language": "xx"}, "language"),
        ({"near": "Atlantis"}, "near"),
    ],
)
def test_it_refuses_bad_parameters_clearly(client, directory, params, bad):
    response = client.get(URL, params)
    assert response.status_code == 422
    assert response.headers["Content-Type"] == "application/json; charset=utf-8"
    errors = response.json()["detail"]
    assert any(bad in error["loc"] for error in errors), errors
    assert all(error["msg"] for error in errors)
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def _fill_directory(how_many):
    organisation = OrganisationFactory(verified=True)
    english = Language.objects.get(code="en")
    for n in range(how_many):
        group = make_group(
            organisation=organisation,
            name=f"Group {n:03}",
            town="Portsmouth",
            is_in_person=True,
            conditions=["type-1-diabetes", "type-2-diabetes"],
            languages=[english],
            contact_visibility="public",
            contact_email=f"group{n}@example.org",
        )
        venue = services.venue_save(venue=Venue(group=group, name="Hall", town="Portsmouth"))
        services.schedule_save(
            group=group,
            title="Meet-up",
            rrule="FREQ=WEEKLY;BYDAY=TU",
            first_meeting=group.created_at,
            duration_minutes=60,
            venue=venue,
        )


# Conditions, language check, count, the page, and its conditions, languages, venues,
# schedules (each schedule with its venue) and ground rules' version numbers: nine,
# however big the directory or the page.
MAX_QUERIES = 9


@pytest.mark.django_db
def test_it_runs_the_same_few_queries_however_many_groups(client, django_assert_max_num_queries):
    params = {"per_page": 100, "search": "diabetes", "near": "Portsmouth", "language": "en"}
    counts = []
    for added, total in ((5, 5), (45, 50)):
        _fill_directory(added)
        with django_assert_max_num_queries(MAX_QUERIES) as captured:
            response = client.get(URL, params)
        assert response.json()["size"] == total
        counts.append(len(captured))
    assert counts[0] == counts[1]


@pytest.mark.parametrize(
    "empty",
    [
        "trust",
        "condition",
        "mode",
        "form",
        "model",
        "audience",
        "language",
        "near",
        "page",
        "per_page",
        "radius_km",
    ],
)
def test_it_treats_an_empty_filter_as_no_filter(client, directory, empty):
    # A search form sends every field, filled in or not: `?trust=&near=` means "any".
    response = client.get(URL, {empty: ""})
    assert response.status_code == 200, response.json()
    assert names(response) == names(client.get(URL))


def test_it_ignores_empty_repeats_beside_real_values(client, directory):
    response = client.get(URL, {"trust": ["", "safe_space"], "mode": ["", "phone"]})
    assert response.status_code == 200, response.json()
    assert names(response) == names(client.get(URL, {"trust": "safe_space", "mode": "phone"}))
