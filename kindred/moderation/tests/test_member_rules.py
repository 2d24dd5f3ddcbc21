"""A group's written ground rules: members read the current version and accept it when
it changes; leaders and moderators write new versions, starting from a template."""

import pytest
from django.urls import reverse

from kindred.community.models import Membership
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import login_with_second_factor
from kindred.directory.models import GroundRules
from kindred.moderation import services as moderation

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(cast):
    return make_community(cast)


def _rules_url(community):
    return reverse("moderation:rules", args=[community.group.slug])


def _edit_url(community):
    return reverse("moderation:rules-edit", args=[community.group.slug])


def _accepted(community, user):
    return Membership.objects.get(space=community.space, user=user).rules_version_accepted


def test_a_leader_writes_rules_starting_from_the_template(client, cast, community):
    login_with_second_factor(client, cast.peer_leader)
    page = client.get(_edit_url(community)).content.decode()
    # The rules written on the group's directory page.
    assert "Be kind. No medical advice. No selling." in page
    GroundRules.objects.filter(group=community.group).delete()  # A group with none yet.
    page = client.get(_edit_url(community)).content.decode()
    assert "Share your own experience, not medical advice." in page

    response = client.post(_edit_url(community), {"text": "Be kind.", "summary": "First version"})
    assert response.status_code == 302
    response = client.post(
        _edit_url(community),
        {"text": "Be kind.\nNo selling.", "summary": "Added: no selling."},
    )
    assert response.status_code == 302
    assert list(GroundRules.objects.values_list("version", flat=True)) == [2, 1]
    page = client.get(_edit_url(community)).content.decode()
    assert "No selling." in page  # Prefilled with the current version.
    assert "Earlier versions" in page and "First version" in page


def test_changing_the_rules_of_the_listing_asks_members_to_accept(client, cast, community):
    login_with_second_factor(client, cast.peer_leader)
    client.post(_edit_url(community), {"text": "Be kind. No selling. No links."})
    versions = list(GroundRules.objects.order_by("version").values_list("version", "text"))
    assert versions == [
        (1, "Be kind. No medical advice. No selling."),
        (2, "Be kind. No selling. No links."),
    ]
    assert _accepted(community, cast.member) == 1
    assert community.space.rules_version == 2
    assert _accepted(community, cast.peer_leader) == 2


def test_a_member_is_asked_to_accept_changed_rules_and_goes_back(client, cast, community):
    moderation.rules_publish(space=community.space, by=None, text="Be kind.")
    moderation.rules_publish(
        space=community.space,
        by=cast.peer_leader,
        text="Be kind. No selling.",
        summary="No selling.",
    )
    login_with_second_factor(client, cast.member)
    space_page = client.get(reverse("community:space", args=[community.group.slug]))
    assert "The ground rules of this group changed." in space_page.content.decode()

    page = client.get(_rules_url(community) + "?next=/feed/").content.decode()
    assert "Be kind. No selling." in page
    assert "What changed:" in page and "No selling." in page
    assert "I accept the ground rules" in page
    response = client.post(_rules_url(community), {"next": "/feed/"})
    assert response["Location"] == "/feed/"
    assert _accepted(community, cast.member) == 3
    page = client.get(_rules_url(community)).content.decode()
    assert "I accept the ground rules" not in page
    space_page = client.get(reverse("community:space", args=[community.group.slug]))
    assert "The ground rules of this group changed." not in space_page.content.decode()


def test_accepting_never_sends_people_to_another_site(client, cast, community):
    login_with_second_factor(client, cast.member)
    response = client.post(_rules_url(community), {"next": "https://evil.example/"})
    assert response["Location"] == community.space.get_absolute_url()


def test_only_leaders_and_moderators_change_the_rules(client, cast, community):
    for person in [cast.member, cast.carer, cast.outsider]:
        login_with_second_factor(client, person)
        assert client.get(_edit_url(community)).status_code == 404
        assert client.post(_edit_url(community), {"text": "Anything goes"}).status_code == 404
    assert GroundRules.objects.count() == 1, "only the listing's rules"
    login_with_second_factor(client, cast.moderator)
    assert client.post(_edit_url(community), {"text": "Be kind."}).status_code == 302


def test_the_join_page_shows_the_current_rules(client, cast, community):
    moderation.rules_publish(space=community.space, by=None, text="Rule one: be kind.")
    login_with_second_factor(client, cast.outsider)
    page = client.get(reverse("community:space", args=[community.group.slug])).content.decode()
    assert "Rule one: be kind." in page
    assert "Be kind. No medical advice. No selling." not in page, "not the earlier version"


def test_rules_changed_on_the_directory_page_become_a_new_version_to_accept(cast, community):
    """The directory cannot import moderation: the change reaches the online space
    through the hook moderation installs (directory/extensions.py)."""
    from kindred.directory import services as directory

    group = community.group
    before = GroundRules.objects.count()
    written = "Be kind. No selling. Listen first."
    directory.peer_group_save(
        group=group, conditions=group.conditions.all(), ground_rules=written, by=cast.org_admin
    )
    latest = GroundRules.objects.order_by("version").last()
    assert latest is not None and latest.text == written
    assert GroundRules.objects.count() == before + 1
    assert community.space.rules_version == latest.version
    assert _accepted(community, cast.member) < latest.version, "members are asked to accept"
    assert "ground rules of" in cast.member.notifications.latest("id").text
    # Saving the listing again without a change adds no version.
    directory.peer_group_save(group=group, conditions=group.conditions.all(), ground_rules=written)
    assert GroundRules.objects.count() == before + 1


def test_the_directory_form_changes_the_rules_but_never_removes_them(client, cast, community):
    from kindred.directory.forms import PeerGroupForm

    form = PeerGroupForm(instance=community.group)
    assert form.initial["ground_rules"] == "Be kind. No medical advice. No selling."
    emptied = PeerGroupForm({"ground_rules": "  "}, instance=community.group)
    assert not emptied.is_valid()
    assert "cannot be removed" in emptied.errors["ground_rules"][0]
    assert GroundRules.objects.filter(group=community.group).count() == 1
