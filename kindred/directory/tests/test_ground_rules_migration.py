"""Ground rules kept in three places (the listing's text, moderation's versions, the
space's version number) became one list of versions in the directory: every version
keeps its number, so what members accepted still means the same."""

from __future__ import annotations

import pytest

from kindred.community import services as community
from kindred.core.tests.cast import build_cast
from kindred.core.tests.migrations import migrate
from kindred.directory.tests.factories import make_group

BEFORE = [
    ("directory", "0004_group_service_area"),
    ("moderation", "0006_report_from_community"),
    ("community", "0009_report_moves_to_moderation"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_each_groups_rules_keep_their_versions_after_the_move(latest_schema_afterwards):  # type: ignore[no-untyped-def]
    cast = build_cast()
    versioned = make_group(organisation=cast.organisation, name="Versioned")
    space = community.space_open(group=versioned, leader=cast.peer_leader, visibility="open")
    text_only = make_group(organisation=cast.organisation, name="Text only")
    community.space_open(group=text_only, leader=cast.peer_leader, visibility="open")
    listing_only = make_group(organisation=cast.organisation, name="Listing only")
    no_rules = make_group(organisation=cast.organisation, name="No rules")

    old = migrate(BEFORE)
    OldGroup = old.get_model("directory", "PeerGroup")
    OldSpace = old.get_model("community", "Space")
    OldRules = old.get_model("moderation", "RulesVersion")
    OldGroup.objects.filter(pk=versioned.pk).update(ground_rules="Be kind. No selling.")
    OldRules.objects.create(space_id=space.pk, version=1, text="Be kind.")
    OldRules.objects.create(
        space_id=space.pk, version=2, text="Be kind. No selling.", summary="No selling"
    )
    OldSpace.objects.filter(pk=space.pk).update(rules_version=2)
    OldGroup.objects.filter(pk=text_only.pk).update(ground_rules="  Listen first.  ")
    OldGroup.objects.filter(pk=listing_only.pk).update(ground_rules="No medical advice.")

    migrate()

    from kindred.directory.models import GroundRules, PeerGroup

    def versions(group: PeerGroup) -> list[tuple[int, str]]:
        rows = GroundRules.objects.filter(group=group).order_by("version")
        return [(rules.version, rules.text) for rules in rows]

    assert versions(versioned) == [(1, "Be kind."), (2, "Be kind. No selling.")]
    assert GroundRules.objects.get(group=versioned, version=2).summary == "No selling"
    assert versions(text_only) == [(1, "Listen first.")]
    assert versions(listing_only) == [(1, "No medical advice.")]
    assert versions(no_rules) == []
    from kindred.community.models import Space

    assert Space.objects.get(pk=space.pk).rules_version == 2
