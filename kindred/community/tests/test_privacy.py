"""A closed group's conversations reach members only: not outsiders through the page,
an htmx fragment, the API, search, the feed or notifications."""

import pytest
from django.urls import reverse

from kindred.community import services
from kindred.community.models import Notification
from kindred.community.tests.factories import make_community

pytestmark = pytest.mark.django_db

SECRET = "my private worry about hypos"


@pytest.fixture
def topic(cast):
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Private", body=SECRET
    ).post
    services.reply_post(author=cast.carer, topic=topic, body="reply " + SECRET)
    return topic


def _urls(topic):
    slug = topic.space.group.slug
    return [
        reverse("community:topic", args=[slug, topic.pk]),
        reverse("community:search", args=[slug]) + "?q=hypos",
        reverse("community:members", args=[slug]),
        reverse("community:topic-new", args=[slug]),
        reverse("community:topic-image", args=[slug, topic.pk]),
    ]


def test_outsiders_cannot_read_a_closed_groups_topics(client, cast, topic):
    client.force_login(cast.outsider)
    for url in _urls(topic):
        for headers in [{}, {"HX-Request": "true"}]:
            response = client.get(url, headers=headers)
            assert response.status_code == 404, url
            assert SECRET not in response.content.decode()
    space_page = client.get(reverse("community:space", args=[topic.space.group.slug]))
    assert SECRET not in space_page.content.decode()
    assert "Ask to join" in space_page.content.decode()
    reply = client.post(
        reverse("community:reply", args=[topic.space.group.slug, topic.pk]), {"body": "x"}
    )
    assert reply.status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, topic):
    for url in _urls(topic):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]


def test_the_api_refuses_outsiders(client, cast, topic):
    url = f"/api/v1/groups/{topic.space.group.slug}/topics"
    assert client.get(url).status_code == 401
    client.force_login(cast.outsider)
    response = client.get(url)
    assert response.status_code == 404
    assert SECRET not in response.content.decode()
    client.force_login(cast.carer)
    response = client.get(url)
    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_the_feed_and_notifications_stay_inside_the_group(client, cast, topic):
    client.force_login(cast.outsider)
    assert SECRET not in client.get(reverse("community:feed")).content.decode()
    assert not Notification.objects.filter(user=cast.outsider).exists()


def test_a_person_who_leaves_loses_access(client, cast, topic):
    services.membership_leave(space=topic.space, user=cast.carer)
    client.force_login(cast.carer)
    assert client.get(topic.get_absolute_url()).status_code == 404


def test_no_member_list_for_non_members(client, cast, topic):
    client.force_login(cast.outsider)
    body = client.get(reverse("community:space", args=[topic.space.group.slug])).content.decode()
    assert "Carl" not in body
