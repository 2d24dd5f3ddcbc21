"""A group's leaders and moderators see who wrote an anonymous post, and use the
moderation tools, only in a session that passed the second step at sign-in. Without it
they take part like any member: anonymous posts say "Anonymous member", and every
steward page asks for the second step first."""

from types import SimpleNamespace

import pytest
from django.urls import reverse

from kindred.community import services as community
from kindred.community.models import AnonymityView, MemberRole, Membership
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import login_with_second_factor
from kindred.moderation import services

pytestmark = pytest.mark.django_db

SHOWN = "Mina (posted anonymously)"


@pytest.fixture
def world(cast):
    """South Coast Online (Priya leads, Mo moderates, Mina and Carl are members) with
    Mina's anonymous topic, which Carl reported, and Carl's appeal of a removal."""
    group = make_community(cast)
    anonymous = community.topic_publish(
        author=cast.member,
        space=group.space,
        title="Hard week",
        body="Struggling.",
        is_anonymous=True,
    ).post
    services.report_content(reporter=cast.carer, category="abuse", reason="x", topic=anonymous)
    removed = community.topic_publish(
        author=cast.carer, space=group.space, title="My week", body="Rough week, honestly."
    ).post
    services.report_content(reporter=cast.member, category="abuse", reason="Mean", topic=removed)
    entry = services.act(
        case=removed.cases.get(), by=cast.moderator, kind="remove", reason="Unkind words."
    )
    appeal = services.appeal_submit(entry=entry, by=cast.carer, text="I was only venting.")
    return SimpleNamespace(
        group=group,
        slug=group.group.slug,
        anonymous=anonymous,
        case=anonymous.cases.get(),
        appeal=appeal,
    )


def _steward_urls(world):
    slug = world.slug
    return [
        reverse("moderation:case", args=[world.case.pk]),
        reverse("moderation:queue", args=[slug]),
        reverse("moderation:log", args=[slug]),
        reverse("moderation:workload", args=[slug]),
        reverse("moderation:settings", args=[slug]),
        reverse("moderation:appeals", args=[slug]),
        reverse("moderation:appeal", args=[world.appeal.pk]),
        reverse("community:requests", args=[slug]),
        reverse("moderation:rules-edit", args=[slug]),
    ]


def _reader_urls(world):
    return [
        world.anonymous.get_absolute_url(),
        reverse("community:space", args=[world.slug]),
        reverse("community:search", args=[world.slug]) + "?q=week",
        reverse("community:feed"),
    ]


def test_a_moderator_with_a_password_only_session_is_asked_for_the_second_step(client, cast, world):
    client.force_login(cast.moderator)  # Mo has an authenticator app but did not use it
    for url in _steward_urls(world):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("mfa_reauthenticate")), url
    assert not AnonymityView.objects.exists()


def test_the_steward_tools_that_change_things_ask_for_it_too(client, cast, world):
    client.force_login(cast.peer_leader)
    pin = reverse("community:pin", args=[world.slug, world.anonymous.pk])
    response = client.post(pin)
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    world.anonymous.refresh_from_db()
    assert not world.anonymous.is_pinned


def test_without_the_second_step_a_moderator_reads_anonymous_posts_as_any_member(
    client, cast, world
):
    client.force_login(cast.moderator)
    for url in _reader_urls(world):
        body = client.get(url).content.decode()
        assert SHOWN not in body, url
        assert "Mina" not in body, url
    assert "Anonymous member" in client.get(world.anonymous.get_absolute_url()).content.decode()
    assert not AnonymityView.objects.exists()


def test_the_group_pages_tell_a_moderator_how_to_get_the_second_step(client, cast, world):
    client.force_login(cast.moderator)
    body = client.get(world.anonymous.get_absolute_url()).content.decode()
    assert "confirm it is you with the second step" in body
    assert reverse("accounts:second-step") in body
    login_with_second_factor(client, cast.moderator)
    body = client.get(world.anonymous.get_absolute_url()).content.decode()
    assert "confirm it is you with the second step" not in body


def test_after_the_second_step_a_moderator_sees_the_author_and_each_look_is_logged(
    client, cast, world
):
    login_with_second_factor(client, cast.moderator)
    assert SHOWN in client.get(world.anonymous.get_absolute_url()).content.decode()
    assert SHOWN in client.get(reverse("moderation:case", args=[world.case.pk])).content.decode()
    assert AnonymityView.objects.filter(viewer=cast.moderator, topic=world.anonymous).count() == 2
    for url in _steward_urls(world):
        assert client.get(url).status_code == 200, url


def test_the_second_step_link_leads_back_to_the_page(client, cast, world):
    client.force_login(cast.moderator)
    here = world.anonymous.get_absolute_url()
    response = client.get(reverse("accounts:second-step") + f"?next={here}")
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert "next=" in response["Location"]
    login_with_second_factor(client, cast.moderator)
    response = client.get(reverse("accounts:second-step") + f"?next={here}")
    assert response["Location"] == here
    response = client.get(reverse("accounts:second-step") + "?next=https://evil.example/")
    assert response["Location"] == reverse("accounts:profile")


# --- setting roles ----------------------------------------------------------------------


def _carl(cast, world):
    return Membership.objects.get(space=world.group.space, user=cast.carer)


def test_a_leader_needs_the_second_step_to_make_someone_a_moderator(client, cast, world):
    client.force_login(cast.peer_leader)  # password only
    url = reverse("community:member-role", args=[world.slug, _carl(cast, world).pk])
    response = client.post(url, {"role": "moderator"})
    assert response["Location"].startswith(reverse("mfa_reauthenticate"))
    assert _carl(cast, world).role == MemberRole.MEMBER
    login_with_second_factor(client, cast.peer_leader)
    client.post(url, {"role": "moderator"})
    assert _carl(cast, world).role == MemberRole.MODERATOR


def test_someone_made_a_moderator_gets_no_reveal_until_their_own_second_step(client, cast, world):
    login_with_second_factor(client, cast.peer_leader)
    client.post(
        reverse("community:member-role", args=[world.slug, _carl(cast, world).pk]),
        {"role": "moderator"},
    )
    client.force_login(cast.carer)  # Carl has no authenticator yet
    assert SHOWN not in client.get(world.anonymous.get_absolute_url()).content.decode()
    response = client.get(reverse("moderation:case", args=[world.case.pk]))
    assert response["Location"].startswith(reverse("mfa_activate_totp"))
    assert not AnonymityView.objects.exists()


def test_the_members_page_says_what_a_new_moderator_needs(client, cast, world):
    login_with_second_factor(client, cast.peer_leader)
    body = client.get(reverse("community:members", args=[world.slug])).content.decode()
    assert "only once they have passed the second step" in body
