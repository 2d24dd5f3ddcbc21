"""Telling people of a new reply: in the request for a small conversation, by a job for
a big one (so posting stays quick however many people are in it), and never twice."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_tasks_db.models import DBTaskResult

from kindred.community import services
from kindred.community.models import Notification
from kindred.community.tasks import tell_reply_participants
from kindred.community.tests.factories import add_member, make_community
from kindred.core.tests.cast import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def community(cast):
    return make_community(cast)


def _conversation(community, cast, people: int):
    topic = services.topic_publish(
        author=cast.carer, space=community.space, title="Sunday walk", body="Who is coming?"
    ).post
    for i in range(people):
        person = make_user(f"walker{i}@example.org", f"Walker {i}")
        add_member(community.space, person)
        services.reply_post(author=person, topic=topic, body="Me!")
    return topic


def _told(reply) -> int:
    return Notification.objects.filter(url__endswith=f"#reply-{reply.pk}").count()


def test_a_small_conversation_is_told_at_once(cast, community, django_capture_on_commit_callbacks):
    topic = _conversation(community, cast, 3)
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.reply_post(author=cast.member, topic=topic, body="Count me in.").post
    assert _told(reply) == 4  # Carl and the three walkers.
    assert not DBTaskResult.objects.filter(task_path__endswith="tell_reply_participants").exists()


def test_a_big_conversation_is_told_by_a_job_once(
    cast, community, django_capture_on_commit_callbacks
):
    topic = _conversation(community, cast, services.TELL_IN_REQUEST + 2)
    with django_capture_on_commit_callbacks(execute=True):
        reply = services.reply_post(author=cast.member, topic=topic, body="Count me in.").post
    assert _told(reply) == 0, "the person posting does not wait for everyone to be told"
    (job,) = DBTaskResult.objects.filter(task_path__endswith="tell_reply_participants")
    assert job.args_kwargs["args"] == [reply.pk]
    assert tell_reply_participants.call(reply.pk) == services.TELL_IN_REQUEST + 3
    assert tell_reply_participants.call(reply.pk) == 0, "run twice, nobody told twice"
    assert _told(reply) == services.TELL_IN_REQUEST + 3


def test_posting_a_reply_costs_the_same_queries_however_long_the_topic(cast, community):
    topic = services.topic_publish(
        author=cast.carer, space=community.space, title="Long one", body="Talk."
    ).post
    for _ in range(2):
        services.reply_post(author=cast.moderator, topic=topic, body="Yes.")
    services.reply_post(author=cast.member, topic=topic, body="Warm up.")
    with CaptureQueriesContext(connection) as short:
        services.reply_post(author=cast.member, topic=topic, body="Short topic.")
    for _ in range(40):
        services.reply_post(author=cast.moderator, topic=topic, body="Yes again.")
    with CaptureQueriesContext(connection) as long:
        services.reply_post(author=cast.member, topic=topic, body="Long topic.")
    assert len(long) == len(short)
