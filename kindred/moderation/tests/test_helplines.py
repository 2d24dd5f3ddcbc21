"""Crisis helplines per country: what a member in crisis sees first."""

from __future__ import annotations

import pytest

from kindred.screening.helplines import HelplineKind, countries, helplines_for


@pytest.mark.parametrize(
    ("country", "emergency", "crisis"),
    [
        ("GB", "999", "116 123"),
        ("AU", "000", "13 11 14"),
        ("US", "911", "988"),
        ("IE", "112 or 999", "116 123"),
        ("NZ", "111", "1737"),
    ],
)
def test_it_lists_the_emergency_number_first(country: str, emergency: str, crisis: str) -> None:
    lines = helplines_for(country)
    assert lines[0].kind == HelplineKind.EMERGENCY
    assert lines[0].number == emergency
    assert crisis in [h.number for h in lines if h.kind == HelplineKind.CRISIS]


def test_it_offers_shout_by_text_in_the_uk() -> None:
    shout = [h for h in helplines_for("gb") if h.kind == HelplineKind.TEXT]
    assert [h.number for h in shout] == ["85258"]
    assert "SHOUT" in shout[0].how


def test_it_accepts_uk_for_gb() -> None:
    assert helplines_for("UK") == helplines_for("GB")


def test_it_never_shows_another_countrys_numbers() -> None:
    assert helplines_for("FR") == []


def test_every_country_has_an_emergency_number_and_a_crisis_line() -> None:
    for country in countries():
        kinds = {h.kind for h in helplines_for(country)}
        assert {HelplineKind.EMERGENCY, HelplineKind.CRISIS} <= kinds, country


def test_tel_is_digits_only() -> None:
    samaritans = next(h for h in helplines_for("GB") if h.name == "Samaritans")
    assert samaritans.tel == "116123"
