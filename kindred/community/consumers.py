"""Live updates for members with a page open: new replies in the topic they are
reading, and their own notifications. Every event is checked and rendered for the
person receiving it, so live updates keep the rules the pages keep: only active members
of a group hear about its replies, and an anonymous author stays anonymous to everyone
but the group's moderators."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from kindred.accounts.models import User
from kindred.accounts.permissions import session_passed_second_factor
from kindred.community import live
from kindred.community.fragments import live_reply_for
from kindred.community.models import Notification, Topic

logger = logging.getLogger(__name__)

# Sent when someone may not (or may no longer) listen, so the page stops asking.
FORBIDDEN = 4403
# Sent when live updates cannot be delivered now (Redis is away): the page says they are
# paused and asks again later.
UNAVAILABLE = 4503


async def _in_db[**P, T](fn: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T:
    # Off the event loop, and closing stale connections as a request would: a socket can
    # stay open for hours.
    result: T = await database_sync_to_async(fn)(*args, **kwargs)
    return result


def _viewer(scope: dict[str, Any]) -> User | None:
    """The signed-in person (AuthMiddlewareStack read their session), or None."""
    user = scope.get("user")
    return user if isinstance(user, User) and user.is_active else None


def _passed_second_factor(scope: dict[str, Any], user: User) -> bool:
    """Whether the session the socket was opened with passed a second factor (read once
    at connect: passing it later in another tab takes effect when the page reloads)."""
    session = scope.get("session")
    if session is None:
        return False
    return session_passed_second_factor(session, user)


def _can_read_topic(topic_id: int, user: User) -> bool:
    # The same rule as the topic page: an active member of the group, a visible topic.
    return Topic.objects.readable_by(user).filter(pk=topic_id).exists()


def _notification_message(notification_id: int, user: User) -> dict[str, object] | None:
    # Only the person's own notification, whatever the event names.
    notification = Notification.objects.filter(pk=notification_id, user=user).first()
    if notification is None:
        return None
    return {
        "type": "notification",
        "id": notification.pk,
        "text": notification.text,
        "url": notification.url,
        "unread": Notification.objects.filter(user=user, read_at__isnull=True).count(),
    }


# Channels ships no type hints, so its consumer is an untyped base class.
class _ListeningConsumer(AsyncJsonWebsocketConsumer):  # type: ignore[misc]
    """A socket the page only listens on, subscribed to one channel group."""

    viewer: User | None = None
    group_name: str | None = None

    async def _listen(self, group_name: str) -> None:
        try:
            await self.channel_layer.group_add(group_name, self.channel_name)
        except Exception as error:
            logger.warning("Live updates are paused: cannot subscribe to %s: %s", group_name, error)
            await self.accept()
            await self.close(code=UNAVAILABLE)
            return
        self.group_name = group_name
        await self.accept()

    async def _leave(self) -> None:
        if self.group_name is None:
            return
        group_name, self.group_name = self.group_name, None
        try:
            await self.channel_layer.group_discard(group_name, self.channel_name)
        except Exception as error:
            # The subscription lapses by itself (channel layers expire group members).
            logger.warning("Could not unsubscribe from %s: %s", group_name, error)

    async def _refuse(self) -> None:
        await self._leave()
        await self.close(code=FORBIDDEN)

    async def disconnect(self, code: int) -> None:
        await self._leave()

    async def receive(
        self, text_data: str | None = None, bytes_data: bytes | None = None, **kwargs: Any
    ) -> None:
        """Posting goes through the pages (and their checks); anything sent here is ignored."""


class TopicConsumer(_ListeningConsumer):
    """New replies in one topic, pushed to an active member of its group who has the
    topic open, each rendered as that member should see it."""

    topic_id: int = 0
    second_factor: bool = False

    async def connect(self) -> None:
        self.topic_id = int(self.scope["url_route"]["kwargs"]["topic_id"])
        self.viewer = _viewer(self.scope)
        # One refusal for a topic that does not exist and for one the person may not read,
        # so a hidden group does not admit it exists.
        if self.viewer is None or not await _in_db(_can_read_topic, self.topic_id, self.viewer):
            await self._refuse()
            return
        self.second_factor = await _in_db(_passed_second_factor, self.scope, self.viewer)
        await self._listen(live.topic_group(self.topic_id))

    async def reply_created(self, event: dict[str, Any]) -> None:
        """A reply was posted in this topic (event "reply.created", from live.py)."""
        if self.viewer is None:
            return
        # Checked again for every reply: someone removed from the group (or whose topic was
        # hidden) stops hearing about it now, not when they next reload the page.
        if not await _in_db(_can_read_topic, self.topic_id, self.viewer):
            await self._refuse()
            return
        message = await _in_db(
            live_reply_for, int(event["reply_id"]), self.viewer, second_factor=self.second_factor
        )
        if message is not None:
            await self.send_json(message)


class NotificationConsumer(_ListeningConsumer):
    """A signed-in person's own notifications, pushed to any page they have open so the
    unread count stays right."""

    async def connect(self) -> None:
        self.viewer = _viewer(self.scope)
        if self.viewer is None:
            await self._refuse()
            return
        await self._listen(live.user_group(self.viewer.pk))

    async def notification_created(self, event: dict[str, Any]) -> None:
        """A notification was stored for this person (event "notification.created")."""
        if self.viewer is None:
            return
        message = await _in_db(_notification_message, int(event["notification_id"]), self.viewer)
        if message is not None:
            await self.send_json(message)
