"""Static files on a real server: `collectstatic` (with the production storage) writes a
compressed copy of each text file next to it and gives it a name with a hash of its
content; WhiteNoise sends the compressed copy to a browser that accepts it and lets it
keep a hashed file for a year. htmx, on every page, is the minified file and travels
compressed. HTML pages themselves are not compressed (see docs/deployment.md: BREACH)."""

from __future__ import annotations

import gzip
import importlib.util
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client, override_settings

import kindred.settings as production

pytestmark = pytest.mark.django_db

ONE_YEAR = 365 * 24 * 60 * 60
HAS_BROTLI = importlib.util.find_spec("brotli") is not None


@pytest.fixture(scope="module")
def collected(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The static files collected once, as a deployment does, with production storage."""
    root = tmp_path_factory.mktemp("staticfiles")
    with override_settings(
        STATIC_ROOT=root, STORAGES=production.STORAGES, WHITENOISE_USE_FINDERS=False
    ):
        call_command("collectstatic", "--no-input", verbosity=0)
        yield root


@pytest.fixture
def browser(collected: Path) -> Client:
    # WhiteNoise reads its settings and the collected files when it starts: a new
    # client, made while the production storage is in place.
    return Client(HTTP_ACCEPT_ENCODING="gzip, deflate, br")


def _static(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, url
    return response


def test_production_compresses_and_hashes_static_files() -> None:
    backend = production.STORAGES["staticfiles"]["BACKEND"]
    assert backend == "whitenoise.storage.CompressedManifestStaticFilesStorage"


def test_collectstatic_writes_compressed_copies(collected: Path) -> None:
    css = [p for p in (collected / "kindred").glob("kindred.*.css") if p.suffix == ".css"]
    assert len(css) == 1, "kindred.css has one hashed copy"
    for path in [css[0], *collected.glob("django_htmx/htmx-2.min.*.js")]:
        assert path.with_name(path.name + ".gz").exists(), path
        # Brotli copies too, when the optional `brotli` package is installed.
        assert path.with_name(path.name + ".br").exists() == HAS_BROTLI


def test_the_pages_use_minified_htmx_sent_compressed_and_kept_a_year(browser: Client) -> None:
    html = browser.get("/").content.decode()
    (htmx_url,) = re.findall(r'<script src="([^"]*htmx[^"]*)"', html)
    assert re.fullmatch(r"/static/django_htmx/htmx-2\.min\.[0-9a-f]{12}\.js", htmx_url)

    response = _static(browser, htmx_url)
    assert response["Content-Encoding"] == ("br" if HAS_BROTLI else "gzip")
    assert f"max-age={10 * ONE_YEAR}" in response["Cache-Control"]
    assert "immutable" in response["Cache-Control"]
    assert "Accept-Encoding" in response["Vary"]
    sent = b"".join(response.streaming_content)
    # About a third of the 51 KB minified file crosses the network.
    assert len(sent) < 20 * 1024
    if not HAS_BROTLI:
        with open(finders.find("django_htmx/htmx-2.min.js"), "rb") as original:
            assert gzip.decompress(sent) == original.read()


def test_the_stylesheet_is_sent_compressed_and_kept_a_year(browser: Client) -> None:
    html = browser.get("/").content.decode()
    (css_url,) = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    response = Client(HTTP_ACCEPT_ENCODING="gzip").get(css_url)
    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert "immutable" in response["Cache-Control"]
    sent = b"".join(response.streaming_content)
    with open(finders.find("kindred/kindred.css"), "rb") as original:
        plain = original.read()
    assert len(sent) < len(plain) / 2


def test_a_browser_that_does_not_accept_compression_gets_the_plain_file(browser: Client) -> None:
    html = browser.get("/").content.decode()
    (css_url,) = re.findall(r'<link rel="stylesheet" href="([^"]+)"', html)
    response = Client().get(css_url)
    assert "Content-Encoding" not in response
    assert b"--brand" in b"".join(response.streaming_content)


def test_html_pages_are_not_compressed(client: Client) -> None:
    # Pages carry secrets (the CSRF token, people's own details) next to text a visitor
    # can choose (a search): compressed, their size could give the secrets away (BREACH).
    response = client.get("/groups/?q=diabetes", HTTP_ACCEPT_ENCODING="gzip, br")
    assert response.status_code == 200
    assert "Content-Encoding" not in response
