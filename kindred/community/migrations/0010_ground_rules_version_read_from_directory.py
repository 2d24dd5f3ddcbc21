"""Ground rules are kept once, in the directory (see directory 0005)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0009_report_moves_to_moderation'),
        # Its rules are copied there first.
        ('directory', '0005_ground_rules_kept_once'),
    ]

    operations = [
        migrations.RemoveField(
            model_name='space',
            name='rules_version',
        ),
    ]
