"""One member reporting again and again must not flood the moderators: a repeat on the
same post merges into its open case with no new alert, a member's reports are limited
(with a clear message), a crisis report still always reaches the moderators, and the
urgent email goes once for a case."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kindred.community import services as community
from kindred.community.models import Notification, NotificationKind
from kindred.community.tests.factories import make_community
from kindred.moderation import services
from kindred.moderation.models import Case, Report, Urgency
from kindred.screening.base import Category

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
CRISIS = "I can't do this anymore. I want to end my life tonight."


@pytest.fixture
def south(cast, settings):
    settings.TASKS = IMMEDIATE
    return make_community(cast)


def _post(cast, south, n: int = 0):
    return community.topic_publish(
        author=cast.carer, space=south.space, title=f"Chat {n}", body=f"Coffee chat, week {n}?"
    ).post


def _urgent(cast) -> int:
    return Notification.objects.filter(user=cast.moderator, kind=NotificationKind.URGENT).count()


def _report(cast, topic, category=Category.CRISIS, reporter=None):
    return services.report_content(
        reporter=reporter or cast.member, category=category, reason="worried", topic=topic
    )


def test_a_repeat_report_on_the_same_post_merges_with_no_new_alert(
    cast, south, mailoutbox, django_capture_on_commit_callbacks
):
    topic = _post(cast, south)
    with django_capture_on_commit_callbacks(execute=True):
        _report(cast, topic)
    assert _urgent(cast) == 1
    assert len(mailoutbox) == 2  # Priya and Mo, one each.
    with django_capture_on_commit_callbacks(execute=True):
        _report(cast, topic)  # Mina again
        _report(cast, topic, category=Category.ABUSE)  # and again, another reason
        _report(cast, topic, reporter=cast.peer_leader)  # and someone else
    assert Case.objects.count() == 1
    assert Case.objects.get().urgency == Urgency.CRISIS
    assert _urgent(cast) == 1
    assert len(mailoutbox) == 2


def test_a_case_that_becomes_a_crisis_is_emailed_once(
    cast, south, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        topic = community.topic_publish(
            author=cast.carer, space=south.space, title="Tonight", body=CRISIS
        ).post
    assert len(mailoutbox) == 2
    with django_capture_on_commit_callbacks(execute=True):
        _report(cast, topic)
    assert len(mailoutbox) == 2
    assert _urgent(cast) == 1


def test_eight_crisis_reports_in_a_row_reach_the_moderators_without_a_flood(
    cast, south, mailoutbox, django_capture_on_commit_callbacks
):
    topics = [_post(cast, south, n) for n in range(8)]
    with django_capture_on_commit_callbacks(execute=True):
        for topic in topics:
            _report(cast, topic)
    # Every post is in the moderators' queue as a crisis ...
    assert Case.objects.filter(urgency=Urgency.CRISIS).count() == 8
    assert _urgent(cast) >= 1
    # ... and each moderator gets one urgent email, not eight.
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [cast.peer_leader.email, cast.moderator.email]
    )


def test_a_member_who_reports_a_lot_is_asked_to_wait(cast, south):
    topics = [_post(cast, south, n) for n in range(services.REPORT_LIMIT + 2)]
    for topic in topics[: services.REPORT_LIMIT]:
        _report(cast, topic, category=Category.PROMOTION)
    with pytest.raises(services.ModerationError, match="You can send another report after"):
        _report(cast, topics[-2], category=Category.PROMOTION)
    assert Report.objects.count() == services.REPORT_LIMIT
    # A crisis report always goes through, and the moderators are told.
    before = _urgent(cast)
    _report(cast, topics[-1])
    assert Case.objects.get(topic=topics[-1]).urgency == Urgency.CRISIS
    assert _urgent(cast) == before + 1
    # An hour later the member can report again.
    Report.objects.update(created_at=timezone.now() - timedelta(hours=1, minutes=1))
    _report(cast, topics[-2], category=Category.PROMOTION)


def test_the_report_page_says_why_a_report_waits(client, cast, south):
    topics = [_post(cast, south, n) for n in range(services.REPORT_LIMIT + 1)]
    for topic in topics[: services.REPORT_LIMIT]:
        _report(cast, topic, category=Category.PROMOTION)
    client.force_login(cast.member)
    url = reverse("moderation:report-topic", args=[south.group.slug, topics[-1].pk])
    response = client.post(url, {"category": "promotion", "reason": "selling"})
    assert response.status_code == 400
    assert "You can send another report after" in response.content.decode()
