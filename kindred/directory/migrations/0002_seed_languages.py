from django.db import migrations

LANGUAGES = [
    ("en", "English"), ("cy", "Welsh"), ("gd", "Scottish Gaelic"), ("bfi", "British Sign Language"),
    ("asf", "Auslan"), ("pa", "Punjabi"), ("ur", "Urdu"), ("bn", "Bengali"), ("gu", "Gujarati"),
    ("hi", "Hindi"), ("ta", "Tamil"), ("pl", "Polish"), ("ro", "Romanian"), ("ar", "Arabic"),
    ("so", "Somali"), ("zh", "Mandarin Chinese"), ("yue", "Cantonese"), ("vi", "Vietnamese"),
    ("el", "Greek"), ("it", "Italian"), ("es", "Spanish"), ("pt", "Portuguese"), ("tr", "Turkish"),
    ("fa", "Persian (Farsi)"),
]


def seed(apps, schema_editor):
    Language = apps.get_model("directory", "Language")
    for code, name in LANGUAGES:
        Language.objects.get_or_create(code=code, defaults={"name": name})


class Migration(migrations.Migration):
    dependencies = [("directory", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
