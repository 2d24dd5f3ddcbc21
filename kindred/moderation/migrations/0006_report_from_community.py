"""Reports move here from community. The table (community_report) and its rows stay as
they are: this records the model under moderation, and moves its content type (and so
any permissions given on it) with it."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _content_type_mover(source: str, target: str):  # type: ignore[no-untyped-def]
    def move(apps, schema_editor):  # type: ignore[no-untyped-def]
        ContentType = apps.get_model("contenttypes", "ContentType")
        if not ContentType.objects.filter(app_label=target, model="report").exists():
            ContentType.objects.filter(app_label=source, model="report").update(app_label=target)

    return move


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0005_urgent_alert_deliveries"),
        ("community", "0008_notification_email_claim"),
        ("contenttypes", "0002_remove_content_type_name"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Report",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("category", models.CharField(blank=True, max_length=20)),
                        ("reason", models.CharField(max_length=500, verbose_name="what is wrong")),
                        ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                        ("resolved_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "reporter",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                        (
                            "topic",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="community.topic",
                            ),
                        ),
                        (
                            "reply",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="community.reply",
                            ),
                        ),
                        (
                            "message",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                to="community.message",
                            ),
                        ),
                    ],
                    options={"db_table": "community_report"},
                )
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            _content_type_mover("community", "moderation"),
            _content_type_mover("moderation", "community"),
        ),
    ]
