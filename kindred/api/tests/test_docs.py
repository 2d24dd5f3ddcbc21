"""GET /api/v1/docs: the interactive API docs (Swagger UI), served wholly by Kindred.

Kindred's Content Security Policy allows scripts and styles from its own origin only,
so docs that load Swagger UI from a CDN are a blank page."""

from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

URL = "/api/v1/docs"


class _Assets(HTMLParser):
    """Every URL the page asks the browser to load, and any script written inline."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.inline_scripts: list[dict[str, str | None]] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script":
            if attributes.get("src"):
                self.urls.append(attributes["src"])
            elif attributes.get("type") != "application/json":
                self.inline_scripts.append(attributes)
        if tag == "link" and attributes.get("href"):
            self.urls.append(attributes["href"])
        if tag in {"img", "iframe"} and attributes.get("src"):
            self.urls.append(attributes["src"])


def _assets(html: str) -> _Assets:
    parser = _Assets()
    parser.feed(html)
    return parser


def test_it_loads_nothing_from_another_origin(client):
    response = client.get(URL)
    assert response.status_code == 200
    assets = _assets(response.content.decode())
    assert assets.urls, "the docs page should load Swagger UI's script and stylesheet"
    elsewhere = [url for url in assets.urls if urlsplit(url).netloc or url.startswith("//")]
    assert not elsewhere, f"the docs page loads files from other sites: {elsewhere}"


def test_it_has_no_inline_script_the_policy_would_block(client):
    response = client.get(URL)
    policy = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert not _assets(response.content.decode()).inline_scripts


def test_every_file_it_asks_for_is_served(client, settings):
    # Static files from the apps' folders, as `make run` and the live server serve them
    # (a deployment serves the same files after collectstatic).
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    fresh = Client()
    assets = _assets(fresh.get(URL).content.decode())
    for url in assets.urls:
        response = fresh.get(url)
        assert response.status_code == 200, url
    scripts = [url for url in assets.urls if url.endswith(".js")]
    assert any("swagger-ui-bundle" in url for url in scripts), scripts
