"""A hidden (invitation-only) group leaves no trace anywhere the public looks: not in a
list, a count, a filter's choices, a suggestion, the API or schema.org data.

The group gets a condition, a language, a town and name words that no listed group has,
so any page that counts or lists it gives it away. Every public page is fetched before
and after the hidden group exists, and must read the same."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kindred.community import services as community_services
from kindred.directory.models import Language, PeerGroup
from kindred.directory.tests.factories import OrganisationFactory, make_group

pytestmark = pytest.mark.django_db

HIDDEN_NAME = "Quokka Lantern Circle"
HIDDEN_WORDS = ["quokka", "lantern"]
HIDDEN_CONDITION = "lupus"  # no listed group is about lupus
HIDDEN_LANGUAGE = "so"  # nor meets in Somali
HIDDEN_TOWN = "Inverness"  # nor is based in Inverness


def _listed_groups(cast) -> None:  # type: ignore[no-untyped-def]
    english = Language.objects.get(code="en")
    make_group(
        organisation=cast.organisation,
        name="South Coast Type 1 Peers",
        town="Portsmouth",
        is_in_person=True,
        languages=[english],
    )
    make_group(
        organisation=cast.organisation,
        name="Low Mood Online",
        conditions=["depression"],
        is_online=True,
        is_phone=True,
    )


def _hidden_group(cast) -> PeerGroup:  # type: ignore[no-untyped-def]
    group = make_group(
        organisation=_hidden_groups_organisation(),
        name=HIDDEN_NAME,
        summary="Quokka lantern evenings for people with lupus.",
        conditions=[HIDDEN_CONDITION, "depression"],
        languages=[Language.objects.get(code=HIDDEN_LANGUAGE)],
        town=HIDDEN_TOWN,
        is_in_person=True,
        is_online=True,
        is_phone=True,
        leaders_accredited=True,
        accreditation_details="Lantern course",
        ground_rules="Be kind.",
        online_moderated=True,
        safe_space=True,
        privacy_protected=True,
        contact_visibility="public",
        contact_email="quokka@example.org",
    )
    community_services.space_open(group=group, leader=cast.peer_leader, visibility="hidden")
    return group


def _hidden_groups_organisation():  # type: ignore[no-untyped-def]
    # Its organisation is public (it may run listed groups too); only the group is hidden.
    return OrganisationFactory(name="Northern Lights Trust", verified=True)


def _public_urls(cast) -> list[tuple[str, dict[str, object]]]:  # type: ignore[no-untyped-def]
    """Every public page and endpoint that lists, counts, filters or suggests groups,
    with every filter the search page offers."""
    search = reverse("directory:search")
    api = "/api/v1"
    urls: list[tuple[str, dict[str, object]]] = [
        (reverse("home"), {}),
        (search, {}),
        (search, {"q": "lupus"}),
        (search, {"q": "quokka lantern"}),
        (search, {"q": "Quokka Lantern Circle"}),
        # "Did you mean" and the empty-state tips count groups too.
        (search, {"q": "lupas"}),
        (search, {"q": "quokkas lanterns"}),
        (search, {"q": "zebra", "language": HIDDEN_LANGUAGE, "near": HIDDEN_TOWN, "radius": "1"}),
        (search, {"q": "lantern", "mode": "in_person", "near": "Nairn", "radius": "5"}),
        (search, {"q": "lantern", "mode": "phone", "language": "en"}),
        (search, {"condition": HIDDEN_CONDITION}),
        (search, {"condition": "depression"}),
        (search, {"language": HIDDEN_LANGUAGE}),
        (search, {"near": HIDDEN_TOWN}),
        (search, {"near": HIDDEN_TOWN, "radius": "60", "sort": "distance"}),
        (search, {"near": "IV2"}),
        (search, {"audience": "living_with"}),
        (search, {"audience": "carers"}),
        (search, {"sort": "name"}),
        (reverse("directory:place-suggestions"), {"near": "Invern"}),
        (reverse("directory:organisation-detail", args=[cast.organisation.slug]), {}),
        (reverse("directory:organisation-detail", args=["northern-lights-trust"]), {}),
        (f"{api}/", {}),
        (f"{api}/services", {"per_page": 100}),
        (f"{api}/services", {"search": "quokka"}),
        (f"{api}/services", {"condition": HIDDEN_CONDITION}),
        (f"{api}/services", {"condition": "depression"}),
        (f"{api}/services", {"language": HIDDEN_LANGUAGE}),
        (f"{api}/services", {"near": HIDDEN_TOWN}),
        (f"{api}/taxonomies", {}),
        (f"{api}/taxonomy_terms", {}),
        ("/sitemap.xml", {}),
        ("/robots.txt", {}),
    ]
    for mode in ["online", "in_person", "phone"]:
        urls.append((search, {"mode": mode}))
        urls.append((search, {"mode": mode, "near": HIDDEN_TOWN}))
        urls.append((f"{api}/services", {"mode": mode}))
    for form in ["group", "buddy", "one_to_one", "self_management", "group_consultation"]:
        urls.append((search, {"form": form}))
    for model in ["peer_led", "informal", "professional"]:
        urls.append((search, {"model": model}))
    for marker in ["verified", "accredited", "ground_rules", "moderated", "safe_space", "privacy"]:
        urls.append((search, {"trust": marker}))
        urls.append((f"{api}/services", {"trust": marker}))
    return urls


_VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
]


def _read(client, url: str, params: dict[str, object]) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    response = client.get(url, params)
    body = response.content.decode()
    for pattern in _VOLATILE:
        body = pattern.sub("", body)
    return response.status_code, body


def test_it_leaves_no_trace_of_a_hidden_group_on_any_public_page(client, cast):
    _listed_groups(cast)
    _hidden_groups_organisation()
    urls = _public_urls(cast)
    before = {(url, repr(params)): _read(client, url, params) for url, params in urls}

    hidden = _hidden_group(cast)

    somali = Language.objects.get(code=HIDDEN_LANGUAGE).name
    for url, params in urls:
        status, body = _read(client, url, params)
        where = f"{url} {params}"
        assert (status, body) == before[(url, repr(params))], f"{where} changed"
        # Beyond "nothing changed": no page names it, unless it echoes what was typed.
        asked = repr(params).lower() + (HIDDEN_TOWN.lower() if "near" in params else "")
        lowered = body.lower()
        for word in [*HIDDEN_WORDS, HIDDEN_TOWN.lower()]:
            if word not in asked and "/places/" not in url:
                assert word not in lowered, f"{where} mentions {word!r}"
        assert "quokka@example.org" not in body, where
        assert str(hidden.public_id) not in body, where
        assert f">{somali}<" not in body, f"{where} offers {somali}"

    # Its own page and API entry do not confirm it exists.
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(f"/api/v1/services/{hidden.public_id}").status_code == 404


def test_it_counts_only_listed_groups_for_each_condition_on_the_home_page(client, cast):
    _listed_groups(cast)
    _hidden_group(cast)
    body = client.get(reverse("home")).content.decode()
    assert "Depression (1)" in body
    assert "Lupus" not in body
    assert "There are 2 groups to choose from." in body


def test_it_offers_only_languages_that_listed_groups_use(client, cast):
    _listed_groups(cast)
    _hidden_group(cast)
    body = client.get(reverse("directory:search")).content.decode()
    assert '<option value="en">English</option>' in body
    assert f'<option value="{HIDDEN_LANGUAGE}"' not in body
