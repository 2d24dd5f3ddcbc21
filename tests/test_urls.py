"""Every address Kindred answers, compared with `tests/urls.txt`.

The list was written from the code before the apps were layered (commit ea3f121), so
this shows that moving code between apps moved no address: bookmarks, links in emails
and the API keep working. A change to an address is a change to that file, on purpose,
in the same commit."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

LIST = Path(__file__).with_name("urls.txt")
# The admin site's addresses follow its models, not pages of ours.
SKIPPED = ("admin/", "__debug__")


def _addresses(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[str]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
            yield from _addresses(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            yield f"{prefix}{pattern.pattern}  {namespace}{pattern.name or ''}"


def current_addresses() -> list[str]:
    found = {a for a in _addresses(get_resolver().url_patterns) if not a.startswith(SKIPPED)}
    return sorted(found)


def test_the_addresses_are_the_ones_listed() -> None:
    listed = LIST.read_text(encoding="utf-8").splitlines()
    current = current_addresses()
    assert [a for a in listed if a not in current] == [], "addresses that went away"
    assert [a for a in current if a not in listed] == [], "addresses not in tests/urls.txt"
