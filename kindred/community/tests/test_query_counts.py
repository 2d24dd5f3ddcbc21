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
        ).post
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


@pytest.mark.parametrize("size", [1, 4])
def test_the_requests_page_counts_who_is_waiting_in_a_fixed_number_of_queries(
    client, cast, size, django_assert_num_queries
):
    from kindred.core.tests.cast import make_user

    community = make_community(cast)
    for n in range(size):
        services.membership_request(
            space=community.space,
            user=make_user(f"asker{n}@example.org", f"Asker {n}"),
            answers=["a", "b"],
            accepts_rules=True,
        )
    login_with_second_factor(client, cast.peer_leader)
    url = reverse("community:requests", args=[community.group.slug])
    client.get(url)
    with django_assert_num_queries(5):
        page = client.get(url).content.decode()
    assert f"Requests to join ({size})</a>" in page
    assert "QuerySet" not in page


@pytest.mark.parametrize("size", [3, 40])
def test_the_topic_page_counts_reactions_on_every_reply_in_a_fixed_number_of_queries(
    client, cast, size, django_assert_num_queries
):
    community = make_community(cast)
    topic = _fill(community, cast, 1, size)
    for person in (cast.member, cast.moderator):
        services.reaction_toggle(user=person, kind="thanks", topic=topic)
        for reply in topic.replies.all():
            services.reaction_toggle(user=person, kind="thanks", reply=reply)
            services.reaction_toggle(user=person, kind="strength", reply=reply)
    client.force_login(cast.member)
    client.get(topic.get_absolute_url())
    with django_assert_num_queries(11):
        page = client.get(topic.get_absolute_url()).content.decode()
    assert page.count('aria-pressed="true"') == 1 + 2 * min(size, 30)
