from django.contrib import admin

from kindred.directory.models import Language, Organisation, PeerGroup, Schedule, Venue


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin[Organisation]):
    list_display = ["name", "kind", "town", "verified_at"]
    list_filter = ["kind"]
    search_fields = ["name", "charity_number"]


class VenueInline(admin.StackedInline[Venue, PeerGroup]):
    model = Venue
    extra = 0


class ScheduleInline(admin.TabularInline[Schedule, PeerGroup]):
    model = Schedule
    extra = 0


@admin.register(PeerGroup)
class PeerGroupAdmin(admin.ModelAdmin[PeerGroup]):
    list_display = ["name", "organisation", "form", "model", "status"]
    list_filter = ["status", "form", "model", "is_online", "is_in_person"]
    search_fields = ["name", "summary"]
    autocomplete_fields = ["organisation"]
    filter_horizontal = ["conditions", "languages"]
    inlines = [VenueInline, ScheduleInline]


admin.site.register(Language)
