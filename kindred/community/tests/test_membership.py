import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from kindred.accounts.services import role_grant
from kindred.community import services
from kindred.community.models import Membership, MembershipStatus, Notification
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import login_with_second_factor

pytestmark = pytest.mark.django_db


def test_a_person_asks_to_join_a_closed_group_and_a_leader_approves(client, cast):
    community = make_community(cast)
    login_with_second_factor(client, cast.outsider)
    url = reverse("community:join", args=[community.group.slug])
    response = client.post(
        url,
        {
            "accepts_rules": "on",
            "lives_with_condition": "on",
            "answer_0": "Just diagnosed",
            "answer_1": "Two months",
        },
    )
    assert response.status_code == 302
    membership = Membership.objects.get(space=community.space, user=cast.outsider)
    assert membership.status == MembershipStatus.PENDING
    assert membership.answers == ["Just diagnosed", "Two months"]
    assert Notification.objects.filter(user=cast.peer_leader, kind="join_request").exists()

    login_with_second_factor(client, cast.peer_leader)
    page = client.get(reverse("community:requests", args=[community.group.slug]))
    assert "Just diagnosed" in page.content.decode()
    client.post(
        reverse("community:request-decide", args=[community.group.slug, membership.pk]),
        {"decision": "approve", "message": "Welcome!"},
    )
    membership.refresh_from_db()
    assert membership.status == MembershipStatus.ACTIVE
    assert Notification.objects.filter(user=cast.outsider, kind="join_decision").exists()


def test_unanswered_questions_and_unaccepted_rules_are_explained_and_kept(client, cast):
    community = make_community(cast)
    login_with_second_factor(client, cast.outsider)
    response = client.post(
        reverse("community:join", args=[community.group.slug]),
        {"answer_0": "Just diagnosed", "answer_1": ""},
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Please read and accept the ground rules to join." in body
    assert "Please answer this question." in body
    assert "Just diagnosed" in body


def test_an_open_group_lets_people_straight_in(cast):
    community = make_community(cast, visibility="open", join_questions=[])
    membership = services.membership_request(
        space=community.space, user=cast.outsider, answers=[], accepts_rules=True
    )
    assert membership.status == MembershipStatus.ACTIVE


def test_the_professional_presence_policy_is_enforced(cast):
    role_grant(user=cast.outsider, role="clinician")
    peers_only = make_community(
        cast, name="Peers Only", professional_policy="none", visibility="open", join_questions=[]
    )
    with pytest.raises(services.CommunityError):
        services.membership_request(
            space=peers_only.space, user=cast.outsider, answers=[], accepts_rules=True
        )
    lived = make_community(
        cast,
        name="Lived Only",
        professional_policy="lived_only",
        visibility="open",
        join_questions=[],
    )
    with pytest.raises(services.CommunityError):
        services.membership_request(
            space=lived.space,
            user=cast.outsider,
            answers=[],
            accepts_rules=True,
            is_professional=True,
            lives_with_condition=False,
        )
    membership = services.membership_request(
        space=lived.space,
        user=cast.outsider,
        answers=[],
        accepts_rules=True,
        is_professional=True,
        lives_with_condition=True,
    )
    assert membership.status == MembershipStatus.ACTIVE


def test_a_carers_space_asks_people_to_confirm_they_care_for_someone(cast):
    community = make_community(cast, visibility="open", join_questions=[], is_carers_space=True)
    with pytest.raises(services.CommunityError):
        services.membership_request(
            space=community.space, user=cast.outsider, answers=[], accepts_rules=True
        )
    services.membership_request(
        space=community.space, user=cast.outsider, answers=[], accepts_rules=True, is_carer=True
    )


def test_a_hidden_group_is_404_to_outsiders_and_open_to_the_invited(client, cast):
    community = make_community(cast, visibility="hidden")
    login_with_second_factor(client, cast.outsider)
    slug = community.group.slug
    assert client.get(reverse("community:space", args=[slug])).status_code == 404
    assert (
        client.post(reverse("community:join", args=[slug]), {"accepts_rules": "on"}).status_code
        == 404
    )
    assert client.get(community.group.get_absolute_url()).status_code == 404
    assert community.group.name not in client.get(reverse("directory:search")).content.decode()
    with pytest.raises(PermissionDenied):
        services.membership_request(
            space=community.space, user=cast.outsider, answers=[], accepts_rules=True
        )
    services.membership_invite(space=community.space, by=cast.peer_leader, user=cast.outsider)
    assert client.get(reverse("community:space", args=[slug])).status_code == 200
    client.post(
        reverse("community:join", args=[slug]),
        {"accepts_rules": "on", "lives_with_condition": "on"},
    )
    assert Membership.objects.get(space=community.space, user=cast.outsider).status == "active"


def test_only_stewards_review_requests(client, cast):
    community = make_community(cast)
    url = reverse("community:requests", args=[community.group.slug])
    for person in [cast.member, cast.outsider]:
        login_with_second_factor(client, person)
        assert client.get(url).status_code == 404
    pending = services.membership_request(
        space=community.space, user=cast.outsider, answers=["a", "b"], accepts_rules=True
    )
    login_with_second_factor(client, cast.member)
    decide = reverse("community:request-decide", args=[community.group.slug, pending.pk])
    assert client.post(decide, {"decision": "approve"}).status_code == 404
    pending.refresh_from_db()
    assert pending.status == MembershipStatus.PENDING


def test_leaving_needs_confirmation_and_the_last_leader_stays(client, cast):
    community = make_community(cast)
    login_with_second_factor(client, cast.member)
    url = reverse("community:leave", args=[community.group.slug])
    assert "Yes, leave the group" in client.get(url).content.decode()
    client.post(url)
    assert Membership.objects.get(space=community.space, user=cast.member).status == "left"
    with pytest.raises(services.CommunityError):
        services.membership_leave(space=community.space, user=cast.peer_leader)


def test_muting_a_group_stops_its_notifications(cast):
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Hi", body="Hello"
    ).post
    services.membership_set_muted(space=community.space, user=cast.member, muted=True)
    services.reply_post(author=cast.carer, topic=topic, body="Welcome")
    assert not Notification.objects.filter(user=cast.member, kind="reply").exists()


