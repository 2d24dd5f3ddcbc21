"""Background jobs for moderation. The urgent alert for a possible crisis is emailed at
once to the group's moderators (not saved for the digest). A failed send raises; the
worker tries it again with a growing pause until it is sent (`KINDRED_WORKER` in
settings), and after `PAGE_ADMINS_AFTER` failed tries the site admins are told inside
Kindred, since email is what is failing."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage
from django.db.models import Q
from django.tasks import TaskResult, TaskResultStatus, task
from django.utils import timezone
from django.utils.translation import gettext as _

from kindred.accounts.models import Role, User
from kindred.community.models import Membership, NotificationKind
from kindred.community.notifications import notify
from kindred.moderation.models import Case

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
    recipients = [
        m.user.email
        for m in Membership.objects.stewards()
        .filter(space_id=case.space_id)
        .exclude(user_id=case.subject_id)
        .select_related("user")
        if m.user.email
    ]
    if not recipients:
        return 0
    subject = _("Kindred: a post needs a moderator urgently")
    body = _(
        "A post suggests someone may need help now. Please sign in to Kindred and look "
        "at it as soon as you can:\n\n%(link)s\n\n"
        "If you think someone is in immediate danger, call the emergency services."
    ) % {"link": link}
    for address in recipients:
        # A failed send raises: nothing is marked as sent, and the task is retried.
        EmailMessage(subject=subject, body=body, to=[address]).send()
    Case.objects.filter(pk=case.pk).update(urgent_email_sent_at=timezone.now())
    return len(recipients)


def _site_admins() -> list[User]:
    return list(
        User.objects.filter(
            Q(is_superuser=True) | Q(role_assignments__role=Role.SITE_ADMIN), is_active=True
        ).distinct()
    )


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
    for admin in _site_admins():
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
