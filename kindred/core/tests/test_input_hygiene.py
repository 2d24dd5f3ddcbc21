"""Input no database can store is refused with a clear 400, never a 500: a NUL character
in any address, query parameter, form field or JSON body, on every page and API route.
Bytes that are not UTF-8 are read as replacement characters and never break a page."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from kindred.community import services
from kindred.community.tests.factories import Community, make_community

pytestmark = pytest.mark.django_db

NUL_MESSAGE = "a NUL character"


def _patterns(resolver: URLResolver, prefix: str = "") -> Iterator[str]:
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def _addresses(slug: str, topic_id: int) -> list[str]:
    """Every page address Kindred serves, its parameters filled with real ones."""
    found = set()
    for route in _patterns(get_resolver()):
        if route.startswith(("admin/", "^", "api/")) or "(?P" in route:
            continue
        route = re.sub(r"<slug:\w+>", slug, route)
        route = re.sub(r"<int:\w+>", str(topic_id), route)
        route = re.sub(r"<(?:str:)?\w+>", "x", route)
        found.add("/" + route.lstrip("^").rstrip("$"))
    return sorted(found)


@pytest.fixture
def community(cast) -> tuple[Community, int]:
    community = make_community(cast, name="South Coast T1")
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Pump site rash", body="Any tips?"
    ).post
    return community, topic.pk


@pytest.fixture
def leader_client(cast) -> Client:
    client = Client()
    client.force_login(cast.peer_leader)
    return client


def test_every_page_refuses_a_nul_in_its_query_and_form_with_a_400(leader_client, community):
    addresses = _addresses(community[0].group.slug, community[1])
    assert len(addresses) > 40  # The walk found Kindred's pages, not a handful.
    for address in addresses:
        answer = leader_client.get(address, {"q": "a\x00b", "page": "\x00"})
        assert answer.status_code == 400, address
        assert NUL_MESSAGE in answer.content.decode(), address
        answer = leader_client.post(address, {"body": "hello\x00", "title": "\x00"})
        assert answer.status_code == 400, address


def test_every_page_reads_bytes_that_are_not_utf8_without_a_500(leader_client, community):
    for address in _addresses(community[0].group.slug, community[1]):
        answer = leader_client.get(address + "?q=%ff%fe&page=%c3%28")
        assert answer.status_code < 500, address


def test_every_api_parameter_refuses_a_nul_with_a_400(client):
    schema = client.get("/api/v1/openapi.json").json()
    checked = 0
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            if method != "get":
                continue
            address = re.sub(r"\{\w+\}", "1", path)
            for parameter in operation.get("parameters", []):
                if parameter["in"] != "query":
                    continue
                answer = client.get(address, {parameter["name"]: "\x00"})
                assert answer.status_code == 400, (path, parameter["name"])
                assert NUL_MESSAGE in answer.json()["detail"]
                answer = client.get(address, {parameter["name"]: b"\xff".decode("latin-1")})
                assert answer.status_code < 500, (path, parameter["name"])
                checked += 1
    assert checked >= 10


def test_a_nul_in_a_json_body_is_refused(client):
    answer = client.post(
        "/api/v1/services/", data='{"name": "a\\u0000b"}', content_type="application/json"
    )
    assert answer.status_code == 400
    assert NUL_MESSAGE in answer.json()["detail"]


def test_a_nul_in_the_address_is_refused(client):
    assert client.get("/groups/a%00b/").status_code == 400
