"""Kindred's own error pages, with DEBUG on as well.

Django shows its technical pages whenever DEBUG is on: a 404 names the reason ("No
PeerGroup matches the given query") and the address, and a 500 shows the traceback. In
`make run`'s demo that tells an outsider a hidden group from a missing one, and shows a
new user a wall of code. So with DEBUG on this answers with the same pages a server
gives (the traceback still goes to the console); `DEBUG_ERROR_PAGES=true` brings
Django's pages back for a developer who wants them. With DEBUG off it does nothing:
Django already uses `handler404` and `handler500`.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import BadRequest, PermissionDenied, SuspiciousOperation
from django.http import (
    Http404,
    HttpRequest,
    HttpResponse,
    HttpResponseBadRequest,
    JsonResponse,
)
from django.http.multipartparser import MultiPartParserError
from django.http.response import HttpResponseBase

from kindred.core import views

logger = logging.getLogger("django.request")

_LEFT_TO_DJANGO = (PermissionDenied, BadRequest, SuspiciousOperation, MultiPartParserError)

GetResponse = Callable[[HttpRequest], HttpResponseBase]


def _active() -> bool:
    return bool(settings.DEBUG) and not getattr(settings, "DEBUG_ERROR_PAGES", False)


class FriendlyErrorPagesMiddleware:
    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        response = self.get_response(request)
        if (
            _active()
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
        ):
            # No URL matched: Django's page would list every URL pattern.
            return views.error_404(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not _active():
            return None
        if isinstance(exception, Http404):
            return views.error_404(request, exception)
        if isinstance(exception, _LEFT_TO_DJANGO):
            # Answered with 400 or 403 pages that show no code.
            return None
        logger.error(
            "Internal Server Error: %s",
            request.path,
            exc_info=exception,
            extra={"status_code": 500, "request": request},
        )
        return views.error_500(request)


# --- input no database can store ---------------------------------------------------------

_NUL = "\x00"
_UNREADABLE = (
    "Your request includes a character we cannot read (a NUL character, code 0). "
    "Please take it out and try again."
)


def _has_nul(request: HttpRequest) -> bool:
    if _NUL in request.path:
        return True
    for data in (request.GET, request.POST if request.method == "POST" else None):
        if data is None:
            continue
        for key, values in data.lists():
            if _NUL in key or any(_NUL in value for value in values):
                return True
    if request.content_type == "application/json":
        body = request.body
        return b"\x00" in body or b"\\u0000" in body
    return False


class RefuseUnreadableInputMiddleware:
    """Answer 400 to a request with a NUL character anywhere in its address, query,
    form or JSON body: PostgreSQL cannot store one in text, and a search for one would
    fail deep inside the database as a 500. Browsers never send one from a form, so
    the person this stops is almost always a script; the message says what to change."""

    def __init__(self, get_response: GetResponse) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if _has_nul(request):
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": _UNREADABLE}, status=400)
            return HttpResponseBadRequest(
                f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>'
                f"Bad request</title></head><body><main><h1>We could not read that</h1><p>"
                f"{_UNREADABLE}</p></main></body></html>"
            )
        return self.get_response(request)
