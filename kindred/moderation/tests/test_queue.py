"""A group's review queue: crisis first with a visible label, then the oldest; what each
case shows; paging; an empty state; and a fixed number of queries however long it is."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kindred.community import services as community
from kindred.community.models import Conversation, Message
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import login_with_second_factor
from kindred.moderation import services
from kindred.moderation.models import Case, Report
from kindred.moderation.tests.cases import case_about

pytestmark = pytest.mark.django_db

CRISIS = "I want to end my life tonight"
PROMOTION = "DM me to buy my supplements, 20% off with code SAVE20"


@pytest.fixture
def group(cast):
    return make_community(cast)


def _queue(group):
    return reverse("moderation:queue", args=[group.group.slug])


def _publish(cast, group, body, title="A post", author=None):
    return community.topic_publish(
        author=author or cast.member, space=group.space, title=title, body=body
    ).post


def _case_link(case):
    return f'href="{reverse("moderation:case", args=[case.pk])}"'


def test_it_puts_a_crisis_first_with_a_label(client, cast, group):
    older = _publish(cast, group, PROMOTION, title="Supplements")
    Case.objects.filter(pk=case_about(older).pk).update(
        created_at=timezone.now() - timedelta(days=2)
    )
    crisis = _publish(cast, group, CRISIS, title="Tonight")
    login_with_second_factor(client, cast.moderator)
    html = client.get(_queue(group)).content.decode()
    assert html.index(_case_link(case_about(crisis))) < html.index(_case_link(case_about(older)))
    assert re.search(r'class="card mod-case mod-case-crisis".*?Crisis</span>', html, re.S)
    assert "2 cases are waiting." in html


def test_it_shows_what_each_case_is_about(client, cast, group):
    topic = _publish(cast, group, PROMOTION, title="Supplements")
    login_with_second_factor(client, cast.moderator)
    html = client.get(_queue(group)).content.decode()
    assert "A new topic: Supplements" in html
    assert "Product promotion" in html
    assert "Your post seems to be selling something." in html
    assert "Held: members cannot see it yet" in html
    assert "0 reports" in html
    assert "Waiting" in html
    assert _case_link(case_about(topic)) in html


def test_it_counts_members_reports(client, cast, group):
    topic = _publish(cast, group, "Feeling low about my numbers this week.")
    services.report_content(reporter=cast.carer, category="abuse", reason="Rude", topic=topic)
    services.report_content(
        reporter=cast.peer_leader, category="other", reason="Not sure", topic=topic
    )
    login_with_second_factor(client, cast.moderator)
    html = client.get(_queue(group)).content.decode()
    assert "2 reports" in html
    assert "Published" in html


def test_a_reply_shows_its_topic(client, cast, group):
    topic = _publish(cast, group, "Walk on Sunday?", title="Sunday walk")
    community.reply_post(author=cast.carer, topic=topic, body=PROMOTION)
    login_with_second_factor(client, cast.moderator)
    assert "A reply: Sunday walk" in client.get(_queue(group)).content.decode()


def test_it_says_when_nothing_is_waiting(client, cast, group):
    login_with_second_factor(client, cast.moderator)
    html = client.get(_queue(group)).content.decode()
    assert "Nothing is waiting" in html


def test_closed_cases_leave_the_queue(client, cast, group):
    topic = _publish(cast, group, PROMOTION)
    services.act(case=case_about(topic), by=cast.moderator, kind="approve")
    login_with_second_factor(client, cast.moderator)
    html = client.get(_queue(group)).content.decode()
    assert "Nothing is waiting" in html


def test_it_links_to_the_other_moderation_pages(client, cast, group):
    login_with_second_factor(client, cast.moderator)
    html = client.get(_queue(group)).content.decode()
    slug = group.group.slug
    for name in ["log", "workload", "settings", "appeals"]:
        assert reverse(f"moderation:{name}", args=[slug]) in html


def _fill(cast, group, size):
    """`size` cases of every kind: held topics, crises, replies and reported posts."""
    first = _publish(cast, group, "Hello all", title="Hello")
    for n in range(size):
        kind = n % 4
        if kind == 0:
            _publish(cast, group, PROMOTION, title=f"Offer {n}")
        elif kind == 1:
            _publish(cast, group, CRISIS, title=f"Tonight {n}", author=cast.carer)
        elif kind == 2:
            community.reply_post(author=cast.carer, topic=first, body=PROMOTION)
        else:
            topic = _publish(cast, group, f"Ordinary post {n}", title=f"Post {n}")
            services.report_content(reporter=cast.carer, category="abuse", reason="x", topic=topic)
            _as_if_long_ago(cast)


def _as_if_long_ago(cast):
    # One member may send only a few reports an hour: these were sent over a day.
    Report.objects.filter(reporter=cast.carer).update(
        created_at=timezone.now() - timedelta(hours=2)
    )


def test_it_shows_25_cases_a_page(client, cast, group):
    _fill(cast, group, 30)
    login_with_second_factor(client, cast.moderator)
    first = client.get(_queue(group)).content.decode()
    assert first.count('class="card mod-case') == 25
    assert "Page 1 of 2" in first and 'rel="next"' in first
    second = client.get(_queue(group) + "?page=2").content.decode()
    assert second.count('class="card mod-case') == 5


@pytest.mark.parametrize("size", [3, 30])
def test_it_runs_a_fixed_number_of_queries(client, cast, group, size, django_assert_num_queries):
    _fill(cast, group, size)
    login_with_second_factor(client, cast.moderator)
    url = _queue(group)
    client.get(url)  # warm the session
    # Session, user, the viewer's place in the group, is_steward, count, the page, and
    # the unread notifications in the header.
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_the_message_queue_runs_a_fixed_number_of_queries(
    client, cast, group, size, django_assert_num_queries
):
    for n in range(size):
        message = _message(cast, n)
        services.report_content(reporter=cast.carer, category="abuse", reason="x", message=message)
        _as_if_long_ago(cast)
    login_with_second_factor(client, cast.site_admin)
    url = reverse("moderation:message-queue")
    client.get(url)
    # Session, user, site admin (view and service), count, the page, notifications.
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200


def _message(cast, n):
    """A private message from Mina to Carl (made directly: the send rate limit is not
    under test here)."""
    first, second = sorted((cast.member, cast.carer), key=lambda u: u.pk)
    conversation, _ = Conversation.objects.get_or_create(first=first, second=second)
    return Message.objects.create(
        conversation=conversation, sender=cast.member, body=f"Message {n}", body_html=""
    )
