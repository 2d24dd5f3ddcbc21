"""Values that arrive in a form or a query string, checked in one place: where a `next`
may send someone, and ids typed as text."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme

# Longer than any id a database here hands out (PostgreSQL's bigint has 19 digits).
_ID_MAX_DIGITS = 18


def is_safe_path(target: str) -> bool:
    """A relative path on this site, like "/groups/x/online/?page=2": no scheme, no
    host, no "//host" or backslash tricks. An "open redirect" would let a link that
    looks like Kindred's lead anywhere."""
    return (
        target.startswith("/")
        and not target.startswith(("//", "/\\"))
        and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    )


def safe_next(request: HttpRequest, fallback: str) -> str:
    """The request's `next` (form field first, then query string) when it is a safe
    path, otherwise `fallback`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return target if is_safe_path(target) else fallback


def id_param(value: str | None) -> int | None:
    """An id typed as text ("42"), or None when it is not one: empty, a sign, a decimal
    point, letters, or digits Python reads but a database does not ("²")."""
    if not value or len(value) > _ID_MAX_DIGITS or not (value.isascii() and value.isdigit()):
        return None
    return int(value)
