"""People type conditions the way they say them ("sugar", "diabetic") or misspell them
("diabetis"): search still finds the groups, and offers "Did you mean ...?". Misspellings
are matched by trigram similarity: pg_trgm on PostgreSQL, the same measure in Python on
SQLite. An empty result's tips name only the filters that are set."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from kindred.conditions.models import Condition
from kindred.directory.models import Language
from kindred.directory.queries import GroupSearch, fuzzy_conditions, search_groups, split_query
from kindred.directory.tests.factories import OrganisationFactory, make_group

pytestmark = pytest.mark.django_db


@pytest.fixture
def groups():
    org = OrganisationFactory(verified=True)
    make_group(organisation=org, name="Pompey T1 Peers", conditions=["type-1-diabetes"])
    make_group(organisation=org, name="Solent T2 Walkers", conditions=["type-2-diabetes"])
    make_group(organisation=org, name="Breathe Easy Southsea", conditions=["asthma"])
    make_group(organisation=org, name="Low Days Club", conditions=["depression"])


def names(results):
    return {g.name for g in results.page.object_list}


def test_the_taxonomy_carries_everyday_names():
    t1 = Condition.objects.get(slug="type-1-diabetes")
    assert "sugar" in t1.search_names()
    assert "diabetic" in t1.search_names()
    assert "t1d" in t1.search_names()
    assert "sugar" in Condition.objects.get(slug="type-2-diabetes").plain_names
    assert "low mood" in Condition.objects.get(slug="depression").search_names()


def test_an_everyday_word_finds_every_condition_it_may_mean():
    conditions = list(Condition.objects.active())
    matched, rest = split_query("sugar walks", conditions)
    assert {c.slug for c in matched} == {"type-1-diabetes", "type-2-diabetes"}
    assert rest == ["walks"]
    matched, rest = split_query("Type 1 diabetes", conditions)
    assert [c.slug for c in matched] == ["type-1-diabetes"]


@pytest.mark.parametrize("q", ["sugar", "diabetic", "Diabetic"])
def test_it_finds_diabetes_groups_by_everyday_words(groups, q):
    assert names(search_groups(GroupSearch(q=q))) == {"Pompey T1 Peers", "Solent T2 Walkers"}


def test_it_finds_a_group_by_a_synonym(groups):
    assert names(search_groups(GroupSearch(q="low mood"))) == {"Low Days Club"}
    assert names(search_groups(GroupSearch(q="T1D"))) == {"Pompey T1 Peers"}


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("diabetis", "type-1-diabetes"),
        ("diabeties", "type-2-diabetes"),
        ("astma", "asthma"),
        ("epilepsey", "epilepsy"),
        ("parkinsns", "parkinsons-disease"),
        ("sclerosys", "multiple-sclerosis"),
    ],
)
def test_it_matches_misspelt_conditions(typed, meant):
    conditions = list(Condition.objects.active())
    assert meant in {c.slug for c in fuzzy_conditions([typed], conditions)}


@pytest.mark.parametrize("typed", ["zebra", "knitting", "walks", "lonely", "carers"])
def test_it_does_not_guess_from_ordinary_words(typed):
    assert fuzzy_conditions([typed], list(Condition.objects.active())) == []


def test_a_misspelling_finds_groups_and_offers_did_you_mean(client, groups):
    results = search_groups(GroupSearch(q="diabetis"))
    assert names(results) == {"Pompey T1 Peers", "Solent T2 Walkers"}
    assert results.corrected_from == "diabetis"
    body = client.get(reverse("directory:search"), {"q": "diabetis"}).content.decode()
    assert "Did you mean" in body
    assert '<a href="?q=Type+1+diabetes">Type 1 diabetes</a>' in body
    assert "Pompey T1 Peers" in body


def test_did_you_mean_keeps_the_other_filters(client, groups):
    body = client.get(
        reverse("directory:search"), {"q": "astma", "mode": "online"}
    ).content.decode()
    assert '<a href="?q=Asthma&amp;mode=online">Asthma</a>' in body
    assert "Breathe Easy Southsea" in body


def test_it_offers_nothing_for_words_that_match_groups(client, groups):
    body = client.get(reverse("directory:search"), {"q": "walkers"}).content.decode()
    assert "Solent T2 Walkers" in body
    assert "Did you mean" not in body


def test_the_empty_tips_name_only_the_filters_that_are_set(client, groups):
    make_group(name="Zebra Friends", is_online=True)
    body = client.get(reverse("directory:search"), {"q": "zebra knitting"}).content.decode()
    empty = body.split('class="empty-state"', 1)[1]
    assert "Check the spelling" in empty
    assert "Take away" not in empty
    assert "miles" not in empty
    assert "Did you mean" not in body

    punjabi = Language.objects.get(code="pa")
    make_group(name="Punjabi Circle", languages=[punjabi], is_online=True)
    body = client.get(
        reverse("directory:search"), {"q": "zebra", "language": "pa"}
    ).content.decode()
    empty = body.split('class="empty-state"', 1)[1]
    assert "Take away “Language: Punjabi” (1 group)" in empty
    assert "How it meets" not in empty


def test_with_no_filters_and_no_words_nothing_is_suggested(client):
    body = client.get(reverse("directory:search"), {"mode": "phone"}).content.decode()
    empty = body.split('class="empty-state"', 1)[1].split("</div>", 1)[0]
    assert "Check the spelling" not in empty
    assert "<li>" not in empty


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_on_postgresql_it_asks_pg_trgm():
    conditions = list(Condition.objects.active())
    with CaptureQueriesContext(connection) as ctx:
        found = fuzzy_conditions(["diabetis"], conditions)
    assert any("WORD_SIMILARITY" in q["sql"].upper() for q in ctx.captured_queries)
    assert "type-1-diabetes" in {c.slug for c in found}


def test_a_short_name_counts_only_in_capitals_or_on_its_own():
    conditions = list(Condition.objects.active())
    assert split_query("support near me", conditions) == ([], ["support", "near", "me"])
    matched, rest = split_query("ME support", conditions)
    assert [c.slug for c in matched] == ["mecfs"] and rest == ["support"]
    matched, _rest = split_query("ms", conditions)
    assert [c.slug for c in matched] == ["multiple-sclerosis"]
    matched, rest = split_query("t1 walks", conditions)
    assert [c.slug for c in matched] == ["type-1-diabetes"] and rest == ["walks"]
