"""Ground rules are kept once, as versions in the directory.

Before, a group's rules were its listing's text, moderation's versions of them and a
version number on its online space, kept in step. Each version moderation kept is
copied here under the same number (members' acceptances keep meaning the same); a group
with written rules and no versions gets them as its first version, numbered as its
space counted them. Then the listing's text goes (moderation's table and the space's
number go in their own apps' next migrations)."""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


def _copy_rules(apps, schema_editor):  # type: ignore[no-untyped-def]
    PeerGroup = apps.get_model("directory", "PeerGroup")
    GroundRules = apps.get_model("directory", "GroundRules")
    RulesVersion = apps.get_model("moderation", "RulesVersion")
    Space = apps.get_model("community", "Space")
    versioned = set()
    for old in RulesVersion.objects.select_related("space").order_by("space_id", "version"):
        GroundRules.objects.create(
            group_id=old.space.group_id,
            version=old.version,
            text=old.text,
            summary=old.summary,
            written_by_id=old.written_by_id,
            created_at=old.created_at,
        )
        versioned.add(old.space.group_id)
    numbers = dict(Space.objects.values_list("group_id", "rules_version"))
    for group in PeerGroup.objects.exclude(ground_rules="").exclude(pk__in=versioned):
        if group.ground_rules.strip():
            GroundRules.objects.create(
                group=group,
                version=numbers.get(group.pk, 1),
                text=group.ground_rules.strip(),
                created_at=group.updated_at,
            )


def _rules_back_on_the_listing(apps, schema_editor):  # type: ignore[no-untyped-def]
    PeerGroup = apps.get_model("directory", "PeerGroup")
    GroundRules = apps.get_model("directory", "GroundRules")
    RulesVersion = apps.get_model("moderation", "RulesVersion")
    Space = apps.get_model("community", "Space")
    spaces = dict(Space.objects.values_list("group_id", "pk"))
    for rules in GroundRules.objects.order_by("group_id", "version"):
        PeerGroup.objects.filter(pk=rules.group_id).update(ground_rules=rules.text)
        if rules.group_id in spaces:
            RulesVersion.objects.create(
                space_id=spaces[rules.group_id],
                version=rules.version,
                text=rules.text,
                summary=rules.summary,
                written_by_id=rules.written_by_id,
                created_at=rules.created_at,
            )
            Space.objects.filter(pk=spaces[rules.group_id]).update(rules_version=rules.version)


class Migration(migrations.Migration):
    dependencies = [
        ("directory", "0004_group_service_area"),
        ("moderation", "0006_report_from_community"),
        ("community", "0009_report_moves_to_moderation"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="GroundRules",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("version", models.PositiveIntegerField()),
                ("text", models.TextField(verbose_name="ground rules")),
                (
                    "summary",
                    models.CharField(blank=True, max_length=300, verbose_name="what changed"),
                ),
                ("created_at", models.DateTimeField(default=django.utils.timezone.now)),
                (
                    "group",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="rules_versions",
                        to="directory.peergroup",
                    ),
                ),
                (
                    "written_by",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "ground rules",
                "ordering": ["-version"],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("group", "version"), name="ground_rules_version_once"
                    )
                ],
            },
        ),
        migrations.RunPython(_copy_rules, _rules_back_on_the_listing),
        migrations.RemoveField(model_name="peergroup", name="ground_rules"),
    ]
