"""Live updates over WebSockets (Django Channels). Services call these after their
transaction commits; the consumers in consumers.py render each event for the person
receiving it, so anonymity and permissions hold in live updates too."""

from __future__ import annotations

import logging

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
    try:
        async_to_sync(layer.group_send)(group, event)
    except Exception:
        # A live update is a courtesy: the reply is saved and shows on reload.
        logger.exception("Live update to %s failed", group)


def broadcast_reply(reply_id: int) -> None:
    from kindred.community.models import Reply

    topic_id = Reply.objects.filter(pk=reply_id).values_list("topic_id", flat=True).first()
    if topic_id is not None:
        _send(topic_group(topic_id), {"type": "reply.created", "reply_id": reply_id})


def broadcast_notification(notification_id: int) -> None:
    from kindred.community.models import Notification

    user_id = (
        Notification.objects.filter(pk=notification_id).values_list("user_id", flat=True).first()
    )
    if user_id is not None:
        _send(
            user_group(user_id),
            {"type": "notification.created", "notification_id": notification_id},
        )
