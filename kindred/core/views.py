from __future__ import annotations

import logging

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template import loader
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

logger = logging.getLogger(__name__)


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@require_GET
@cache_control(max_age=86400, public=True)
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers ask for /favicon.ico whatever the page links: send them to the icon in
    the static files (its name there changes with its content, so this is not a
    permanent redirect)."""
    return HttpResponseRedirect(static("kindred/favicon.ico"))


# The error pages must answer whatever is broken. The 500 page touches nothing but its
# own template: no user, session, cache or database, which may be the very thing that
# failed (and an error page that fails leaves the request's database connection out of
# the pool for good). The 404 and 403 pages show the site's header when they can, and
# the plain page when they cannot.
_PLAIN_500 = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    "<title>Something went wrong</title></head><body><main><h1>Sorry, something went "
    'wrong</h1><p>Please try again in a few minutes.</p><p><a href="/">Go to the home '
    "page</a></p></main></body></html>"
)


def _plain_500() -> HttpResponse:
    try:
        body: str = loader.render_to_string("500.html")
    except Exception:
        logger.exception("the 500 page could not be rendered; sent the plain one")
        body = _PLAIN_500
    return HttpResponse(body, status=500)


def _page_or_plain(request: HttpRequest, template: str, status: int) -> HttpResponse:
    try:
        return render(request, template, status=status)
    except Exception:
        logger.exception("the %s page could not be rendered; sent the plain page", status)
        response = _plain_500()
        response.status_code = status
        return response


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page_or_plain(request, "404.html", 404)


def error_500(request: HttpRequest) -> HttpResponse:
    return _plain_500()


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _page_or_plain(request, "403.html", 403)
