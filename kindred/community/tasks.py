"""Background jobs for the online groups (Django's tasks API; django_tasks_db runs them
from the database with `manage.py db_worker`). A task takes ids and calls a service."""

from __future__ import annotations

from django.tasks import task

from kindred.accounts.models import User
from kindred.community.digest import digest_send


@task()
def send_digest(user_id: int) -> int:
    """Email one person the summary of their unread notifications; returns how many
    notifications it listed.

    A failed send raises on purpose: django_tasks_db then records the task as failed,
    with the error, where admins can see it, and nothing is marked as emailed, so the
    next scheduled `send_digests` run queues the person again."""
    user = User.objects.filter(pk=user_id).first()
    if user is None:
        return 0
    return digest_send(user=user)
