"""Display names become unique, ignoring case, accents, spaces and punctuation.

Existing accounts that share a name keep it in the order they joined: the first keeps
the name, later ones get a number after it ("Sara", "Sara 2"), which they can change on
their profile page."""

from django.db import migrations, models

MAX = 40


def fill_keys(apps, schema_editor):
    from kindred.accounts.names import name_key

    User = apps.get_model("accounts", "User")
    taken = set()
    for user in User.objects.order_by("date_joined", "pk").only("pk", "display_name"):
        wanted = user.display_name.strip() or "member"
        name, n = wanted, 1
        while name_key(name) in taken:
            n += 1
            suffix = f" {n}"
            name = wanted[: MAX - len(suffix)] + suffix
        taken.add(name_key(name))
        User.objects.filter(pk=user.pk).update(display_name=name, display_name_key=name_key(name))


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_initial")]

    operations = [
        migrations.AddField(
            model_name="user",
            name="display_name_key",
            field=models.CharField(editable=False, max_length=80, null=True),
        ),
        migrations.RunPython(fill_keys, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="user",
            name="display_name_key",
            field=models.CharField(editable=False, max_length=80, unique=True),
        ),
    ]
