from django.apps import AppConfig


class CommunityConfig(AppConfig):
    name = "kindred.community"
    label = "community"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from kindred.accounts.export import install_export_section
        from kindred.community.queries import export_for

        install_export_section("online_groups", export_for)
