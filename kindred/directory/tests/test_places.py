from datetime import UTC, datetime

import pytest

from kindred.directory.places import distance_km, find_place, suggest_places
from kindred.directory.schedules import build_rrule, describe, next_dates


def test_it_finds_a_town():
    place = find_place("Portsmouth")
    assert place is not None and place.country == "GB"
    assert distance_km(place.latitude, place.longitude, 50.80, -1.09) < 5


def test_it_prefers_the_asked_country():
    assert find_place("Perth", "AU").country == "AU"
    assert find_place("Perth", "GB").country == "GB"


@pytest.mark.parametrize("text", ["PO1", "po1 2ab", "PO4 9RX"])
def test_it_reads_a_uk_postcode_district(text):
    place = find_place(text)
    assert place is not None
    assert "Portsmouth" in place.name


def test_it_returns_nothing_for_unknown_places():
    assert find_place("Atlantis") is None
    assert find_place("") is None
    assert find_place("QQ1") is None


def test_it_suggests_towns_by_prefix():
    assert "Southampton" in [p.name for p in suggest_places("Southam")]
    assert suggest_places("S") == []


def test_it_builds_and_describes_rules():
    assert (
        build_rrule(frequency="monthly", weekday="SA", week_of_month=1) == "FREQ=MONTHLY;BYDAY=1SA"
    )
    assert build_rrule(frequency="fortnightly", weekday="TU") == "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU"
    assert describe("FREQ=MONTHLY;BYDAY=-1TH") == "The last Thursday of every month"
    assert describe("FREQ=WEEKLY;BYDAY=WE") == "Every Wednesday"
    assert describe("FREQ=YEARLY") == "Once a year"
    with pytest.raises(ValueError):
        build_rrule(frequency="hourly")


def test_it_expands_the_next_meetings():
    first = datetime(2026, 1, 3, 10, 0, tzinfo=UTC)  # a Saturday
    dates = next_dates("FREQ=MONTHLY;BYDAY=1SA", first, after=datetime(2026, 11, 22, tzinfo=UTC))
    assert [d.date().isoformat() for d in dates] == ["2026-12-05", "2027-01-02", "2027-02-06"]
