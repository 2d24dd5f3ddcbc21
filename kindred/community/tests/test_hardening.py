"""Small holes from the security review: where a `next` may send people, and ids
that arrive as text."""

import pytest
from django.urls import reverse

from kindred.community import services
from kindred.community.models import Reaction, TagFollow
from kindred.community.tests.factories import make_community

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(cast):
    return make_community(cast)


@pytest.fixture
def topic(cast, community):
    return services.topic_publish(
        author=cast.member,
        space=community.space,
        title="New sensor",
        body="It beeps at night.",
        tags=["GBDOC"],
    ).post


# --- `next` only ever leads to a page of this site ----------------------------------------


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example/",
        "http://testserver/feed/",
        "javascript:alert(1)",
        "feed/",
    ],
)
def test_following_a_tag_never_sends_people_off_the_site(client, cast, topic, target):
    client.force_login(cast.carer)
    response = client.post(reverse("community:tag-follow", args=["gbdoc"]), {"next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("community:feed")
    assert TagFollow.objects.filter(user=cast.carer, tag__name="gbdoc").exists()


def test_following_a_tag_goes_back_to_the_page_it_was_pressed_on(client, cast, topic):
    client.force_login(cast.carer)
    back = topic.get_absolute_url() + "?page=2"
    response = client.post(reverse("community:tag-follow", args=["gbdoc"]), {"next": back})
    assert response["Location"] == back


@pytest.mark.parametrize("target", ["https://evil.example/", "http://testserver/messages/"])
def test_the_block_page_follows_only_a_path_on_this_site(client, cast, community, target):
    client.force_login(cast.member)
    url = reverse("messages:member-block", args=[cast.carer.pk])
    assert target not in client.get(url, {"next": target}).content.decode()
    response = client.post(url, {"action": "block", "next": target})
    assert response["Location"] == reverse("messages:inbox")


# --- ids that arrive as text are a 404 when they are not a number --------------------------

NOT_IDS = ["abc", "1.5", "²", "-3", "12abc", "1" * 30]


@pytest.mark.parametrize("reply_id", NOT_IDS)
def test_a_reaction_to_a_reply_id_that_is_not_a_number_is_a_404(client, cast, topic, reply_id):
    client.force_login(cast.carer)
    response = client.post(
        reverse("community:react", args=[topic.space.group.slug, topic.pk]),
        {"kind": "thanks", "reply": reply_id},
    )
    assert response.status_code == 404
    assert not Reaction.objects.exists()


def test_a_reaction_to_a_reply_goes_back_to_that_reply(client, cast, topic):
    reply = services.reply_post(author=cast.carer, topic=topic, body="Mine too.").post
    client.force_login(cast.member)
    response = client.post(
        reverse("community:react", args=[topic.space.group.slug, topic.pk]),
        {"kind": "thanks", "reply": str(reply.pk)},
    )
    assert response["Location"] == topic.get_absolute_url() + f"?page=1#reply-{reply.pk}"
    assert Reaction.objects.filter(user=cast.member, reply=reply).exists()


@pytest.mark.parametrize("reply_id", NOT_IDS)
def test_a_note_on_a_reply_id_that_is_not_a_number_is_a_404(client, cast, topic, reply_id):
    client.force_login(cast.carer)
    url = reverse("moderation:note-add", args=[topic.space.group.slug, topic.pk])
    assert client.get(url, {"reply": reply_id}).status_code == 404


@pytest.mark.parametrize("value", NOT_IDS)
def test_the_support_page_answers_404_for_a_case_or_message_that_is_not_a_number(
    client, cast, value
):
    client.force_login(cast.member)
    url = reverse("moderation:support")
    assert client.get(url, {"case": value}).status_code == 404
    assert client.get(url, {"message": value}).status_code == 404


@pytest.mark.parametrize("value", NOT_IDS)
def test_earlier_messages_with_a_before_that_is_not_a_number_show_the_latest(
    client, cast, community, value
):
    from kindred.community import messaging

    message = messaging.message_send(sender=cast.member, recipient=cast.carer, body="Hello").post
    client.force_login(cast.carer)
    url = reverse("messages:conversation", args=[message.conversation_id])
    response = client.get(url, {"before": value})
    assert response.status_code == 200
    assert "Hello" in response.content.decode()
