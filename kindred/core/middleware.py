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
from django.http import Http404, HttpRequest, HttpResponse
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
