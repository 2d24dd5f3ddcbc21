"""An anonymous post is nobody's to anyone but the group's moderators: no list, filter,
count, order or notice may change with who really wrote it. Blocking hides only the
blocked person's named posts; following someone never brings their anonymous posts."""

import pytest
from django.urls import reverse

from kindred.community import messaging, services
from kindred.community.models import Notification, NotificationKind, Topic
from kindred.community.tests.factories import add_member, make_community
from kindred.core.tests.cast import make_user

pytestmark = pytest.mark.django_db

SECRET_TITLE = "Something I have not told anyone"


@pytest.fixture
def community(cast):
    """Priya leads, Mo moderates; Mina, Carl, Pebble and Tidepool are members."""
    community = make_community(cast)
    community.pebble = make_user("pebble@example.org", "Pebble")
    community.tidepool = make_user("tidepool@example.org", "Tidepool")
    add_member(community.space, community.pebble)
    add_member(community.space, community.tidepool)
    return community


def _post(author, space, title, *, anonymous=False, tags=()):
    return services.topic_publish(
        author=author,
        space=space,
        title=title,
        body="Some words about it.",
        is_anonymous=anonymous,
        tags=tags,
    ).post


def test_blocking_members_one_by_one_never_hides_an_anonymous_topic(client, cast, community):
    """The attack from the security review: Carl blocks the members one by one and
    reloads his feed, watching for the anonymous topic to disappear."""
    _post(cast.member, community.space, SECRET_TITLE, anonymous=True)
    _post(cast.member, community.space, "A named topic from Mina")
    client.force_login(cast.carer)
    feed_url = reverse("community:feed")
    assert SECRET_TITLE in client.get(feed_url).content.decode()

    for person in [
        community.pebble,
        cast.peer_leader,
        cast.member,
        cast.moderator,
        community.tidepool,
    ]:
        response = client.post(
            reverse("messages:member-block", args=[person.pk]), {"action": "block"}
        )
        assert response.status_code == 302
        assert messaging.has_blocked(cast.carer, person)
        body = client.get(feed_url).content.decode()
        assert SECRET_TITLE in body, f"the anonymous topic vanished after blocking {person}"

    # Blocking still does its job for named posts.
    assert "A named topic from Mina" not in client.get(feed_url).content.decode()


def test_blocking_the_real_author_does_not_hide_their_anonymous_topic(cast, community):
    secret = _post(cast.member, community.space, SECRET_TITLE, anonymous=True)
    named = _post(cast.member, community.space, "A named topic from Mina")
    messaging.block_toggle(blocker=cast.carer, blocked=cast.member)

    from kindred.community.queries import feed_topics

    shown = feed_topics(cast.carer)
    assert secret in shown
    assert named not in shown


def test_named_by_treats_anonymous_posts_as_nobodys(cast, community):
    secret = _post(cast.member, community.space, SECRET_TITLE, anonymous=True)
    named = _post(cast.member, community.space, "A named topic from Mina")
    other = _post(cast.carer, community.space, "A topic from Carl")

    assert list(Topic.objects.named_by([cast.member.pk])) == [named]
    left = set(Topic.objects.not_named_by([cast.member.pk]))
    assert left == {secret, other}


def test_a_follower_of_the_real_author_hears_nothing_about_an_anonymous_topic(cast, community):
    services.member_follow_toggle(follower=cast.carer, followed=cast.member)
    _post(cast.member, community.space, SECRET_TITLE, anonymous=True)
    assert not Notification.objects.filter(user=cast.carer, kind=NotificationKind.NEW_TOPIC)
    assert not Notification.objects.filter(text__contains="Mina")

    _post(cast.member, community.space, "A named topic from Mina")
    assert Notification.objects.filter(
        user=cast.carer, kind=NotificationKind.NEW_TOPIC, text__contains="Mina started"
    ).exists()


def test_the_block_page_says_anonymous_posts_still_show(client, cast, community):
    client.force_login(cast.carer)
    body = client.get(reverse("messages:member-block", args=[cast.member.pk])).content.decode()
    assert "Anonymous posts still show" in body


def test_someone_who_blocked_the_real_author_still_hears_of_an_anonymous_reply(cast, community):
    topic = _post(cast.carer, community.space, "Night-time lows")
    services.reply_post(author=cast.moderator, topic=topic, body="Same here.")
    messaging.block_toggle(blocker=cast.moderator, blocked=cast.member)
    Notification.objects.all().delete()
    services.reply_post(author=cast.member, topic=topic, body="Me too.", is_anonymous=True)

    told = Notification.objects.filter(kind=NotificationKind.REPLY)
    assert set(told.values_list("user", flat=True)) == {cast.carer.pk, cast.moderator.pk}
    assert all(n.text.startswith("Anonymous member replied") for n in told)
