"""The urgent email about a possible crisis: one message for each moderator, with only
their own address on it, a subject that says nothing about the group (it shows on lock
screens and in shared inboxes), a body that quotes nothing and names no group (only a
link to sign in), sent once for a case, and retried when sending fails."""

from __future__ import annotations

import pytest

from kindred.community import services as community
from kindred.community.tests.factories import make_community
from kindred.moderation.models import Case
from kindred.moderation.tasks import send_urgent_alert

CRISIS = "I can't do this anymore. I want to end my life tonight."
IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def south(cast):
    return make_community(cast, name="South Coast Type 1 Parents")


def _crisis_case(cast, south) -> Case:
    topic = community.topic_publish(
        author=cast.member, space=south.space, title="Tonight", body=CRISIS
    ).post
    return Case.objects.get(topic=topic)


def test_each_moderator_gets_their_own_message_with_only_their_address(cast, south, mailoutbox):
    case = _crisis_case(cast, south)
    assert send_urgent_alert.call(case.pk) == 2
    assert len(mailoutbox) == 2
    moderators = {cast.peer_leader.email, cast.moderator.email}
    assert {m.to[0] for m in mailoutbox} == moderators
    for message in mailoutbox:
        assert message.recipients() == message.to and len(message.to) == 1
        assert not message.cc and not message.bcc
        others = moderators - set(message.to)
        assert not any(address in message.message().as_string() for address in others)


def test_it_says_nothing_about_the_group_or_the_post(cast, south, mailoutbox):
    case = _crisis_case(cast, south)
    send_urgent_alert.call(case.pk)
    for message in mailoutbox:
        assert message.subject == "Kindred: a post needs a moderator urgently"
        for private in ("South Coast", "Type 1", "Parents", CRISIS, "end my life", "Tonight"):
            assert private not in message.subject
            assert private not in message.body
        assert case.get_absolute_url() in message.body


def test_it_is_sent_once_for_a_case(cast, south, mailoutbox):
    case = _crisis_case(cast, south)
    send_urgent_alert.call(case.pk)
    assert send_urgent_alert.call(case.pk) == 0
    assert len(mailoutbox) == 2


def test_a_failed_send_raises_so_the_task_is_retried(cast, south, mailoutbox, monkeypatch):
    case = _crisis_case(cast, south)

    def refuse(self, messages):  # type: ignore[no-untyped-def]
        raise ConnectionRefusedError("mail server down")

    with monkeypatch.context() as patch:
        patch.setattr("django.core.mail.backends.locmem.EmailBackend.send_messages", refuse)
        with pytest.raises(ConnectionRefusedError):
            send_urgent_alert.call(case.pk)
    assert not mailoutbox
    # The retry sends it.
    assert send_urgent_alert.call(case.pk) == 2
    assert len(mailoutbox) == 2


def test_publishing_a_crisis_post_emails_each_moderator_once(
    cast, south, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.TASKS = IMMEDIATE
    with django_capture_on_commit_callbacks(execute=True):
        _crisis_case(cast, south)
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [cast.peer_leader.email, cast.moderator.email]
    )


def test_a_retry_after_a_partial_failure_emails_only_who_it_missed(
    cast, south, mailoutbox, monkeypatch
):
    """The first moderator's email went, the second's failed: the retry emails the second
    only, so nobody gets the alert twice."""
    from django.core.mail.backends.locmem import EmailBackend

    case = _crisis_case(cast, south)
    real_send = EmailBackend.send_messages
    calls = {"n": 0}

    def second_fails(self, messages):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise ConnectionResetError("mail server went away")
        return real_send(self, messages)

    with monkeypatch.context() as patch:
        patch.setattr(EmailBackend, "send_messages", second_fails)
        with pytest.raises(ConnectionResetError):
            send_urgent_alert.call(case.pk)
    assert len(mailoutbox) == 1
    first = mailoutbox[0].to[0]
    assert send_urgent_alert.call(case.pk) == 1
    assert sorted(m.to[0] for m in mailoutbox) == sorted(
        [cast.peer_leader.email, cast.moderator.email]
    )
    assert mailoutbox[1].to[0] != first
    case.refresh_from_db()
    assert case.urgent_email_sent_at is not None


def test_an_alert_whose_job_was_lost_is_queued_again_by_the_sweep(cast, south):
    """Queuing the email can fail after the post is saved (the database restarting at
    that moment). The case remembers it asked, and the worker's sweep queues it again,
    once, and not while a job for it waits."""
    from datetime import timedelta

    from django.tasks import TaskResultStatus
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from kindred.moderation.tasks import MISSED_AFTER, queue_missed_urgent_alerts

    case = _crisis_case(cast, south)  # Its on_commit never ran: no job was queued.
    case.refresh_from_db()
    assert case.urgent_alert_wanted_at is not None
    assert not DBTaskResult.objects.exists()
    assert queue_missed_urgent_alerts() == 0, "not before it can be called missed"
    Case.objects.filter(pk=case.pk).update(
        urgent_alert_wanted_at=timezone.now() - MISSED_AFTER - timedelta(seconds=1)
    )
    assert queue_missed_urgent_alerts() == 1
    (job,) = DBTaskResult.objects.all()
    assert job.args_kwargs["args"] == [case.pk]
    assert queue_missed_urgent_alerts() == 0, "a job waits for it already"
    DBTaskResult.objects.filter(pk=job.pk).update(status=TaskResultStatus.SUCCESSFUL)
    send_urgent_alert.call(case.pk)
    assert queue_missed_urgent_alerts() == 0, "sent: nothing to queue"


def test_the_worker_runs_the_sweep(cast, south):
    from datetime import timedelta

    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    from kindred.core.worker import KindredWorker
    from kindred.moderation.tasks import MISSED_AFTER

    case = _crisis_case(cast, south)
    Case.objects.filter(pk=case.pk).update(
        urgent_alert_wanted_at=timezone.now() - MISSED_AFTER - timedelta(seconds=1)
    )
    worker = KindredWorker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    worker._run_periodic()
    assert [job.args_kwargs["args"] for job in DBTaskResult.objects.all()] == [[case.pk]]
