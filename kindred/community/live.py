"""Live updates over WebSockets (Django Channels). Services call these inside their
transaction, and the updates go out together once it commits; the consumers in
consumers.py render each event for the person receiving it, so anonymity and
permissions hold in live updates too."""

from __future__ import annotations

import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

logger = logging.getLogger(__name__)


def topic_group(topic_id: int) -> str:
    return f"topic.{topic_id}"


def user_group(user_id: int) -> str:
    return f"user.{user_id}"


def _send_all(events: list[tuple[str, dict[str, object]]]) -> None:
    """Send the events through the channel layer, all in one go."""
    layer = get_channel_layer()
    if layer is None or not events:
        return

    async def send() -> None:
        for group, event in events:
            await layer.group_send(group, event)

    async_to_sync(send)()


class _Batch:
    """The live updates of one transaction, sent together once it commits (one trip to
    the event loop, however many people a reply tells)."""

    def __init__(self) -> None:
        self.events: list[tuple[str, dict[str, object]]] = []

    def flush(self) -> None:
        events, self.events = self.events, []
        # A live update is a courtesy: what it announces is saved and shows on reload.
        # So no failure here (Redis away, the database restarting) may reach the person
        # who posted, whose post is already committed.
        try:
            _send_all(events)
        except Exception:
            logger.exception("Live updates for %d events failed", len(events))


def _after_commit(group: str, event: dict[str, object]) -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        now = _Batch()
        now.events.append((group, event))
        now.flush()
        return
    batch: _Batch | None = getattr(connection, "_kindred_live_batch", None)
    # A batch whose transaction rolled back is no longer among the commit hooks.
    if batch is None or not any(hook[1] == batch.flush for hook in connection.run_on_commit):
        batch = _Batch()
        connection._kindred_live_batch = batch
        transaction.on_commit(batch.flush, robust=True)
    batch.events.append((group, event))


def broadcast_reply(reply_id: int, topic_id: int) -> None:
    """Tell the pages open on the topic of a new reply, once the transaction commits."""
    _after_commit(topic_group(topic_id), {"type": "reply.created", "reply_id": reply_id})


def broadcast_notification(notification_id: int, user_id: int) -> None:
    """Tell the person's open pages of a new notification, once the transaction commits."""
    _after_commit(
        user_group(user_id), {"type": "notification.created", "notification_id": notification_id}
    )
