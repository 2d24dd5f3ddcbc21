from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from kindred.accounts.models import ConsentRecord, RoleAssignment, User


class RoleInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ["organisation"]


# Generic in the stubs, not subscriptable in Django at run time.
@admin.register(User)
class UserAdmin(BaseUserAdmin):  # type: ignore[type-arg]
    ordering = ["email"]
    list_display = ["email", "display_name", "is_active", "date_joined"]
    search_fields = ["email", "display_name"]
    inlines = [RoleInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("display_name", "real_name")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = (
        (
            None,
            {"classes": ("wide",), "fields": ("email", "display_name", "password1", "password2")},
        ),
    )
    list_filter = ["is_active", "is_staff"]
    filter_horizontal = ()


@admin.register(ConsentRecord)
class ConsentRecordAdmin(admin.ModelAdmin[ConsentRecord]):
    list_display = ["user", "purpose", "version", "given_at", "withdrawn_at"]
    list_filter = ["purpose"]
    readonly_fields = ["user", "purpose", "version", "given_at", "withdrawn_at"]
