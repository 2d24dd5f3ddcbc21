from django.apps import AppConfig


class BuddiesConfig(AppConfig):
    name = "kindred.buddies"
    label = "buddies"
    default_auto_field = "django.db.models.BigAutoField"
    verbose_name = "Buddy programmes"

    def ready(self) -> None:
        from kindred.accounts.export import install_export_section
        from kindred.buddies.export import buddies_export
        from kindred.buddies.queries import published_programme_for_listing
        from kindred.buddies.services import are_buddies
        from kindred.community.messaging import install_buddy_check
        from kindred.directory.extensions import install_group_page_context

        install_export_section("buddy_programmes", buddies_export)
        # Buddies may message each other without sharing a group.
        install_buddy_check(are_buddies)
        # A group's page offers its buddy programme, when it takes new people.
        install_group_page_context("buddy_programme", published_programme_for_listing)
