"""Defects found when moderation was tried as a new member would: a warning confirmed
with "post it anyway" still reaches the group's moderators, and a held post tells its
author why, in the same kind words the moderators see."""

import pytest
from django.urls import reverse

from kindred.community.models import Topic
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import login_with_second_factor
from kindred.moderation import services as moderation
from kindred.moderation.models import ActionKind, Case, LogEntry, Urgency

pytestmark = pytest.mark.django_db

ADVICE = "You should stop taking your metformin, it's poison."
PROMO = "Use my code HEALTHY20 for 20% off these amazing blood sugar drops!"


@pytest.fixture
def community(cast):
    return make_community(cast)


def _new_topic_url(community):
    return reverse("community:topic-new", args=[community.group.slug])


def test_it_leaves_a_case_when_a_member_posts_medical_advice_anyway(client, cast, community):
    client.force_login(cast.member)
    url = _new_topic_url(community)
    first = client.post(url, {"title": "Metformin", "body": ADVICE})
    assert "I have read this and want to post it anyway" in first.content.decode()
    assert not Case.objects.exists()
    done = client.post(
        url,
        {"title": "Metformin", "body": ADVICE, "confirmed": "medical_advice", "confirm": "on"},
    )
    assert done.status_code == 302
    topic = Topic.objects.get()
    assert not topic.is_hidden  # The group's setting is "warn": it is published.
    case = Case.objects.get(topic=topic)
    assert case.urgency == Urgency.NORMAL
    assert not case.held
    assert case.categories == ["medical_advice"]
    assert any("posted it anyway" in str(f["reason"]) for f in case.findings)
    entry = LogEntry.objects.get(case=case)
    assert entry.kind == ActionKind.FLAGGED
    assert "posted it anyway" in entry.reason
    assert list(moderation.queue(community.space, cast.moderator)) == [case]
    login_with_second_factor(client, cast.moderator)
    page = client.get(reverse("moderation:queue", args=[community.group.slug])).content.decode()
    assert f"/moderation/cases/{case.pk}/" in page or case.get_absolute_url() in page


def test_it_tells_the_author_of_a_held_post_why_it_is_held(client, cast, community):
    client.force_login(cast.member)
    response = client.post(
        _new_topic_url(community), {"title": "Great drops", "body": PROMO}, follow=True
    )
    topic = Topic.objects.get()
    assert topic.is_hidden
    page = response.content.decode()
    case = Case.objects.get(topic=topic)
    reason = str(case.findings[0]["reason"])
    assert "Waiting for a moderator" in page
    # The same words the moderators see on the case.
    assert reason in page
    # Only the author sees them, not another member.
    client.force_login(cast.carer)
    assert client.get(topic.get_absolute_url()).status_code == 404


def test_it_tells_the_author_of_a_held_reply_why_it_is_held(client, cast, community):
    from kindred.community import services

    topic = services.topic_publish(
        author=cast.carer, space=community.space, title="Drops", body="Has anyone tried drops?"
    ).post
    client.force_login(cast.member)
    url = reverse("community:reply", args=[community.group.slug, topic.pk])
    response = client.post(url, {"body": PROMO}, follow=True)
    page = response.content.decode()
    assert "Waiting for a moderator: only you can see this for now" in page
    assert "discount, promo or referral code" in page
    # The member who wrote the topic sees neither the reply nor why.
    client.force_login(cast.carer)
    assert (
        "discount, promo or referral code"
        not in client.get(topic.get_absolute_url()).content.decode()
    )


# --- a private message from the crisis case page ----------------------------------------

CRISIS = "I want to die. I can't do this anymore."


def _crisis_case(cast, community):
    from kindred.community import services

    services.topic_publish(author=cast.member, space=community.space, title="Tonight", body=CRISIS)
    return Case.objects.get()


def test_it_lets_the_groups_moderator_message_the_author_from_a_crisis_case(
    client, cast, community
):
    from kindred.community.models import CommunityPreference, Message, MessagesFrom

    CommunityPreference.objects.update_or_create(
        user=cast.member, defaults={"messages_from": MessagesFrom.BUDDIES_ONLY}
    )
    case = _crisis_case(cast, community)
    login_with_second_factor(client, cast.moderator)
    page = client.get(case.get_absolute_url()).content.decode()
    assert "Send a private message" in page
    url = reverse("moderation:case-message", args=[case.pk])
    response = client.post(
        url, {"body": "Hi Mina, I saw your post. I am here if you want to talk."}
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.sender == cast.moderator
    assert message.conversation.includes(cast.member)
    assert not message.withheld
    assert LogEntry.objects.filter(case=case, kind=ActionKind.MESSAGED).exists()


@pytest.mark.parametrize("who", ["outsider", "other_moderator"])
def test_it_refuses_a_case_message_from_anyone_but_the_groups_moderators(
    client, cast, community, who
):
    from kindred.community.models import MemberRole, Message
    from kindred.community.tests.factories import add_member

    case = _crisis_case(cast, community)
    if who == "other_moderator":
        other = make_community(cast, name="Another Online")
        add_member(other.space, cast.clinician, MemberRole.MODERATOR)
    person = cast.outsider if who == "outsider" else cast.clinician
    login_with_second_factor(client, person)
    url = reverse("moderation:case-message", args=[case.pk])
    response = client.post(url, {"body": "Hello"})
    assert response.status_code == 404
    assert not Message.objects.exists()
