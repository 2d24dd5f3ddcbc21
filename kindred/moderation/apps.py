from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "kindred.moderation"
    label = "moderation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.tasks.signals import task_finished

        from kindred.accounts.forms import install_name_screen
        from kindred.community.review import install_reviewer
        from kindred.core.worker import run_periodically
        from kindred.directory.extensions import install_ground_rules_published
        from kindred.moderation.review import ModerationReviewer
        from kindred.moderation.services import display_name_problems, rules_published
        from kindred.moderation.tasks import (
            page_admins_when_an_alert_keeps_failing,
            queue_missed_urgent_alerts,
        )

        task_finished.connect(
            page_admins_when_an_alert_keeps_failing,
            dispatch_uid="kindred-page-admins-on-alert-failure",
        )
        # Every post community publishes is screened and recorded through moderation.
        install_reviewer(ModerationReviewer())
        install_ground_rules_published("moderation", rules_published)
        # Display names are screened like posts.
        install_name_screen(display_name_problems)
        # An urgent alert whose job was lost is queued again within about a minute.
        run_periodically("urgent-alerts", 60.0, queue_missed_urgent_alerts)
