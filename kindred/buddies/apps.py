from django.apps import AppConfig


class BuddiesConfig(AppConfig):
    name = "kindred.buddies"
    label = "buddies"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Buddy programmes"
