"""Background jobs for moderation. The urgent alert for a possible crisis is emailed at
once to the group's moderators (not saved for the digest); a failed send raises, so
django_tasks_db records it as failed where a site admin sees it, and it is retried."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.tasks import task
from django.utils.translation import gettext as _

from kindred.community.models import Membership
from kindred.moderation.models import Case


@task()
def send_urgent_alert(case_id: int) -> int:
    """Email each moderator of the case's group that someone may be in crisis; returns
    how many emails were sent. The email names no one and quotes nothing: it asks the
    moderator to open the queue, signed in."""
    case = Case.objects.select_related("space__group").filter(pk=case_id).first()
    if case is None or case.space is None:
        return 0
    link = settings.SITE_URL.rstrip("/") + case.get_absolute_url()
    recipients = [
        m.user.email
        for m in Membership.objects.stewards()
        .filter(space=case.space)
        .exclude(user_id=case.subject_id)
        .select_related("user")
        if m.user.email
    ]
    if not recipients:
        return 0
    send_mail(
        subject=_("Urgent: someone in %(group)s may need help") % {"group": case.space.group.name},
        message=_(
            "A post in %(group)s suggests someone may be in crisis. They have been shown "
            "helplines. Please look at it as soon as you can:\n\n%(link)s\n\n"
            "If you think someone is in immediate danger, call the emergency services."
        )
        % {"group": case.space.group.name, "link": link},
        from_email=None,
        recipient_list=recipients,
    )
    return len(recipients)
