"""Kindred's own error pages, also with DEBUG on (as in `make run`'s demo): a hidden group
answers exactly like a group that does not exist, and nobody is shown Django's technical
pages (URL lists, tracebacks, "No PeerGroup matches the given query")."""

import logging
import re

import pytest
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import include, path

from kindred.community.tests.factories import make_community

pytestmark = pytest.mark.django_db


def boom(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("the database fell over")


# A URL that fails, beside all of Kindred's own (see `test_it_shows_the_friendly_500`).
urlpatterns = [path("boom/", boom), path("", include("kindred.urls"))]
handler404 = "kindred.core.views.error_404"
handler500 = "kindred.core.views.error_500"


def _same_for_everyone(body: bytes, slug: str) -> str:
    # Each page carries a fresh CSP nonce and CSRF token, and the language switch sends
    # people back to the address they asked for; nothing else may differ.
    text = body.decode().replace(slug, "SLUG")
    text = re.sub(r'nonce="[^"]+"', 'nonce=""', text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", text)


@pytest.fixture
def debug(settings):
    settings.DEBUG = True
    return settings


@pytest.fixture
def hidden(cast):
    return make_community(cast, name="Quiet Circle", visibility="hidden")


@pytest.mark.parametrize("page", ["/groups/{slug}/", "/groups/{slug}/online/"])
@pytest.mark.parametrize("who", ["outsider", None])
def test_a_hidden_group_answers_like_a_missing_one_with_debug_on(
    client, cast, debug, hidden, page, who
):
    if who:
        client.force_login(getattr(cast, who))
    hidden_answer = client.get(page.format(slug=hidden.group.slug))
    missing_answer = client.get(page.format(slug="no-such-group"))
    assert hidden_answer.status_code == missing_answer.status_code == 404
    assert _same_for_everyone(hidden_answer.content, hidden.group.slug) == _same_for_everyone(
        missing_answer.content, "no-such-group"
    )
    assert "We cannot find that page" in hidden_answer.content.decode()


def test_an_unknown_address_gets_the_friendly_404_with_debug_on(client, debug):
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "We cannot find that page" in body
    assert "URLconf" not in body


def test_an_address_without_its_last_slash_still_finds_the_page(client, debug):
    assert client.get("/groups").status_code == 301


def test_it_shows_the_friendly_500_with_debug_on(debug, caplog):
    debug.ROOT_URLCONF = __name__
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = client.get("/boom/")
    assert response.status_code == 500
    body = response.content.decode()
    assert "Sorry, something went wrong" in body
    assert "the database fell over" not in body
    assert "Traceback" not in body
    # The person running the demo still sees what went wrong, in the console.
    assert any(
        record.exc_info and "the database fell over" in str(record.exc_info[1])
        for record in caplog.records
    )


def test_django_s_technical_pages_are_there_for_whoever_asks(client, debug):
    debug.DEBUG_ERROR_PAGES = True
    response = client.get("/no/such/page/")
    assert response.status_code == 404
    assert "URLconf" in response.content.decode()
