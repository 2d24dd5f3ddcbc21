"""Site admins set up buddy programmes here. Profiles, matches and check-ins hold health
details and private feedback, so they are shown read only: every change to them goes
through the services (and the coordinator's pages), never through the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from kindred.buddies.models import BuddyProfile, CheckIn, Match, MatchingRun, Programme


@admin.register(Programme)
class ProgrammeAdmin(admin.ModelAdmin[Programme]):
    list_display = ["name", "organisation", "pairing", "is_open", "coordinator"]
    list_filter = ["is_open", "pairing", "is_youth"]
    search_fields = ["name", "purpose"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["organisation"]
    raw_id_fields = ["coordinator"]
    filter_horizontal = ["conditions"]


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
