"""Every distance the directory shows is in miles (kindred/core/distance.py says so
once): the Distance box, the result summary and each group's "away"."""

import re

import pytest
from django.urls import reverse

from kindred.core import distance
from kindred.directory.tests.factories import OrganisationFactory, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    org = OrganisationFactory(verified=True)
    make_group(organisation=org, name="Pompey Peers", town="Portsmouth", is_in_person=True)
    make_group(organisation=org, name="Soton Peers", town="Southampton", is_in_person=True)


def test_it_says_which_unit_in_one_place():
    assert distance.UNIT == "miles"
    assert distance.km_to_miles(distance.miles_to_km(15)) == pytest.approx(15)
    assert distance.miles_to_km(1) == pytest.approx(1.609344)


def test_it_shows_every_distance_on_the_search_page_in_miles(client, groups):
    url = reverse("directory:search")
    body = client.get(url, {"near": "Portsmouth", "sort": "distance"}).content.decode()
    assert re.search(r"\bkm\b", body) is None
    assert '<option value="20" selected>20 miles</option>' in body
    assert "within 20 miles of Portsmouth" in body
    assert "Less than 1 mile away" in body
    assert "15 miles away" in body  # Southampton is about 24.5 km from Portsmouth


def test_it_searches_the_distance_chosen_in_miles(client, groups):
    # 10 miles is 16 km: Southampton (24.5 km away) is outside it, inside 30 miles.
    near = {"near": "Portsmouth", "mode": "in_person"}
    body = client.get(reverse("directory:search"), {**near, "radius": "10"}).content.decode()
    assert "Pompey Peers" in body and "Soton Peers" not in body
    body = client.get(reverse("directory:search"), {**near, "radius": "30"}).content.decode()
    assert "Soton Peers" in body
    assert "within 30 miles of Portsmouth" in body


def test_it_uses_miles_on_the_home_page_search_too(client, groups):
    # A search from the home page has no distance; the one used is shown and kept.
    body = client.get(reverse("directory:search"), {"near": "PO1"}).content.decode()
    assert f"within {distance.DEFAULT_RADIUS_MILES} miles of PO1" in body
