"""Load the shipped list of false health claims into the database, where site admins
can edit it, and record each existing group's written ground rules as its first
version."""

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor


def seed(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    from kindred.screening.misinformation_data import FALSE_CLAIMS

    FalseClaim = apps.get_model("moderation", "FalseClaim")
    Condition = apps.get_model("conditions", "Condition")
    RulesVersion = apps.get_model("moderation", "RulesVersion")
    Space = apps.get_model("community", "Space")
    by_slug = {c.slug: c for c in Condition.objects.all()}
    for data in FALSE_CLAIMS:
        claim, created = FalseClaim.objects.get_or_create(
            key=data.key,
            defaults={
                "claim": data.claim,
                "correction": data.correction,
                "key_phrases": "\n".join(data.key_phrases),
            },
        )
        if created:
            claim.conditions.set([by_slug[s] for s in data.conditions if s in by_slug])
    for space in Space.objects.select_related("group"):
        if space.group.ground_rules.strip():
            RulesVersion.objects.get_or_create(
                space=space,
                version=space.rules_version,
                defaults={"text": space.group.ground_rules.strip()},
            )


class Migration(migrations.Migration):
    dependencies = [
        ("moderation", "0001_initial"),
        ("community", "0004_moderation_fields"),
        ("conditions", "0002_seed_taxonomy"),
    ]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
