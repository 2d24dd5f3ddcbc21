"""Kindred has an icon for browser tabs and bookmarks: an SVG for browsers that take one
and a small .ico for the rest, linked from every page; /favicon.ico, which browsers ask
for on their own, answers too instead of filling the logs with 404s."""

from __future__ import annotations

import re
from xml.etree import ElementTree

import pytest
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from django.test import Client, override_settings
from PIL import Image

pytestmark = pytest.mark.django_db


def test_every_page_links_the_icons(client):
    html = client.get("/").content.decode()
    icons = dict(re.findall(r'<link rel="icon" href="([^"]+)"([^>]*)>', html))
    assert static("kindred/favicon.svg") in icons
    assert 'type="image/svg+xml"' in icons[static("kindred/favicon.svg")]
    assert static("kindred/favicon.ico") in icons
    assert "data:," not in icons


def test_the_icons_are_small_and_well_formed():
    svg_path = finders.find("kindred/favicon.svg")
    ico_path = finders.find("kindred/favicon.ico")
    assert svg_path and ico_path
    root = ElementTree.parse(svg_path).getroot()  # noqa: S314 (our own file)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    with Image.open(ico_path) as ico:
        assert ico.format == "ICO"
        assert {(16, 16), (32, 32)} <= set(ico.info["sizes"])
    for path in (svg_path, ico_path):
        with open(path, "rb") as f:
            assert len(f.read()) < 4096


def test_favicon_ico_at_the_root_answers_with_the_icon():
    # WhiteNoise reads its settings when it starts, so a fresh client serves the
    # static files from the finders, as a site with collected files would.
    with override_settings(WHITENOISE_USE_FINDERS=True, WHITENOISE_AUTOREFRESH=True):
        response = Client().get("/favicon.ico", follow=True)
        assert response.status_code == 200
        assert response.redirect_chain[-1][0] == static("kindred/favicon.ico")
        assert response["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
        with open(finders.find("kindred/favicon.ico"), "rb") as f:
            assert b"".join(response.streaming_content) == f.read()
