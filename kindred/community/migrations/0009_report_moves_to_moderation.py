"""Reports now belong to moderation (kindred.moderation.models.Report). The table stays
as it is, under its first name; only Django's record of which app owns it changes."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0008_notification_email_claim"),
        ("moderation", "0006_report_from_community"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="Report")],
            database_operations=[],
        )
    ]
