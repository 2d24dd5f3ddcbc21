"""Creating notifications: stored for the notifications page and the email digest,
and pushed live to any open page of that person's."""

from __future__ import annotations

from django.db import transaction

from kindred.accounts.models import User
from kindred.community import live
from kindred.community.models import Notification, NotificationKind, Space


def notify(
    *, user: User, kind: NotificationKind | str, text: str, url: str, space: Space | None = None
) -> Notification:
    notification = Notification.objects.create(
        user=user, kind=kind, space=space, text=text[:300], url=url[:300]
    )
    transaction.on_commit(lambda: live.broadcast_notification(notification.pk))
    return notification
