from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET

from kindred.directory.models import PeerGroup
from kindred.directory.queries import conditions_with_group_counts


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    conditions = conditions_with_group_counts()[:12]
    return render(
        request,
        "core/home.html",
        {"conditions": conditions, "group_count": PeerGroup.objects.published().count()},
    )


@require_GET
def about_trust(request: HttpRequest) -> HttpResponse:
    from kindred.directory.trust import TRUST_MARKERS

    return render(request, "core/trust.html", {"markers": TRUST_MARKERS})


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


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)
