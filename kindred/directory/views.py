"""Directory pages: search, the group and organisation pages, and the forms organisation
admins use to list their groups."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kindred.accounts.http import SignedInRequest
from kindred.accounts.permissions import is_organisation_admin, is_site_admin, staff_mfa_required
from kindred.core.htmx import render_page
from kindred.directory import extensions, queries, services
from kindred.directory.forms import (
    OrganisationForm,
    PeerGroupForm,
    ScheduleForm,
    SearchForm,
    VenueForm,
    search_querystring,
)
from kindred.directory.models import GroupStatus, Organisation, PeerGroup, Schedule, Venue
from kindred.directory.places import suggest_places
from kindred.directory.presentation import (
    fit_summary,
    group_json_ld,
    schedule_rows,
    search_summary,
    tip_text,
)
from kindred.directory.trust import markers_for


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    conditions = queries.active_conditions()
    data = request.GET.copy()
    if data:
        # A search from the home page has no distance yet: show the one used.
        data.setdefault("radius", str(SearchForm.base_fields["radius"].initial))
    form = SearchForm(
        data or None,
        conditions=conditions,
        languages=list(queries.languages_in_use()),
    )
    search = form.to_search()
    results = queries.search_groups(
        search,
        page_number=request.GET.get("page", 1),
        per_page=settings.DIRECTORY_PAGE_SIZE,
        conditions=conditions,
    )
    tips = []
    if not results.page.paginator.count:
        place_name = results.place.name if results.place else ""
        tips = [
            {"text": tip_text(tip, form, place_name), "query": search_querystring(tip.search)}
            for tip in queries.empty_search_tips(search, conditions)
        ]
    did_you_mean = [
        {"name": c.name, "query": search_querystring(search.but(q=c.name))}
        for c in results.did_you_mean
    ]
    query_without_page = request.GET.copy()
    query_without_page.pop("page", None)
    return render_page(
        request,
        "directory/search.html",
        {
            "form": form,
            "results": results,
            "summary": search_summary(results),
            "tips": tips,
            "did_you_mean": did_you_mean,
            "querystring": query_without_page.urlencode(),
        },
        partial="results",
    )


@require_GET
def place_suggestions(request: HttpRequest) -> HttpResponse:
    """Town names for the "near" box as the visitor types (an htmx fragment)."""
    text = request.GET.get("near") or request.GET.get("town") or ""
    return render(request, "directory/_place_options.html", {"places": suggest_places(text[:60])})


@require_GET
def group_detail(request: HttpRequest, slug: str) -> HttpResponse:
    try:
        group = queries.group_for_page(slug)
    except PeerGroup.DoesNotExist:
        group = _managed_group_or_404(request, slug)
    visibility = group.contact_visibility
    show_contact = visibility == "public" or (
        visibility == "signed_in" and request.user.is_authenticated
    )
    return render(
        request,
        "directory/group_detail.html",
        {
            "group": group,
            "markers": markers_for(group),
            "fit": fit_summary(group),
            "schedules": schedule_rows(group),
            "show_contact": show_contact,
            "json_ld": json.dumps(group_json_ld(group, request), ensure_ascii=False).replace(
                "</", "<\\/"
            ),
            "can_edit": _can_manage(request, group.organisation),
            **extensions.group_page_context(group),
        },
    )


@require_GET
def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = get_object_or_404(Organisation, slug=slug)
    groups = organisation.peer_groups.published().for_listing()
    return render(
        request,
        "directory/organisation_detail.html",
        {"organisation": organisation, "groups": groups},
    )


# --- Managing groups (organisation admins) ---------------------------------------------


def _can_manage(request: HttpRequest, organisation: Organisation) -> bool:
    return is_organisation_admin(request.user, organisation)


def _managed_group_or_404(request: HttpRequest, slug: str) -> PeerGroup:
    """A group the signed-in person may manage. Anyone else gets 404, so a draft group
    does not even confirm that it exists."""
    group = get_object_or_404(PeerGroup.objects.select_related("organisation"), slug=slug)
    if not _can_manage(request, group.organisation):
        raise Http404
    return group


def _managed_organisation_or_404(request: HttpRequest, slug: str) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not _can_manage(request, organisation):
        raise Http404
    return organisation


@login_required
@require_GET
def manage(request: SignedInRequest) -> HttpResponse:
    user = request.user
    organisations = queries.organisations_run_by(user).prefetch_related("peer_groups")
    unverified = (
        Organisation.objects.filter(verified_at__isnull=True) if is_site_admin(user) else None
    )
    return render(
        request, "directory/manage.html", {"organisations": organisations, "unverified": unverified}
    )


@login_required
@require_http_methods(["GET", "POST"])
def organisation_register(request: SignedInRequest) -> HttpResponse:
    form = OrganisationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        organisation = services.organisation_register(user=request.user, **form.cleaned_data)
        messages.success(
            request,
            _(
                "%(name)s is registered. A site admin will check it; until then its groups show as not yet checked."
            )
            % {"name": organisation.name},
        )
        return redirect("directory:group-create", slug=organisation.slug)
    return render(
        request,
        "directory/organisation_form.html",
        {"form": form},
        status=400 if form.errors else 200,
    )


@staff_mfa_required
@require_http_methods(["GET", "POST"])
def group_create(request: SignedInRequest, slug: str) -> HttpResponse:
    organisation = _managed_organisation_or_404(request, slug)
    form = PeerGroupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        group = form.save(commit=False)
        group.organisation = organisation
        group.status = GroupStatus.PUBLISHED if "publish" in request.POST else GroupStatus.DRAFT
        services.peer_group_save(
            group=group,
            conditions=form.cleaned_data["conditions"],
            languages=form.cleaned_data["languages"],
            ground_rules=form.cleaned_data["ground_rules"],
            by=request.user,
        )
        messages.success(request, _("“%(name)s” is saved.") % {"name": group.name})
        return redirect(group.get_absolute_url())
    return render(
        request,
        "directory/group_form.html",
        {"form": form, "organisation": organisation, "group": None},
        status=400 if form.errors else 200,
    )


@staff_mfa_required
@require_http_methods(["GET", "POST"])
def group_edit(request: SignedInRequest, slug: str) -> HttpResponse:
    group = _managed_group_or_404(request, slug)
    form = PeerGroupForm(request.POST or None, instance=group)
    if request.method == "POST" and form.is_valid():
        group = form.save(commit=False)
        if "publish" in request.POST:
            group.status = GroupStatus.PUBLISHED
        services.peer_group_save(
            group=group,
            conditions=form.cleaned_data["conditions"],
            languages=form.cleaned_data["languages"],
            ground_rules=form.cleaned_data["ground_rules"],
            by=request.user,
        )
        messages.success(request, _("Your changes are saved."))
        return redirect(group.get_absolute_url())
    return render(
        request,
        "directory/group_form.html",
        {"form": form, "organisation": group.organisation, "group": group},
        status=400 if form.errors else 200,
    )


@staff_mfa_required
@require_http_methods(["GET", "POST"])
def group_archive(request: HttpRequest, slug: str) -> HttpResponse:
    group = _managed_group_or_404(request, slug)
    if request.method == "POST":
        services.peer_group_set_status(group=group, status=GroupStatus.ARCHIVED)
        messages.success(
            request,
            _("“%(name)s” is archived and no longer shows in search.") % {"name": group.name},
        )
        return redirect("directory:manage")
    return render(request, "directory/group_archive_confirm.html", {"group": group})


@staff_mfa_required
@require_http_methods(["GET", "POST"])
def venue_add(request: HttpRequest, slug: str) -> HttpResponse:
    group = _managed_group_or_404(request, slug)
    form = VenueForm(request.POST or None, initial={"town": group.town, "country": group.country})
    if request.method == "POST" and form.is_valid():
        venue = form.save(commit=False)
        venue.group = group
        services.venue_save(venue=venue)
        messages.success(request, _("Venue added."))
        return redirect(group.get_absolute_url())
    return render(
        request,
        "directory/venue_form.html",
        {"form": form, "group": group},
        status=400 if form.errors else 200,
    )


@staff_mfa_required
@require_POST
def venue_delete(request: HttpRequest, slug: str, venue_id: int) -> HttpResponse:
    group = _managed_group_or_404(request, slug)
    venue = get_object_or_404(Venue, id=venue_id, group=group)
    services.venue_delete(venue=venue)
    messages.success(request, _("Venue removed."))
    return redirect(group.get_absolute_url())


@staff_mfa_required
@require_http_methods(["GET", "POST"])
def schedule_add(request: HttpRequest, slug: str) -> HttpResponse:
    group = _managed_group_or_404(request, slug)
    form = ScheduleForm(request.POST or None, group=group)
    if request.method == "POST" and form.is_valid():
        services.schedule_save(
            group=group,
            title=form.cleaned_data["title"],
            rrule=form.rrule(),
            first_meeting=form.first_meeting(),
            duration_minutes=form.cleaned_data["duration_minutes"],
            venue=form.cleaned_data["venue"],
            is_online=form.cleaned_data["is_online"],
        )
        messages.success(request, _("Meeting time added."))
        return redirect(group.get_absolute_url())
    return render(
        request,
        "directory/schedule_form.html",
        {"form": form, "group": group},
        status=400 if form.errors else 200,
    )


@staff_mfa_required
@require_POST
def schedule_delete(request: HttpRequest, slug: str, schedule_id: int) -> HttpResponse:
    group = _managed_group_or_404(request, slug)
    schedule = get_object_or_404(Schedule, id=schedule_id, group=group)
    services.schedule_delete(schedule=schedule)
    messages.success(request, _("Meeting time removed."))
    return redirect(group.get_absolute_url())


@staff_mfa_required
@require_POST
def organisation_verify(request: SignedInRequest, slug: str) -> HttpResponse:
    user = request.user
    if not is_site_admin(user):
        raise Http404
    organisation = get_object_or_404(Organisation, slug=slug)
    if request.POST.get("action") == "unverify":
        services.organisation_unverify(organisation=organisation)
        messages.success(
            request, _("%(name)s is marked as not checked.") % {"name": organisation.name}
        )
    else:
        services.organisation_verify(organisation=organisation, by=user)
        messages.success(
            request, _("%(name)s is now shown as checked.") % {"name": organisation.name}
        )
    return redirect("directory:manage")


# --- The home page and the trust page: what the directory is and how far to trust it ---


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    conditions = queries.conditions_with_group_counts()[:12]
    return render(
        request,
        "core/home.html",
        {"conditions": conditions, "group_count": PeerGroup.objects.published().count()},
    )


@require_GET
def about_trust(request: HttpRequest) -> HttpResponse:
    from kindred.directory.trust import TRUST_MARKERS

    return render(request, "core/trust.html", {"markers": TRUST_MARKERS})
