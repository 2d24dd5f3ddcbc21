from django.contrib import admin

from kindred.conditions.models import Condition, LifeEvent


@admin.register(Condition)
class ConditionAdmin(admin.ModelAdmin[Condition]):
    list_display = ["name", "snomed_code", "category", "is_active"]
    list_filter = ["category", "is_active"]
    search_fields = ["name", "synonyms", "plain_names", "snomed_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(LifeEvent)
class LifeEventAdmin(admin.ModelAdmin[LifeEvent]):
    list_display = ["name", "is_clinical_trigger", "ordering"]
    prepopulated_fields = {"slug": ["name"]}
