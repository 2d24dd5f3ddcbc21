"""Public text is written for a reading age of about 11 (school grade 6)."""

import re
from html import unescape

import pytest
import textstat

from kindred.directory.tests.factories import make_group
from kindred.directory.trust import TRUST_MARKERS

pytestmark = pytest.mark.django_db

# Flesch-Kincaid grade 6 is a reading age of about 11 to 12.
MAX_GRADE = 6.5


def _visible_text(html: str) -> str:
    main = html.split('<main id="main"', 1)[1].split("</main>", 1)[0]
    main = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", main, flags=re.S)
    text = unescape(re.sub(r"<[^>]+>", "\n", main))
    return "\n".join(line.strip() for line in text.splitlines() if len(line.split()) >= 4)


def test_the_trust_explanations_are_plain():
    text = " ".join(f"{m.explanation} {m.missing}" for m in TRUST_MARKERS)
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE


def test_the_group_page_is_plain(client, cast):
    group = make_group(
        organisation=cast.organisation,
        name="Seaside Peers",
        town="Portsmouth",
        summary="A friendly group for people with type 1 diabetes.",
        description="We meet once a month. We chat, walk and share tips.",
        how_to_join="Fill in the short form. A leader will say hello.",
    )
    text = _visible_text(client.get(group.get_absolute_url()).content.decode())
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, text


@pytest.mark.parametrize("url", ["/", "/trust/", "/privacy/"])
def test_the_information_pages_are_plain(client, url):
    text = _visible_text(client.get(url).content.decode())
    assert textstat.flesch_kincaid_grade(text) <= MAX_GRADE, text
