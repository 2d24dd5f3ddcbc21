"""Background jobs for moderation. The urgent alert for a possible crisis is emailed at
once to the group's moderators (not saved for the digest). A failed send raises; the
worker tries it again with a growing pause until it is sent (`KINDRED_WORKER` in
settings), and after `PAGE_ADMINS_AFTER` failed tries the site admins are told inside
Kindred, since email is what is failing."""

from __future__ import annotations

import logging
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import TaskResult, TaskResultStatus, task
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from kindred.community.models import Membership, NotificationKind
from kindred.community.notifications import notify
from kindred.moderation.models import Case, UrgentAlertDelivery
from kindred.moderation.services import site_admins

logger = logging.getLogger(__name__)

PAGE_ADMINS_AFTER = 3


@task()
def send_urgent_alert(case_id: int) -> int:
    """Email each moderator of the case's group that a post needs them urgently; returns
    how many emails were sent (none if they were already sent for this case).

    Each moderator gets their own message, with only their own address on it. The
    subject and the body name no group and quote nothing: an email shows on lock screens
    and in shared inboxes, so it only asks the moderator to sign in and look."""
    case = Case.objects.filter(pk=case_id, urgent_email_sent_at__isnull=True).first()
    if case is None or case.space_id is None:
        return 0
    link = settings.SITE_URL.rstrip("/") + case.get_absolute_url()
    reached = set(case.urgent_deliveries.values_list("user_id", flat=True))
    recipients = [
        m.user
        for m in Membership.objects.stewards()
        .filter(space_id=case.space_id)
        .exclude(user_id=case.subject_id)
        .select_related("user")
        if m.user.email and m.user_id not in reached
    ]
    subject = _("Kindred: a post needs a moderator urgently")
    body = _(
        "A post suggests someone may need help now. Please sign in to Kindred and look "
        "at it as soon as you can:\n\n%(link)s\n\n"
        "If you think someone is in immediate danger, call the emergency services."
    ) % {"link": link}
    for user in recipients:
        # A failed send raises: the worker tries again, and emails only the moderators
        # this did not reach yet.
        EmailMessage(subject=subject, body=body, to=[user.email]).send()
        UrgentAlertDelivery.objects.get_or_create(case=case, user=user)
    if recipients or reached:
        Case.objects.filter(pk=case.pk).update(urgent_email_sent_at=timezone.now())
    else:
        # Nobody to email (the group has no moderator with an address): nothing for the
        # sweep to queue again; the in-app alert went to whoever there is.
        Case.objects.filter(pk=case.pk).update(urgent_alert_wanted_at=None)
    return len(recipients)


# A case whose urgent email was asked for this long ago and is neither sent nor queued
# lost its job (queuing failed after the commit): the sweep queues it again.
MISSED_AFTER = timedelta(minutes=2)


def queue_missed_urgent_alerts() -> int:
    """Queue the urgent email again for every crisis case that asked for it, was not
    sent, and has no job waiting or running; returns how many it queued. The worker
    runs this every minute (installed in `ModerationConfig.ready`)."""
    cutoff = timezone.now() - MISSED_AFTER
    wanting = set(
        Case.objects.filter(
            urgent_alert_wanted_at__lt=cutoff,
            urgent_email_sent_at__isnull=True,
            space__isnull=False,
        ).values_list("pk", flat=True)[:200]
    )
    if not wanting:
        return 0
    path = f"{__name__}.send_urgent_alert"
    queued = {
        (job.args_kwargs.get("args") or [None])[0]
        for job in DBTaskResult.objects.filter(
            task_path=path, status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]
        ).only("args_kwargs")
    }
    missed = sorted(wanting - queued)
    for case_id in missed:
        logger.error("The urgent alert for case %s had no job; queuing it again", case_id)
        send_urgent_alert.enqueue(case_id)
    return len(missed)


def page_admins_when_an_alert_keeps_failing(
    sender: Any, task_result: TaskResult[Any, Any], **kwargs: Any
) -> None:
    """After the urgent alert's third failed send (and not again), tell every site admin
    in their notifications, and log an error for whoever watches the logs."""
    if task_result.task.module_path != f"{__name__}.send_urgent_alert":
        return
    if task_result.status != TaskResultStatus.FAILED:
        return
    if len(task_result.worker_ids) != PAGE_ADMINS_AFTER:
        return
    case_id = task_result.args[0] if task_result.args else task_result.kwargs.get("case_id")
    case = Case.objects.filter(pk=int(case_id)).first() if case_id is not None else None
    if case is None:
        return
    logger.error(
        "The urgent alert for case %s failed %d times; still trying", case.pk, PAGE_ADMINS_AFTER
    )
    for admin in site_admins():
        notify(
            user=admin,
            kind=NotificationKind.URGENT,
            text=_(
                "Urgent alert emails to moderators are failing (tried %(count)s times, still "
                "trying). Please check the email settings and look at the case yourself."
            )
            % {"count": PAGE_ADMINS_AFTER},
            url=case.get_absolute_url(),
        )
