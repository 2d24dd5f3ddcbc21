"""Supportive reactions on topics and replies: each shows how many people sent it and
whether I did, works as a plain form and as an htmx swap of just the reaction bar, and
only members of the group can react."""

import re

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from kindred.community import services
from kindred.community.models import Reaction, Reply
from kindred.community.queries import REPLIES_PER_PAGE
from kindred.community.tests.factories import make_community

pytestmark = pytest.mark.django_db


@pytest.fixture
def conversation(cast):
    community = make_community(cast)
    topic = services.topic_publish(
        author=cast.member, space=community.space, title="Hypos at night", body="How?"
    ).post
    reply = services.reply_post(
        author=cast.carer, topic=topic, body="A snack helps me.", is_anonymous=True
    ).post
    return topic, reply


def _react_url(topic):
    return reverse("community:react", args=[topic.space.group.slug, topic.pk])


def _button(html: str, post: str, kind: str) -> str:
    """The reaction button for `kind` under `post` ("topic" or a reply's id)."""
    found = re.search(rf'<button[^>]*id="react-{post}-{kind}"[^>]*>.*?</button>', html, re.S)
    assert found, f"no {kind} button under {post}"
    return found.group(0)


def test_it_shows_each_reactions_count_and_whether_i_pressed_it(client, cast, conversation):
    topic, reply = conversation
    services.reaction_toggle(user=cast.member, kind="thanks", reply=reply)
    services.reaction_toggle(user=cast.moderator, kind="thanks", reply=reply)
    services.reaction_toggle(user=cast.moderator, kind="strength", topic=topic)

    client.force_login(cast.member)
    page = client.get(topic.get_absolute_url()).content.decode()
    thanks = _button(page, str(reply.pk), "thanks")
    assert 'aria-pressed="true"' in thanks
    assert '<span class="count">2</span>' in thanks
    me_too = _button(page, str(reply.pk), "me_too")
    assert 'aria-pressed="false"' in me_too
    assert '<span class="count">' not in me_too
    strength = _button(page, "topic", "strength")
    assert 'aria-pressed="false"' in strength
    assert '<span class="count">1</span>' in strength


def test_a_member_reacts_to_a_reply_without_javascript_and_comes_back_to_it(
    client, cast, conversation
):
    topic, reply = conversation
    client.force_login(cast.member)
    response = client.post(_react_url(topic), {"kind": "me_too", "reply": reply.pk})
    assert response.status_code == 302
    assert response["Location"] == topic.get_absolute_url() + f"?page=1#reply-{reply.pk}"
    assert Reaction.objects.filter(user=cast.member, reply=reply, kind="me_too").exists()
    # Pressing it again (the page now shows it pressed) takes it back.
    client.post(_react_url(topic), {"kind": "me_too", "reply": reply.pk, "was": "me_too"})
    assert not Reaction.objects.filter(user=cast.member, reply=reply).exists()


def test_the_way_back_finds_a_reply_on_a_later_page(client, cast, conversation):
    topic, _first = conversation
    Reply.objects.bulk_create(
        Reply(topic=topic, author=cast.member, body=f"r{n}", body_html=f"<p>r{n}</p>")
        for n in range(REPLIES_PER_PAGE)
    )
    last = topic.replies.order_by("created_at", "id").last()
    client.force_login(cast.carer)
    response = client.post(_react_url(topic), {"kind": "thanks", "reply": last.pk})
    assert response["Location"] == topic.get_absolute_url() + f"?page=2#reply-{last.pk}"


def test_with_htmx_it_answers_with_just_the_reaction_bar(client, cast, conversation):
    topic, reply = conversation
    client.force_login(cast.member)
    response = client.post(
        _react_url(topic), {"kind": "thanks", "reply": reply.pk}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    # Just what goes inside that reply's bar (htmx swaps the form's content).
    assert "<form" not in html and "<html" not in html and "A snack helps me." not in html
    assert html.count("<button") == 3
    assert 'aria-pressed="true"' in _button(html, str(reply.pk), "thanks")
    assert '<span class="count">1</span>' in html
    # The form keeps the state it shows, so the next press takes the reaction back.
    assert '<input type="hidden" name="was" value="thanks">' in html
    # Nothing in it says who wrote the anonymous reply.
    assert cast.carer.display_name not in html


def test_a_double_press_leaves_one_reaction_and_no_error(client, cast, conversation):
    topic, reply = conversation
    client.force_login(cast.member)
    for _ in range(2):  # The same page sent twice (a double click, or a second tab).
        response = client.post(_react_url(topic), {"kind": "thanks", "reply": reply.pk})
        assert response.status_code == 302
        response = client.post(_react_url(topic), {"kind": "strength"})
        assert response.status_code == 302
    assert Reaction.objects.filter(user=cast.member, reply=reply, kind="thanks").count() == 1
    assert Reaction.objects.filter(user=cast.member, topic=topic, kind="strength").count() == 1
    # The database itself refuses a second identical reaction.
    with pytest.raises(IntegrityError), transaction.atomic():
        Reaction.objects.create(user=cast.member, reply=reply, kind="thanks")


def test_outsiders_cannot_react(client, cast, conversation):
    topic, reply = conversation
    client.force_login(cast.outsider)
    for data in [{"kind": "thanks"}, {"kind": "thanks", "reply": reply.pk}]:
        for headers in [{}, {"HX-Request": "true"}]:
            assert client.post(_react_url(topic), data, headers=headers).status_code == 404
    assert not Reaction.objects.exists()


def test_a_reply_from_another_topic_or_a_hidden_one_cannot_be_reacted_to(
    client, cast, conversation
):
    topic, reply = conversation
    other = services.topic_publish(
        author=cast.carer, space=topic.space, title="Pumps", body="Which one?"
    ).post
    client.force_login(cast.member)
    assert client.post(_react_url(other), {"kind": "thanks", "reply": reply.pk}).status_code == 404
    Reply.objects.filter(pk=reply.pk).update(is_hidden=True)
    assert client.post(_react_url(topic), {"kind": "thanks", "reply": reply.pk}).status_code == 404
    assert client.post(_react_url(topic), {"kind": "thanks", "reply": "x"}).status_code == 404
    assert not Reaction.objects.exists()
