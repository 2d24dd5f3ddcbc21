"""Background jobs for the online groups (Django's tasks API; django_tasks_db runs them
from the database with `manage.py kindred_worker`). A task takes ids and calls a service."""

from __future__ import annotations

from django.tasks import TaskContext, task

from kindred.accounts.models import User
from kindred.community.digest import digest_send


@task(takes_context=True)
def send_digest(context: TaskContext[[int], int], user_id: int) -> int:
    """Email one person the summary of their unread notifications; returns how many
    notifications it listed.

    A failed send raises on purpose: the worker records the error (site admins see it on
    the jobs page) and tries the job again; nothing is marked as emailed until the email
    went. A second run of the same job (after a worker died mid-send) takes the same
    notices again, under the job's id."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return 0
    return digest_send(user=user, claim_key=str(context.task_result.id))


@task()
def tell_reply_participants(reply_id: int) -> int:
    """Notify everyone in a big conversation of a new reply (see `reply_post`); returns
    how many were told. Safe to run twice: nobody is told of one reply twice."""
    from kindred.community.models import Reply
    from kindred.community.services import reply_tell_participants

    reply = (
        Reply.objects.select_related("topic__space", "author")
        .filter(pk=reply_id, is_hidden=False)
        .first()
    )
    return 0 if reply is None else reply_tell_participants(reply)
