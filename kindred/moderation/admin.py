"""Site admins keep the list of false claims here too; the moderation log is shown read
only, because nobody may change or delete it."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.forms import ModelForm
from django.http import HttpRequest

from kindred.moderation import gate
from kindred.moderation.forms_moderator import FalseClaimForm
from kindred.moderation.models import FalseClaim, LogEntry


@admin.register(FalseClaim)
class FalseClaimAdmin(admin.ModelAdmin[FalseClaim]):
    form = FalseClaimForm
    list_display = ["key", "claim", "is_active", "updated_at"]
    list_filter = ["is_active"]
    search_fields = ["key", "claim", "key_phrases"]

    def save_related(
        self, request: HttpRequest, form: ModelForm[FalseClaim], formsets: Any, change: bool
    ) -> None:
        super().save_related(request, form, formsets, change)
        # Conditions are saved last: only now is the claim complete for screening.
        gate.forget_false_claims()

    def delete_model(self, request: HttpRequest, obj: FalseClaim) -> None:
        super().delete_model(request, obj)
        gate.forget_false_claims()

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[FalseClaim]) -> None:
        super().delete_queryset(request, queryset)
        gate.forget_false_claims()


@admin.register(LogEntry)
class LogEntryAdmin(admin.ModelAdmin[LogEntry]):
    list_display = ["created_at", "space", "kind", "moderator", "subject"]
    list_filter = ["kind"]
    list_select_related = ["space__group", "moderator", "subject"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: LogEntry | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: LogEntry | None = None) -> bool:
        return False
