"""Creating notifications: stored for the notifications page and the email digest,
and pushed live to any open page of that person's."""

from __future__ import annotations

from kindred.accounts.models import User
from kindred.community import live
from kindred.community.models import Notification, NotificationKind, Space

# Notification.text holds this much; longer texts are cut to fit.
NOTIFICATION_TEXT_LENGTH = Notification._meta.get_field("text").max_length or 300


def notify(
    *, user: User, kind: NotificationKind | str, text: str, url: str, space: Space | None = None
) -> Notification:
    notification = Notification.objects.create(
        user=user, kind=kind, space=space, text=text[:NOTIFICATION_TEXT_LENGTH], url=url[:300]
    )
    live.broadcast_notification(notification.pk, user.pk)
    return notification
