from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
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


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "403.html", status=403)
