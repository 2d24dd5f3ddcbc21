"""GET /api/v1/services/{id}: one peer support group as a fully nested HSDS service."""

import uuid

import pytest

from kindred.api.tests.hsds_schema import assert_no_empty_fields, assert_valid, openapi_response
from kindred.conditions.models import Condition
from kindred.directory.tests.factories import make_group


def url(group_or_id):
    return f"/api/v1/services/{getattr(group_or_id, 'public_id', group_or_id)}"


def get_service(client, group):
    response = client.get(url(group))
    assert response.status_code == 200, response.content
    return response.json()


@pytest.mark.parametrize("name", ["pompey", "carers", "walkers"])
def test_it_answers_valid_hsds_with_no_empty_fields(client, directory, name):
    service = get_service(client, getattr(directory, name))
    assert_valid(openapi_response("/services/{id}"), service)
    assert_valid("compiled/service.json", service)
    assert_no_empty_fields(service)


def test_it_carries_everything_a_link_worker_needs(client, directory):
    pompey, venue = directory.pompey, directory.venue
    service = get_service(client, pompey)
    assert service["id"] == str(pompey.public_id)
    assert (
        service["organization_id"]
        == service["organization"]["id"]
        == str(directory.cast.organisation.public_id)
    )
    assert service["status"] == "active"
    assert service["url"].endswith("/groups/pompey-t1-peers/")
    assert service["application_process"] == pompey.how_to_join
    assert service["eligibility_description"] == (
        "It is for people who live with Type 1 diabetes. It is for ages 18 to 30. "
        "It is for women only. It is mainly for South Asian women."
    )
    assert (service["minimum_age"], service["maximum_age"]) == (18, 30)
    assert service["fees_description"] == "Free"
    assert service["accreditations"] == "Diabetes UK peer leader course"
    assert [lang["code"] for lang in service["languages"]] == ["en", "pa"]
    assert [area["name"] for area in service["service_areas"]] == ["Portsmouth"]

    [place] = service["service_at_locations"]
    location = place["location"]
    assert location["id"] == place["location_id"] == str(venue.public_id)
    assert location["location_type"] == "physical"
    assert location["latitude"] == pytest.approx(venue.latitude)
    assert location["longitude"] == pytest.approx(venue.longitude)
    [address] = location["addresses"]
    assert {
        k: address[k] for k in ("address_1", "city", "postal_code", "country", "address_type")
    } == {
        "address_1": "1 Castle Road",
        "city": "Portsmouth",
        "postal_code": "PO5 3DE",
        "country": "GB",
        "address_type": "physical",
    }
    assert location["accessibility"][0]["description"] == "Step-free access"
    assert location["accessibility"][0]["details"] == "Lift to the first floor."
    # The venue's own meeting patterns sit with it, as well as on the service.
    assert [s["description"].split(":")[0] for s in place["schedules"]] == [
        "Monthly meet-up",
        "Summer conference",
    ]


def test_it_turns_repeat_rules_into_hsds_schedules(client, directory):
    monthly, fortnightly, yearly = get_service(client, directory.pompey)["schedules"]
    assert {
        k: monthly[k]
        for k in ("freq", "byday", "dtstart", "opens_at", "closes_at", "attending_type")
    } == {
        "freq": "MONTHLY",
        "byday": "1SA",
        "dtstart": "2025-03-01",
        "opens_at": "10:30+00:00",
        "closes_at": "12:00+00:00",
        "attending_type": "In person",
    }
    assert (
        monthly["description"]
        == "Monthly meet-up: The first Saturday of every month, 10:30 to 12:00"
    )
    assert monthly["location_id"] == str(directory.venue.public_id)
    assert (fortnightly["freq"], fortnightly["interval"], fortnightly["byday"]) == (
        "WEEKLY",
        2,
        "WE",
    )
    # British Summer Time: the offset is the first meeting's.
    assert (fortnightly["opens_at"], fortnightly["closes_at"]) == ("18:30+01:00", "19:30+01:00")
    assert fortnightly["attending_type"] == "Online"
    assert "location_id" not in fortnightly
    # HSDS has no yearly frequency: the sentence and the first date carry it.
    assert "freq" not in yearly and "byday" not in yearly
    assert yearly["description"] == "Summer conference: Once a year, 09:00 to 16:00"
    assert yearly["dtstart"] == "2025-07-12"


