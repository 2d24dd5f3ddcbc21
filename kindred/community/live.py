"""Live updates over WebSockets (Django Channels). Services call these after their
transaction commits; the consumers in consumers.py render each event for the person
receiving it, so anonymity and permissions hold in live updates too."""

from __future__ import annotations

import logging
from collections.abc import Callable

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer

logger = logging.getLogger(__name__)


def topic_group(topic_id: int) -> str:
    return f"topic.{topic_id}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def _send(group: str, event: dict[str, object]) -> None:
    layer = get_channel_layer()
    if layer is None:
        return
    async_to_sync(layer.group_send)(group, event)


def _courtesy(what: str, send: Callable[[], None]) -> None:
    """A live update is a courtesy: what it announces is saved and shows on reload. So
    no failure here (Redis away, the database restarting) may reach the person who
    posted, whose post is already committed."""
    try:
        send()
    except Exception:
        logger.exception("Live update for %s failed", what)


def broadcast_reply(reply_id: int) -> None:
    def send() -> None:
        from kindred.community.models import Reply

        topic_id = Reply.objects.filter(pk=reply_id).values_list("topic_id", flat=True).first()
        if topic_id is not None:
            _send(topic_group(topic_id), {"type": "reply.created", "reply_id": reply_id})

    _courtesy(f"reply {reply_id}", send)


def broadcast_notification(notification_id: int) -> None:
    def send() -> None:
        from kindred.community.models import Notification

        user_id = (
            Notification.objects.filter(pk=notification_id)
            .values_list("user_id", flat=True)
            .first()
        )
        if user_id is not None:
            _send(
                user_group(user_id),
                {"type": "notification.created", "notification_id": notification_id},
            )

    _courtesy(f"notification {notification_id}", send)
