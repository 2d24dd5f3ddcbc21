"""Existing programmes move to the new rules:

- the coordinator named on a programme of a checked organisation becomes one of that
  organisation's appointed coordinators (so nobody who ran a real programme loses it);
  an organisation's admins are no longer coordinators on their own, and nobody is
  appointed for an organisation nobody has checked;
- each programme gets its buddy-scheme listing in the directory (as
  `services.programme_list` makes it), published while it takes new people;
- each stored matching reason gets the coordinator's wording, about the two people
  rather than to them (`matching.scoring.Reason.for_coordinator`).

The code here is frozen with the migration: it must not import the app's services."""

from __future__ import annotations

from typing import Any

from django.db import migrations
from django.utils.text import Truncator, slugify

HOW_TO_JOIN = (
    "Join this buddy programme on Kindred. You answer a few questions about yourself, "
    "and the coordinator looks for the right buddy for you. You do not need to call or "
    "email anyone."
)
MODES = {"online": "is_online", "phone": "is_phone", "in_person": "is_in_person"}
SEEKER, SUPPORTER = "{seeker}", "{supporter}"


def appoint_named_coordinators(apps: Any, schema_editor: Any) -> None:
    Programme = apps.get_model("buddies", "Programme")
    Coordinator = apps.get_model("buddies", "Coordinator")
    for programme in Programme.objects.filter(
        coordinator__isnull=False, organisation__verified_at__isnull=False
    ):
        Coordinator.objects.get_or_create(
            organisation_id=programme.organisation_id, user_id=programme.coordinator_id
        )


def _slug(PeerGroup: Any, name: str) -> str:
    base = slugify(name)[:150] or "group"
    slug, n = base, 2
    while PeerGroup.objects.filter(slug=slug).exists():
        slug = f"{base}-{n}"
        n += 1
    return slug


def list_programmes(apps: Any, schema_editor: Any) -> None:
    Programme = apps.get_model("buddies", "Programme")
    PeerGroup = apps.get_model("directory", "PeerGroup")
    for programme in Programme.objects.filter(listing__isnull=True).select_related(
        "organisation"
    ):
        conditions = list(programme.conditions.all())
        modes = set(programme.contact_modes) or set(MODES)
        summary = Truncator(" ".join(programme.purpose.split())).chars(200)
        parts = [programme.name, summary, programme.purpose]
        for condition in conditions:
            parts += [condition.name, condition.synonyms]
        parts.append(programme.organisation.name)
        listing = PeerGroup.objects.create(
            organisation=programme.organisation,
            name=programme.name,
            slug=_slug(PeerGroup, programme.name),
            summary=summary,
            description=programme.purpose,
            form="buddy",
            model="peer_led",
            how_to_join=HOW_TO_JOIN,
            contact_visibility="hidden",
            privacy_protected=True,
            status="published" if programme.is_open else "draft",
            search_document=" ".join(p for p in parts if p).lower(),
            **{flag: mode in modes for mode, flag in MODES.items()},
        )
        listing.conditions.set(conditions)
        programme.listing = listing
        programme.save(update_fields=["listing"])


# The pair's wording as it was stored, and the coordinator's for it.
_STARTS = (
    ("You both ", "Both people "),
    ("You are both ", "Both people are "),
    ("You were both ", "Both people were "),
    ("You share ", "Both people share "),
    ("You are close in age", "Both people are close in age"),
    ("You can each help", "Each of them can help"),
)


def about_them(text: str) -> str:
    if text.startswith("They were diagnosed ") and text.endswith(" before you"):
        years = text.removeprefix("They were diagnosed ").removesuffix(" before you")
        return f"{SUPPORTER} was diagnosed {years} before {SEEKER}"
    if text == "They can help with the things you asked about":
        return f"{SUPPORTER} can help with the things {SEEKER} asked about"
    if text.startswith("You were diagnosed ") and text.endswith(" apart"):
        return f"{SEEKER} and {SUPPORTER} were diagnosed " + text.removeprefix(
            "You were diagnosed "
        )
    for start, replacement in _STARTS:
        if text.startswith(start):
            text = replacement + text.removeprefix(start)
            break
    return " ".join({"your": "their", "you": "them"}.get(w, w) for w in text.split(" "))


def word_reasons_for_the_coordinator(apps: Any, schema_editor: Any) -> None:
    Match = apps.get_model("buddies", "Match")
    changed = []
    for match in Match.objects.all().only("pk", "reasons").iterator():
        if all("for_coordinator" in r for r in match.reasons):
            continue
        match.reasons = [
            {**r, "for_coordinator": r.get("for_coordinator") or about_them(str(r["for_seeker"]))}
            for r in match.reasons
        ]
        changed.append(match)
    Match.objects.bulk_update(changed, ["reasons"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("buddies", "0002_coordinators_and_directory_listing"),
        ("conditions", "0002_seed_taxonomy"),
    ]

    operations = [
        migrations.RunPython(appoint_named_coordinators, migrations.RunPython.noop),
        migrations.RunPython(list_programmes, migrations.RunPython.noop),
        migrations.RunPython(word_reasons_for_the_coordinator, migrations.RunPython.noop),
    ]