def test_it_codes_conditions_in_snomed_ct(client, directory):
    attributes = get_service(client, directory.pompey)["attributes"]
    [condition] = [a for a in attributes if a["link_type"] == "condition"]
    term = condition["taxonomy_term"]
    assert (term["code"], term["name"], term["taxonomy"]) == (
        "46635009",
        "Type 1 diabetes",
        "SNOMED CT",
    )
    assert term["term_uri"] == "http://snomed.info/id/46635009"
    assert condition["taxonomy_term_id"] == term["id"]
    assert condition["link_id"] == str(directory.pompey.public_id)


def test_it_uses_kindreds_own_term_for_a_condition_without_a_snomed_code(client, directory):
    Condition.objects.create(name="Rare thing", slug="rare-thing", category="other")
    group = make_group(name="Rare Thing Friends", conditions=["rare-thing"])
    service = get_service(client, group)
    assert_valid("compiled/service.json", service)
    [condition] = [a for a in service["attributes"] if a["link_type"] == "condition"]
    assert condition["taxonomy_term"]["code"] == "rare-thing"
    assert condition["taxonomy_term"]["taxonomy"] == "Kindred conditions"
    assert "term_uri" not in condition["taxonomy_term"]


def test_it_lists_the_support_type_and_the_trust_markers_met(client, directory):
    attributes = get_service(client, directory.walkers)["attributes"]
    codes = {(a["link_type"], a["taxonomy_term"]["code"]) for a in attributes}
    assert ("support_form", "form/group") in codes
    assert ("support_model", "model/informal") in codes
    # Soton Walkers' organisation is checked, but it has no written ground rules.
    assert ("trust_marker", "verified") in codes
    assert ("trust_marker", "ground_rules") not in codes


def test_it_gives_the_same_ids_every_time(client, directory):
    assert get_service(client, directory.pompey) == get_service(client, directory.pompey)


def test_it_shows_contact_details_the_organisation_made_public(client, directory):
    service = get_service(client, directory.pompey)
    assert service["email"] == "hello@pompey-t1.example.org"
    assert [p["number"] for p in service["phones"]] == ["023 9200 0001"]


@pytest.mark.parametrize("who", [None, "member", "outsider"])
def test_it_never_shows_contact_details_kept_for_signed_in_people(client, directory, who):
    if who:
        client.force_login(getattr(directory.cast, who))
    service = get_service(client, directory.carers)
    assert "email" not in service
    assert "phones" not in service
    assert "carers@memory.example.org" not in str(service)


def test_it_never_shows_hidden_contact_details(client, directory):
    service = get_service(client, directory.walkers)
    assert "email" not in service
    assert "walks@example.org" not in str(service)


def test_it_never_shows_the_organisations_private_email_or_phone(client, directory):
    text = str(get_service(client, directory.pompey))
    assert "office@southcoast-t1.example.org" not in text
    assert "023 9200 0000" not in text


@pytest.mark.parametrize("name", ["draft", "archived"])
def test_it_refuses_drafts_and_archived_groups_to_an_outsider(client, directory, name):
    # Oscar is signed in with no role anywhere: a draft must not even confirm it exists.
    client.force_login(directory.cast.outsider)
    response = client.get(url(getattr(directory, name)))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_it_refuses_a_draft_even_to_its_own_organisation_admin(client, directory):
    # The open API only ever publishes; Olu edits drafts on the site, not here.
    client.force_login(directory.cast.org_admin)
    assert client.get(url(directory.draft)).status_code == 404


@pytest.mark.parametrize("public_id", [uuid.uuid4(), "not-a-uuid", "1"])
def test_it_answers_404_for_unknown_ids(client, directory, public_id):
    response = client.get(url(public_id))
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_it_is_open_to_any_origin(client, directory):
    assert client.get(url(directory.pompey)).headers["Access-Control-Allow-Origin"] == "*"


def test_it_runs_a_fixed_number_of_queries(client, directory, django_assert_max_num_queries):
    # The group with its organisation, then conditions, languages, venues, schedules
    # and which versions of ground rules it has.
    with django_assert_max_num_queries(6):
        assert client.get(url(directory.pompey)).status_code == 200
