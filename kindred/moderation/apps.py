from django.apps import AppConfig


class ModerationConfig(AppConfig):
    name = "kindred.moderation"
    label = "moderation"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.tasks.signals import task_finished

        from kindred.moderation.tasks import page_admins_when_an_alert_keeps_failing

        task_finished.connect(
            page_admins_when_an_alert_keeps_failing,
            dispatch_uid="kindred-page-admins-on-alert-failure",
        )
