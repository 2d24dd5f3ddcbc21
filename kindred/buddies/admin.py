"""Site admins set up buddy programmes here. Profiles, matches and check-ins hold health
details and private feedback, so they are shown read only: every change to them goes
through the services (and the coordinator's pages), never through the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.forms import ModelForm
from django.http import HttpRequest

from kindred.buddies import services
from kindred.buddies.models import (
    BuddyProfile,
    CheckIn,
    Coordinator,
    Match,
    MatchingRun,
    Programme,
)


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin[Programme]):
    list_display = ["name", "organisation", "pairing", "is_open", "coordinator"]
    list_filter = ["is_open", "pairing", "is_youth"]
    search_fields = ["name", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["coordinator"]
    readonly_fields = ["listing"]
    filter_horizontal = ["conditions"]

    def save_related(
        self, request: HttpRequest, form: ModelForm[Programme], formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # The directory lists the programme as the coordinator's form would.
        services.programme_list(programme=form.instance)


@admin.register(Coordinator)
class CoordinatorAdmin(admin.ModelAdmin[Coordinator]):
    """Organisation admins choose coordinators on /buddies/organisations/<slug>/coordinators/;
    site admins may also do it here."""

    list_display = ["user", "organisation", "appointed_by", "appointed_at"]
    list_select_related = ["user", "organisation", "appointed_by"]
    search_fields = ["organisation__name", "user__display_name"]
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["user", "appointed_by"]


class ReadOnlyAdmin[M: Any](admin.ModelAdmin[M]):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: M | None = None) -> bool:
        return False


@admin.register(BuddyProfile)
class BuddyProfileAdmin(ReadOnlyAdmin[BuddyProfile]):
    list_display = ["pk", "programme", "side", "status", "created_at"]
    list_filter = ["side", "status", "programme"]
    list_select_related = ["programme"]


@admin.register(MatchingRun)
class MatchingRunAdmin(ReadOnlyAdmin[MatchingRun]):
    list_display = ["pk", "programme", "created_at", "seekers", "supporters", "proposed"]
    list_filter = ["programme"]
    list_select_related = ["programme"]


@admin.register(Match)
class MatchAdmin(ReadOnlyAdmin[Match]):
    list_display = ["pk", "programme", "state", "score", "created_at"]
    list_filter = ["state", "programme"]
    list_select_related = ["programme"]


@admin.register(CheckIn)
class CheckInAdmin(ReadOnlyAdmin[CheckIn]):
    list_display = ["pk", "match", "due_on", "feeling", "answered_at"]
    list_filter = ["feeling"]
