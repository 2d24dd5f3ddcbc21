"""The email summary of unread notifications: only unread ones, each only once, never
when the person turned it off or has not agreed to emails, and queued by the
`send_digests` command that a scheduler runs."""

from datetime import timedelta
from io import StringIO
from smtplib import SMTPException

import pytest
from django.core.management import call_command
from django.tasks import TaskResultStatus, default_task_backend
from django.utils import timezone

from kindred.accounts.models import ConsentPurpose
from kindred.accounts.services import consent_give, consent_withdraw
from kindred.community import digest, messaging
from kindred.community.models import CommunityPreference, Notification
from kindred.community.notifications import notify
from kindred.community.tasks import send_digest

pytestmark = pytest.mark.django_db

IMMEDIATE = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
DUMMY = {"default": {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def immediate_tasks(settings):
    settings.TASKS = IMMEDIATE


def _note(user, text):
    return notify(user=user, kind="reply", text=text, url="/groups/south-coast/online/topics/1/")


def _wants_emails(user, digest_frequency="daily"):
    consent_give(user=user, purpose=ConsentPurpose.EMAIL_UPDATES)
    CommunityPreference.objects.update_or_create(user=user, defaults={"digest": digest_frequency})


def test_it_emails_only_unread_notifications_once(cast, mailoutbox, immediate_tasks):
    _wants_emails(cast.member)
    unread = _note(cast.member, "Carl replied to “Night hypos”.")
    seen = _note(cast.member, "Mo replied to “Walks”.")
    messaging.notification_mark_read(notification=seen, user=cast.member)
    _note(cast.carer, "Not for Mina")

    result = send_digest.enqueue(cast.member.pk)

    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 1
    assert len(mailoutbox) == 1
    email = mailoutbox[0]
    assert email.to == ["mina@example.org"]
    assert "Night hypos" in email.body
    assert "/groups/south-coast/online/topics/1/" in email.body
    assert "Walks" not in email.body
    assert "Not for Mina" not in email.body
    # The subject stays general: it may show on a lock screen.
    assert "Night hypos" not in email.subject
    unread.refresh_from_db()
    assert unread.emailed_at is not None

    send_digest.enqueue(cast.member.pk)
    assert len(mailoutbox) == 1


def test_a_later_digest_has_only_the_new_notifications(cast, mailoutbox, immediate_tasks):
    _wants_emails(cast.member)
    _note(cast.member, "First news")
    send_digest.enqueue(cast.member.pk)
    _note(cast.member, "Second news")
    send_digest.enqueue(cast.member.pk)
    assert len(mailoutbox) == 2
    assert "First news" not in mailoutbox[1].body
    assert "Second news" in mailoutbox[1].body


def test_it_sends_nothing_when_the_summary_is_off(cast, mailoutbox, immediate_tasks):
    _wants_emails(cast.member, "off")
    note = _note(cast.member, "Carl replied.")
    assert send_digest.enqueue(cast.member.pk).return_value == 0
    assert mailoutbox == []
    note.refresh_from_db()
    assert note.emailed_at is None


def test_it_sends_nothing_without_agreement_to_emails(cast, mailoutbox, immediate_tasks):
    _wants_emails(cast.member)
    consent_withdraw(user=cast.member, purpose=ConsentPurpose.EMAIL_UPDATES)
    _note(cast.member, "Carl replied.")
    send_digest.enqueue(cast.member.pk)
    assert mailoutbox == []


def test_choosing_a_summary_on_the_preferences_page_records_agreement(client, cast):
    client.force_login(cast.member)
    client.post("/messages/preferences/", {"messages_from": "group_members", "digest": "weekly"})
    assert cast.member.consents.current().filter(purpose=ConsentPurpose.EMAIL_UPDATES).exists()


def test_turning_the_summary_back_on_starts_from_now(cast, mailoutbox, immediate_tasks):
    _wants_emails(cast.member, "off")
    _note(cast.member, "Old news from months ago")
    messaging.preference_update(user=cast.member, messages_from="group_members", digest="daily")
    Notification.objects.update(created_at=timezone.now() - timedelta(days=60))
    _note(cast.member, "Fresh news")
    send_digest.enqueue(cast.member.pk)
    assert "Fresh news" in mailoutbox[0].body
    assert "Old news" not in mailoutbox[0].body


def test_a_long_list_is_cut_short_with_a_count(cast, mailoutbox, immediate_tasks):
    _wants_emails(cast.member)
    for n in range(digest.DIGEST_MAX_ITEMS + 3):
        _note(cast.member, f"News {n}")
    assert send_digest.enqueue(cast.member.pk).return_value == digest.DIGEST_MAX_ITEMS + 3
    assert "And 3 more." in mailoutbox[0].body
    assert not Notification.objects.filter(emailed_at__isnull=True).exists()


def test_a_failed_send_fails_the_task_and_marks_nothing(
    cast, mailoutbox, immediate_tasks, monkeypatch
):
    _wants_emails(cast.member)
    note = _note(cast.member, "Carl replied.")

    def broken(*args, **kwargs):
        raise SMTPException("mail server down")

    monkeypatch.setattr(digest, "send_mail", broken)
    result = send_digest.enqueue(cast.member.pk)

    assert result.status == TaskResultStatus.FAILED
    assert result.errors[0].exception_class is SMTPException
    note.refresh_from_db()
    assert note.emailed_at is None
    assert CommunityPreference.objects.get(user=cast.member).last_digest_at is None
    with pytest.raises(SMTPException):
        digest.digest_send(user=cast.member)


def test_the_command_queues_one_task_per_due_person(cast, settings):
    settings.TASKS = DUMMY
    _wants_emails(cast.member, "daily")
    _wants_emails(cast.carer, "weekly")
    _wants_emails(cast.moderator, "daily")
    _wants_emails(cast.peer_leader, "off")
    consent_give(user=cast.outsider, purpose=ConsentPurpose.EMAIL_UPDATES)  # weekly by default
    for person in [cast.member, cast.carer, cast.peer_leader, cast.outsider, cast.clinician]:
        _note(person, "News")
    # Mo had his summary an hour ago, so he is not due until tomorrow.
    CommunityPreference.objects.filter(user=cast.moderator).update(
        last_digest_at=timezone.now() - timedelta(hours=1)
    )
    _note(cast.moderator, "News")

    call_command("send_digests", frequency="daily", stdout=StringIO())
    assert [r.args[0] for r in default_task_backend.results] == [cast.member.pk]

    default_task_backend.clear()
    call_command("send_digests", frequency="weekly", stdout=StringIO())
    queued = sorted(r.args[0] for r in default_task_backend.results)
    # Dr Clare never agreed to emails, so she gets none.
    assert queued == sorted([cast.carer.pk, cast.outsider.pk])


def test_the_command_runs_the_task_end_to_end(cast, mailoutbox, immediate_tasks):
    _wants_emails(cast.member, "daily")
    _note(cast.member, "Carl replied to “Night hypos”.")
    call_command("send_digests", "--frequency", "daily", stdout=StringIO())
    assert len(mailoutbox) == 1
    call_command("send_digests", "--frequency", "daily", stdout=StringIO())
    assert len(mailoutbox) == 1


def test_a_summary_a_day_later_is_due_even_if_the_scheduler_runs_a_little_early(cast):
    _wants_emails(cast.member, "daily")
    _note(cast.member, "News")
    CommunityPreference.objects.filter(user=cast.member).update(
        last_digest_at=timezone.now() - timedelta(days=1) + timedelta(minutes=5)
    )
    assert digest.users_due(frequency="daily") == [cast.member.pk]


def test_with_the_database_backend_the_command_leaves_tasks_for_the_worker(cast, mailoutbox):
    from django_tasks_db.models import DBTaskResult

    _wants_emails(cast.member, "daily")
    _note(cast.member, "News")
    call_command("send_digests", frequency="daily", stdout=StringIO())
    task = DBTaskResult.objects.get()
    assert task.task_path == "kindred.community.tasks.send_digest"
    assert task.args_kwargs == {"args": [cast.member.pk], "kwargs": {}}
    assert mailoutbox == []
