"""GET /api/v1/organizations/{id}: an organisation with its published groups."""

import uuid

import pytest

from kindred.api.tests.hsds_schema import assert_no_empty_fields, assert_valid, openapi_response


def url(organisation_or_id):
    return f"/api/v1/organizations/{getattr(organisation_or_id, 'public_id', organisation_or_id)}"


def test_it_answers_valid_hsds_with_only_published_groups(client, directory):
    response = client.get(url(directory.cast.organisation))
    assert response.status_code == 200
    organization = response.json()
    assert_valid(openapi_response("/organizations/{id}"), organization)
    assert_valid("compiled/organization.json", organization)
    assert_no_empty_fields(organization)
    assert [s["name"] for s in organization["services"]] == ["Pompey T1 Peers", "Soton Walkers"]
    assert organization["organization_identifiers"][0]["identifier"] == "1234567"


def test_it_keeps_the_organisations_own_contact_details_private(client, directory):
    # The organisation page does not show them, so neither does the API.
    organization = client.get(url(directory.cast.organisation)).json()
    assert "office@southcoast-t1.example.org" not in str(organization)
    assert "023 9200 0000" not in str(organization)


def test_it_still_keeps_signed_in_contact_details_out_of_its_groups(client, directory):
    client.force_login(directory.cast.outsider)
    organization = client.get(url(directory.carers.organisation)).json()
    assert "carers@memory.example.org" not in str(organization)


@pytest.mark.parametrize("public_id", [uuid.uuid4(), "not-a-uuid"])
def test_it_answers_404_for_unknown_ids(client, directory, public_id):
    response = client.get(url(public_id))
    assert response.status_code == 404
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_it_runs_a_fixed_number_of_queries(client, directory, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        assert client.get(url(directory.cast.organisation)).status_code == 200
