"""Pictures stored before every upload was redrawn may still carry where they were taken
and the camera's details: redraw them the same way now (kindred.core.pictures), under a
new name. A picture that cannot be redrawn is left as it is (it is still served by the
type its own bytes show, to members only)."""

from django.db import migrations


def redraw(apps, schema_editor):
    from kindred.core.pictures import PictureError, picture_from_upload

    Topic = apps.get_model("community", "Topic")
    for topic in Topic.objects.exclude(image="").only("pk", "image").iterator():
        old = topic.image
        try:
            with old.open("rb") as file:
                picture = picture_from_upload(file)
        except (OSError, PictureError):
            continue
        old_name = old.name
        topic.image.save(picture.name, picture, save=False)
        Topic.objects.filter(pk=topic.pk).update(image=topic.image.name)
        old.storage.delete(old_name)


class Migration(migrations.Migration):
    dependencies = [("community", "0005_message_withheld_from_a_blocker")]

    operations = [migrations.RunPython(redraw, migrations.RunPython.noop, elidable=True)]
