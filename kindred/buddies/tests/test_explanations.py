"""Why a pair was proposed, written for whoever reads it: "you" for the two people in
the match, and the names they use on Kindred (or "both people") for the coordinator.

Mina is expecting a baby and newly diagnosed; Sara has lived with type 1 for years and
had a baby; Olu coordinates."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from kindred.buddies import matching, services
from kindred.buddies.matching import Labels, Person, Role
from kindred.buddies.models import Match
from kindred.buddies.tests.factories import make_person, make_programme, proposed_match
from kindred.core.tests.cast import login_with_second_factor
from kindred.directory.models import Language

pytestmark = pytest.mark.django_db

SECOND_PERSON = re.compile(r"\b(you|your|yours|yourself)\b", re.IGNORECASE)


@pytest.fixture
def programme(cast):
    return make_programme(organisation=cast.organisation, coordinator=cast.org_admin)


@pytest.fixture
def match(cast, programme) -> Match:
    sara = make_person("Sara")
    shared = {
        "shown_to_buddy": ["diagnosis_year", "life_events", "languages", "interests", "age"],
        "interests": ["walking"],
        "birth_year": 1994,
        "language_ids": [Language.objects.get(code="en").pk, Language.objects.get(code="pa").pk],
    }
    return proposed_match(programme, cast.member, sara, **shared)


def test_the_coordinator_reads_the_reasons_in_the_third_person(match):
    lines = services.explanation_for(match, None)

    assert lines[0] == "Both people live with type 1 diabetes"
    assert "Both people are expecting a baby or have a new baby" in lines
    assert "Both people speak English and Punjabi" in lines
    assert "Both people enjoy walking" in lines
    assert "Sara was diagnosed 12 years before Mina" in lines
    assert "Sara can help with the things Mina asked about" in lines
    for line in lines:
        assert not SECOND_PERSON.search(line), line


def test_each_person_reads_the_reasons_to_them(match, cast):
    seeker_lines = services.explanation_for(match, cast.member)
    supporter_lines = services.explanation_for(match, match.supporter.user)

    assert seeker_lines[0] == supporter_lines[0] == "You both live with type 1 diabetes"
    assert "They were diagnosed 12 years before you" in seeker_lines
    assert "You were diagnosed 12 years before them" in supporter_lines
    assert "They can help with the things you asked about" in seeker_lines
    assert "You can help with the things they asked about" in supporter_lines
    for line in [*seeker_lines, *supporter_lines]:
        assert "Mina" not in line and "Sara" not in line and "Both people" not in line


def test_the_coordinators_page_shows_the_third_person(client, cast, match):
    login_with_second_factor(client, cast.org_admin)
    body = unescape(
        client.get(reverse("buddies:coordinate", args=[match.programme.slug])).content.decode()
    )
    assert "Both people live with type 1 diabetes" in body
    assert "Sara was diagnosed 12 years before Mina" in body
    assert "You both" not in body


def test_the_match_page_speaks_to_the_person(client, cast, match):
    match = services.match_approve(match=match, by=cast.org_admin)
    login_with_second_factor(client, cast.member)
    body = unescape(client.get(match.get_absolute_url()).content.decode())
    assert "You both live with type 1 diabetes" in body
    assert "Both people" not in body


def test_a_new_name_shows_in_the_coordinators_reasons(match, cast):
    """Names are filled in when the coordinator reads them, so a changed display name
    shows, and a name that looks like a placeholder stays as typed."""
    cast.member.display_name = "Mina {supporter}"
    cast.member.save()
    match = Match.objects.select_related("seeker__user", "supporter__user").get(pk=match.pk)
    assert "Sara was diagnosed 12 years before Mina {supporter}" in services.explanation_for(
        match, None
    )


def test_the_matcher_writes_every_reason_in_three_voices():
    seeker = Person(
        id=1,
        role=Role.SEEKER,
        condition_slugs=frozenset({"t1"}),
        diagnosis_year=2020,
        age=30,
        languages=frozenset({"pa"}),
        life_events=frozenset({"baby"}),
        treatments=frozenset({"cgm"}),
        interests=frozenset({"walking"}),
        values=frozenset({"family"}),
        cultural_background="punjabi",
        religion="sikh",
        latitude=0.8,
        longitude=-0.02,
        contact_modes=frozenset({"in_person"}),
        needs_text="night feeds with a new baby",
    )
    supporter = Person(
        id=2,
        role=Role.SUPPORTER,
        condition_slugs=frozenset({"t1"}),
        diagnosis_year=2010,
        age=32,
        languages=frozenset({"pa"}),
        life_events=frozenset({"baby"}),
        treatments=frozenset({"cgm"}),
        interests=frozenset({"walking"}),
        values=frozenset({"family"}),
        cultural_background="punjabi",
        religion="sikh",
        latitude=0.8,
        longitude=-0.02,
        contact_modes=frozenset({"in_person"}),
        offers_text="night feeds with a new baby",
    )
    rules = matching.Programme(condition_slugs=frozenset({"t1"}))
    labels = Labels(life_events={"baby": "are expecting a baby"})
    for mutual in (False, True):
        if mutual:
            rules = matching.Programme(
                condition_slugs=frozenset({"t1"}), pairing=matching.Pairing.MUTUAL
            )
        reasons = matching.score(seeker, supporter, rules, labels=labels).reasons
        assert len(reasons) >= 10
        for reason in reasons:
            assert SECOND_PERSON.search(reason.for_seeker), reason
            assert SECOND_PERSON.search(reason.for_supporter), reason
            about_them = reason.for_coordinator.replace(matching.SEEKER_NAME, "Mina").replace(
                matching.SUPPORTER_NAME, "Sara"
            )
            assert not SECOND_PERSON.search(about_them), reason
            assert about_them[:1].isupper() and "{" not in about_them, reason
