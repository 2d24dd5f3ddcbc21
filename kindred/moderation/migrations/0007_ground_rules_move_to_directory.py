"""Ground rules are kept once, in the directory (see directory 0005)."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('moderation', '0006_report_from_community'),
        # Its rules are copied there first.
        ('directory', '0005_ground_rules_kept_once'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='rulesversion',
            name='rules_version_once',
        ),
        migrations.DeleteModel(
            name='RulesVersion',
        ),
    ]
