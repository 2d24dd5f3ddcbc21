import pytest
from django.urls import reverse

from kindred.community import services
from kindred.community.models import Reply, Topic
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import login_with_second_factor

pytestmark = pytest.mark.django_db


def _fill(community, cast, topics, replies):
    first = None
    for n in range(topics):
        topic = services.topic_publish(
            author=cast.member,
            space=community.space,
            title=f"Topic {n}",
            body="Body",
            tags=["walks"],
            is_anonymous=n % 2 == 0,
        )
        first = first or topic
    Reply.objects.bulk_create(
        Reply(
            topic=first,
            author=cast.carer if n % 2 else cast.member,
            body=f"r{n}",
            body_html=f"<p>r{n}</p>",
        )
        for n in range(replies)
    )
    Topic.objects.filter(pk=first.pk).update(reply_count=replies)
    return first


@pytest.mark.parametrize("size", [3, 40])
def test_the_topic_page_runs_a_fixed_number_of_queries(
    client, cast, size, django_assert_num_queries
):
    community = make_community(cast)
    topic = _fill(community, cast, 1, size)
    login_with_second_factor(client, cast.carer)
    client.get(topic.get_absolute_url())  # warm the session
    # One of them fetches the notes under the topic and all its replies at once.
    with django_assert_num_queries(11):
        assert client.get(topic.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("size", [3, 40])
def test_the_group_page_runs_a_fixed_number_of_queries(
    client, cast, size, django_assert_num_queries
):
    community = make_community(cast)
    _fill(community, cast, size, 0)
    login_with_second_factor(client, cast.carer)
    url = reverse("community:space", args=[community.group.slug])
    client.get(url)
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [3, 40])
def test_the_feed_runs_a_fixed_number_of_queries(client, cast, size, django_assert_num_queries):
    community = make_community(cast)
    _fill(community, cast, size, 0)
    for n in range(size):
        services.blog_post_publish(
            author=cast.member, title=f"Post {n}", body="b", audience="my_groups"
        )
    login_with_second_factor(client, cast.carer)
    url = reverse("community:feed")
    client.get(url)
    with django_assert_num_queries(8):
        assert client.get(url).status_code == 200
