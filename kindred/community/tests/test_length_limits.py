"""Every kind of text a member writes has a length limit, because screening reads all
of it inside the request. Going over is met with a message next to the field saying the
limit and how much to take out, with everything typed kept; the browser is never told
the limit (it would cut off pasted text without a word), and the services refuse too
long a text from any other caller."""

import re

import pytest
from django.urls import reverse

from kindred.community import services
from kindred.community.models import BlogPost, Message, Topic
from kindred.community.services import CommunityError
from kindred.community.tests.factories import make_community
from kindred.core import limits

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(cast):
    return make_community(cast)


def _long(length: int) -> str:
    # Words, then a marker at the very end: the page must keep all of it.
    return ("Sunday walk by the sea. " * (length // 24 + 1))[: length - 3] + "END"


def _error(page: str, field: str) -> str:
    found = re.search(rf'id="id_{field}_error"(.{{0,600}})', page, re.S)
    assert found, f"no error for {field}"
    return re.sub(r"<[^>]+>", "", found[1])


def test_it_says_by_how_much_a_topic_is_too_long_and_keeps_it_all(client, cast, community):
    client.force_login(cast.member)
    body = _long(limits.TOPIC_MAX_LENGTH + 5)
    response = client.post(
        reverse("community:topic-new", args=[community.group.slug]),
        {"title": "Sunday walk", "body": body},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert not Topic.objects.exists()
    error = _error(page, "body")
    assert "20,005" in error and "20,000" in error and "take out 5" in error
    assert body in page
    assert not re.search(r"<textarea[^>]*maxlength", page)


def test_it_says_by_how_much_a_message_is_too_long(client, cast, community):
    client.force_login(cast.member)
    body = _long(limits.MESSAGE_MAX_LENGTH + 120)
    response = client.post(reverse("messages:message-new", args=[cast.carer.pk]), {"body": body})
    page = response.content.decode()
    assert not Message.objects.exists()
    assert "take out 120" in _error(page, "body")
    assert body in page


def test_it_limits_a_blog_post_and_keeps_it_all(client, cast, community):
    client.force_login(cast.member)
    body = _long(limits.BLOG_POST_MAX_LENGTH + 1)
    response = client.post(
        reverse("community:blog-new"),
        {"title": "My year", "body": body, "audience": "my_groups"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert not BlogPost.objects.exists()
    assert "take out 1." in _error(page, "body")
    assert body in page


def test_it_says_by_how_much_a_display_name_is_too_long(client, cast):
    client.force_login(cast.member)
    name = "Mina who walks by the sea every Sunday!!"  # 40 characters
    response = client.post(
        reverse("accounts:profile"), {"display_name": name + "12345", "real_name": ""}
    )
    page = response.content.decode()
    assert "take out 5" in _error(page, "display_name")
    assert f'value="{name}12345"' in page
    assert not re.search(r'name="display_name"[^>]*maxlength', page)


def test_the_services_refuse_too_long_a_text_from_any_caller(cast, community):
    too_long = _long(limits.TOPIC_MAX_LENGTH + 1)
    with pytest.raises(CommunityError, match="take out 1"):
        services.topic_publish(
            author=cast.member, space=community.space, title="Walk", body=too_long
        )
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Walk", body="Sunday?"
    ).post
    with pytest.raises(CommunityError, match="take out 1"):
        services.reply_post(author=cast.member, topic=topic, body=too_long)
    with pytest.raises(CommunityError, match="take out 1"):
        services.blog_post_publish(
            author=cast.member, title="My year", body=too_long, audience="my_groups"
        )
    assert Topic.objects.count() == 1
