import pytest
from django.urls import reverse

from kindred.community import services
from kindred.community.models import AnonymityView, Notification, Revision
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import login_with_second_factor

pytestmark = pytest.mark.django_db


def test_a_member_starts_a_topic_and_another_replies(client, cast):
    community = make_community(cast)
    login_with_second_factor(client, cast.member)
    response = client.post(
        reverse("community:topic-new", args=[community.group.slug]),
        {"title": "New pump", "body": "Starting a **pump** next week.", "tags": "#pumps #GBDOC"},
    )
    assert response.status_code == 302
    topic = community.space.topics.get()
    assert "<strong>pump</strong>" in topic.body_html
    assert sorted(t.name for t in topic.tags.all()) == ["gbdoc", "pumps"]

    login_with_second_factor(client, cast.carer)
    response = client.post(
        reverse("community:reply", args=[community.group.slug, topic.pk]),
        {"body": "Good luck with it!"},
    )
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.reply_count == 1
    note = Notification.objects.get(user=cast.member, kind="reply")
    assert "Carl replied" in note.text


def test_an_htmx_reply_returns_the_reply_and_a_fresh_form(client, cast):
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Hi", body="Hello"
    ).post
    login_with_second_factor(client, cast.carer)
    response = client.post(
        reverse("community:reply", args=[community.group.slug, topic.pk]),
        {"body": "Hello back"},
        headers={"HX-Request": "true"},
    )
    body = response.content.decode()
    assert 'hx-swap-oob="beforeend:#replies"' in body
    assert "Hello back" in body
    assert 'id="reply-form"' in body
    assert "<html" not in body


def test_an_empty_reply_is_refused_with_a_message(client, cast):
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Hi", body="Hello"
    ).post
    login_with_second_factor(client, cast.carer)
    response = client.post(
        reverse("community:reply", args=[community.group.slug, topic.pk]), {"body": ""}
    )
    assert response.status_code == 400
    assert "Write your reply before you send it." in response.content.decode()


def test_an_anonymous_post_hides_the_author_from_members_only(client, cast):
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.member,
        space=community.space,
        title="Hard week",
        body="Struggling.",
        is_anonymous=True,
    ).post
    url = topic.get_absolute_url()
    login_with_second_factor(client, cast.carer)
    body = client.get(url).content.decode()
    assert "Anonymous member" in body
    assert "Mina" not in body
    login_with_second_factor(client, cast.moderator)
    body = client.get(url).content.decode()
    assert "Mina (posted anonymously)" in body
    assert AnonymityView.objects.filter(viewer=cast.moderator, topic=topic).exists()


def test_a_group_can_refuse_anonymous_posts(cast):
    community = make_community(cast, allow_anonymous=False)
    with pytest.raises(services.CommunityError):
        services.topic_publish(
            author=cast.member, space=community.space, title="x", body="y", is_anonymous=True
        )


def test_edits_keep_history_for_moderators(client, cast):
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Old", body="First words"
    ).post
    services.topic_edit(topic=topic, by=cast.member, title="New", body="Second words")
    assert Revision.objects.get(topic=topic).body == "First words"
    login_with_second_factor(client, cast.carer)
    assert "First words" not in client.get(topic.get_absolute_url()).content.decode()
    login_with_second_factor(client, cast.moderator)
    assert "First words" in client.get(topic.get_absolute_url()).content.decode()


def test_support_reactions_toggle(client, cast):
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Hi", body="Hello"
    ).post
    assert services.reaction_toggle(user=cast.carer, kind="strength", topic=topic) is True
    assert services.reaction_toggle(user=cast.carer, kind="strength", topic=topic) is False


def test_stewards_pin_topics(client, cast):
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Rules", body="Read me"
    ).post
    url = reverse("community:pin", args=[community.group.slug, topic.pk])
    login_with_second_factor(client, cast.member)
    assert client.post(url).status_code == 404
    login_with_second_factor(client, cast.moderator)
    client.post(url)
    topic.refresh_from_db()
    assert topic.is_pinned


def test_search_inside_a_group_finds_topics_and_replies(client, cast):
    community = make_community(cast)
    services.topic_publish(
        author=cast.member, space=community.space, title="Pump tips", body="Site changes"
    )
    other = services.topic_publish(
        author=cast.member, space=community.space, title="Walks", body="Saturday"
    ).post
    services.reply_post(author=cast.carer, topic=other, body="Bring hypo snacks")
    login_with_second_factor(client, cast.carer)
    url = reverse("community:search", args=[community.group.slug])
    body = client.get(url, {"q": "pump"}).content.decode()
    assert "Pump tips" in body and "Walks" not in body
    body = client.get(url, {"q": "snacks"}).content.decode()
    assert "Walks" in body


def test_follows_and_blog_audiences(client, cast):
    community = make_community(cast)
    services.member_follow_toggle(follower=cast.carer, followed=cast.member)
    services.topic_publish(author=cast.member, space=community.space, title="Hello all", body="Hi")
    assert Notification.objects.filter(user=cast.carer, kind="new_topic").exists()
    services.blog_post_publish(
        author=cast.member, title="My year", body="A year on", audience="my_groups"
    )
    login_with_second_factor(client, cast.carer)
    assert "My year" in client.get(reverse("community:feed")).content.decode()
    login_with_second_factor(client, cast.outsider)
    assert "My year" not in client.get(reverse("community:feed")).content.decode()


def test_only_the_author_edits_a_topic(client, cast):
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Old", body="First"
    ).post
    url = reverse("community:topic-edit", args=[community.group.slug, topic.pk])
    login_with_second_factor(client, cast.carer)
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "Hijack", "body": "x"}).status_code == 404
    login_with_second_factor(client, cast.member)
    assert client.post(url, {"title": "", "body": "Second"}).status_code == 400
    client.post(url, {"title": "New", "body": "Second"})
    topic.refresh_from_db()
    assert (topic.title, topic.body) == ("New", "Second")
    assert topic.revisions.get().body == "First"
