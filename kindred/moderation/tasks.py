"""Background jobs for moderation. The urgent alert for a possible crisis is emailed at
once to the group's moderators (not saved for the digest); a failed send raises, so
django_tasks_db records it as failed where a site admin sees it, and it is retried."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import EmailMessage
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext as _

from kindred.community.models import Membership
from kindred.moderation.models import Case


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
