from django.db import migrations
from django.utils.text import slugify


def seed(apps, schema_editor):
    from kindred.conditions.data import CONDITIONS, LIFE_EVENTS

    Condition = apps.get_model("conditions", "Condition")
    LifeEvent = apps.get_model("conditions", "LifeEvent")
    for name, snomed, category, synonyms in CONDITIONS:
        Condition.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "snomed_code": snomed,
                "category": category,
                "synonyms": synonyms,
            },
        )
    for order, (name, description, trigger) in enumerate(LIFE_EVENTS):
        LifeEvent.objects.get_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "description": description,
                "is_clinical_trigger": trigger,
                "ordering": order,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("conditions", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
