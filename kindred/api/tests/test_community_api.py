"""The online groups' API shows a steward who wrote an anonymous post on the same terms
as the pages: only in a session that passed the second step, and each look is logged."""

import pytest
from django.urls import reverse

from kindred.community import services
from kindred.community.models import AnonymityView
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import login_with_second_factor

pytestmark = pytest.mark.django_db

SHOWN = "Mina (posted anonymously)"


@pytest.fixture
def anonymous_topic(cast):
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.member,
        space=community.space,
        title="Hard week",
        body="Struggling.",
        is_anonymous=True,
    ).post
    return topic


def _topics(client, topic):
    url = reverse("api:topics", kwargs={"slug": topic.space.group.slug})
    response = client.get(url)
    assert response.status_code == 200
    return {t["id"]: t["author"] for t in response.json()}


def test_it_logs_each_time_it_shows_a_moderator_an_anonymous_author(client, cast, anonymous_topic):
    login_with_second_factor(client, cast.moderator)
    assert _topics(client, anonymous_topic)[anonymous_topic.pk] == SHOWN
    assert AnonymityView.objects.filter(viewer=cast.moderator, topic=anonymous_topic).count() == 1


def test_it_hides_the_author_from_a_moderator_without_the_second_step(
    client, cast, anonymous_topic
):
    client.force_login(cast.moderator)
    assert _topics(client, anonymous_topic)[anonymous_topic.pk] == "Anonymous member"
    assert not AnonymityView.objects.exists()


def test_it_hides_the_author_from_members(client, cast, anonymous_topic):
    login_with_second_factor(client, cast.carer)
    assert _topics(client, anonymous_topic)[anonymous_topic.pk] == "Anonymous member"
    assert not AnonymityView.objects.exists()


def test_it_refuses_outsiders(client, cast, anonymous_topic):
    login_with_second_factor(client, cast.outsider)
    url = reverse("api:topics", kwargs={"slug": anonymous_topic.space.group.slug})
    assert client.get(url).status_code == 404
