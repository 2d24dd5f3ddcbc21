from django.apps import AppConfig


class ConditionsConfig(AppConfig):
    name = "kindred.conditions"
    label = "conditions"
    default_auto_field = "django.db.models.BigAutoField"
