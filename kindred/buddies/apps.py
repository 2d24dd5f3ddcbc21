from django.apps import AppConfig


class BuddiesConfig(AppConfig):
    name = "kindred.buddies"
    label = "buddies"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Buddy programmes"

    def ready(self) -> None:
        from kindred.accounts.export import install_export_section
        from kindred.buddies.export import buddies_export

        install_export_section("buddy_programmes", buddies_export)
