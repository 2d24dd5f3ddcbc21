"""Whatever a member types, the HTML Kindred shows has no script, no event handler
attribute and no javascript: link (property test over generated input)."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from kindred.community.markdown import render_markdown

NASTY = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//x.js></SCRIPT>", "<img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))", "[x](JaVaScRiPt:alert(1))", "<a href='javascript:alert(1)'>a</a>",
    "<svg onload=alert(1)>", "<iframe src=//evil>", "<div onclick='x()'>", "<<script>script>",
    "<a href=\"&#106;avascript:alert(1)\">x</a>", "[x](data:text/html;base64,PHNjcmlwdD4=)",
    "<style>body{}</style>", "<!-- <script> -->", "<b", "</p><script>", "`<script>`",
    "<math><mi xlink:href=javascript:alert(1)>", "<form action=javascript:alert(1)>",
    "[a](vbscript:msgbox)", "<object data=x>", "<embed src=x>", "\"><script>",
]  # fmt: skip

pieces = st.one_of(st.sampled_from(NASTY), st.text(max_size=40))
documents = st.lists(pieces, max_size=12).map("".join)

EVENT_ATTR = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
ALLOWED = {
    "p",
    "br",
    "strong",
    "em",
    "a",
    "ul",
    "ol",
    "li",
    "blockquote",
    "code",
    "pre",
    "h3",
    "h4",
    "hr",
}


def _assert_safe(html: str) -> None:
    lowered = html.lower()
    assert "<script" not in lowered
    assert "<iframe" not in lowered and "<svg" not in lowered and "<style" not in lowered
    assert not EVENT_ATTR.search(html)
    for href in re.findall(r'<a\s[^>]*href="([^"]*)"', html):
        assert re.match(r"^(https?:|mailto:|#|/|[^:]*$)", href.strip(), re.IGNORECASE), href
    for tag in re.findall(r"<\s*([a-zA-Z0-9]+)", html):
        assert tag.lower() in ALLOWED, tag


@settings(max_examples=400, deadline=None)
@given(documents)
def test_rendered_markdown_is_always_safe(text):
    _assert_safe(render_markdown(text))


def test_each_known_attack_is_neutralised():
    for attack in NASTY:
        _assert_safe(render_markdown(attack))


def test_ordinary_markdown_still_works():
    html = render_markdown("**bold** and [a link](https://example.org)\n\n- one\n- two")
    assert "<strong>bold</strong>" in html
    assert 'href="https://example.org"' in html
    assert "<li>one</li>" in html
