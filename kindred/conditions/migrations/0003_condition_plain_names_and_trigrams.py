from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations, models


def add_plain_names(apps, schema_editor):
    from kindred.conditions.data import PLAIN_NAMES

    Condition = apps.get_model("conditions", "Condition")
    for name, plain_names in PLAIN_NAMES.items():
        Condition.objects.filter(name=name, plain_names="").update(plain_names=plain_names)


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0002_seed_taxonomy"),
    ]

    operations = [
        # Search matches misspelt conditions by trigram similarity (pg_trgm). Creating
        # the extension needs a PostgreSQL superuser, unless it already exists (see
        # docs/deployment.md). On SQLite this does nothing.
        TrigramExtension(),
        migrations.AddField(
            model_name="condition",
            name="plain_names",
            field=models.CharField(
                blank=True,
                help_text="Words people use for it in everyday talk, separated by commas (e.g. sugar, diabetic). Several conditions may share one.",
                max_length=300,
                verbose_name="everyday names",
            ),
        ),
        migrations.RunPython(add_plain_names, migrations.RunPython.noop),
    ]