def test_only_a_leader_changes_roles(client, cast):
    community = make_community(cast)
    carl = Membership.objects.get(space=community.space, user=cast.carer)
    url = reverse("community:member-role", args=[community.group.slug, carl.pk])
    login_with_second_factor(client, cast.moderator)
    assert client.post(url, {"role": "moderator"}).status_code == 404
    login_with_second_factor(client, cast.peer_leader)
    client.post(url, {"role": "moderator"})
    carl.refresh_from_db()
    assert carl.role == "moderator"


def test_a_member_follows_another_from_the_member_list(client, cast):
    from kindred.community.models import MemberFollow

    community = make_community(cast)
    mina = Membership.objects.get(space=community.space, user=cast.member)
    login_with_second_factor(client, cast.carer)
    client.post(reverse("community:member-follow", args=[community.group.slug, mina.pk]))
    assert MemberFollow.objects.filter(follower=cast.carer, followed=cast.member).exists()
    login_with_second_factor(client, cast.outsider)
    url = reverse("community:member-follow", args=[community.group.slug, mina.pk])
    assert client.post(url).status_code == 404


def test_a_leaders_welcome_message_reaches_the_new_member(client, cast):
    community = make_community(cast)
    membership = services.membership_request(
        space=community.space, user=cast.outsider, answers=["a", "b"], accepts_rules=True
    )
    welcome = "Hello Oscar! Come to our Tuesday chat, we would love to meet you. " * 7
    welcome = welcome.strip()[:500]
    login_with_second_factor(client, cast.peer_leader)
    client.post(
        reverse("community:request-decide", args=[community.group.slug, membership.pk]),
        {"decision": "approve", "message": welcome},
    )

    client.force_login(cast.outsider)
    notifications = client.get(reverse("messages:notifications")).content.decode()
    assert "Priya wrote: “Hello Oscar! Come to our Tuesday chat" in notifications
    # The whole message, however long, is on the group page the notification opens.
    notification = Notification.objects.get(user=cast.outsider, kind="join_decision")
    assert notification.url == community.space.get_absolute_url()
    group_page = client.get(notification.url).content.decode()
    assert "A message from Priya, who said yes to your request" in group_page
    assert welcome in group_page
    # Other members do not see it.
    client.force_login(cast.member)
    assert welcome not in client.get(notification.url).content.decode()


def test_a_no_carries_the_message_without_naming_who_said_it(cast):
    community = make_community(cast)
    membership = services.membership_request(
        space=community.space, user=cast.outsider, answers=["a", "b"], accepts_rules=True
    )
    services.membership_decide(
        membership=membership, by=cast.moderator, approve=False, message="This group is full."
    )
    text = Notification.objects.get(user=cast.outsider, kind="join_decision").text
    assert "The group's leaders wrote: “This group is full.”" in text
    assert cast.moderator.display_name not in text
