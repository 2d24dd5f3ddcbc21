"""Programmes that existed before coordinators were appointed move to the new rules: the
named coordinator of a checked organisation's programme is appointed, every programme
gets its directory listing, and stored reasons get the coordinator's wording."""

from __future__ import annotations

import pytest
from django.utils import timezone

from kindred.core.tests.migrations import migrate

# Accounts and the directory are held at the schema these migrations were written
# against (display names became unique later, ground rules left the listing), and
# brought back to the latest at the end.
HELD = [("accounts", "0002_initial"), ("directory", "0004_group_service_area")]
BEFORE = [("buddies", "0001_initial"), *HELD]
AFTER = [("buddies", "0003_appoint_named_coordinators_and_list_programmes"), *HELD]


# Serialized rollback puts back the seeded conditions and languages for the tests after.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_programmes_move_to_the_new_rules(latest_schema_afterwards):
    old = migrate(BEFORE)
    User = old.get_model("accounts", "User")
    Organisation = old.get_model("directory", "Organisation")
    Condition = old.get_model("conditions", "Condition")
    Programme = old.get_model("buddies", "Programme")
    BuddyProfile = old.get_model("buddies", "BuddyProfile")
    Match = old.get_model("buddies", "Match")
    rob = User.objects.create(email="rob@example.org", display_name="Rob")
    oscar = User.objects.create(email="oscar@example.org", display_name="Oscar")
    checked = Organisation.objects.create(
        name="Checked", slug="checked", kind="charity", verified_at=timezone.now()
    )
    fake = Organisation.objects.create(name="NHS Buddy Service", slug="fake", kind="charity")
    t1 = Condition.objects.get(slug="type-1-diabetes")
    real = Programme.objects.create(
        organisation=checked,
        name="Walkers",
        slug="walkers",
        purpose="People who walk.",
        contact_modes=["online", "phone"],
        coordinator=rob,
    )
    real.conditions.set([t1])
    Programme.objects.create(
        organisation=fake,
        name="NHS Buddies",
        slug="nhs",
        purpose="Anyone.",
        contact_modes=["online"],
        coordinator=oscar,
    )
    profiles = [
        BuddyProfile.objects.create(
            programme=real,
            user=User.objects.create(email=f"{n}@example.org"),
            side=side,
            condition=t1,
            contact_modes=["online"],
        )
        for n, side in (("a", "seeker"), ("b", "supporter"))
    ]
    Match.objects.create(
        programme=real,
        seeker=profiles[0],
        supporter=profiles[1],
        score=0.5,
        reasons=[
            {
                "about": "condition",
                "for_seeker": "You both live with type 1 diabetes",
                "for_supporter": "You both live with type 1 diabetes",
                "sensitive": False,
            },
            {
                "about": "experience_gap",
                "for_seeker": "They were diagnosed 6 years before you",
                "for_supporter": "You were diagnosed 6 years before them",
                "sensitive": False,
            },
            {
                "about": "life_event",
                "for_seeker": "You are both living with a change in your condition",
                "for_supporter": "You are both living with a change in your condition",
                "sensitive": False,
            },
        ],
    )

    new = migrate(AFTER)

    Coordinator = new.get_model("buddies", "Coordinator")
    assert list(Coordinator.objects.values_list("organisation__slug", "user__email")) == [
        ("checked", "rob@example.org")
    ]
    for programme in new.get_model("buddies", "Programme").objects.all():
        listing = programme.listing
        assert listing is not None and listing.form == "buddy"
        assert listing.name == programme.name
        assert listing.status == "published"
    walkers = new.get_model("directory", "PeerGroup").objects.get(name="Walkers")
    assert [c.slug for c in walkers.conditions.all()] == ["type-1-diabetes"]
    assert (walkers.is_online, walkers.is_phone, walkers.is_in_person) == (True, True, False)
    assert "walkers" in walkers.search_document
    reasons = new.get_model("buddies", "Match").objects.get().reasons
    assert [r["for_coordinator"] for r in reasons] == [
        "Both people live with type 1 diabetes",
        "{supporter} was diagnosed 6 years before {seeker}",
        "Both people are living with a change in their condition",
    ]
