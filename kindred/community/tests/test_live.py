"""Live updates over WebSockets: a member reading a topic sees new replies arrive, as
they should see them, and nobody outside the group hears a thing.

The consumer tests drive kindred.asgi.application in this process (with the in-memory
channel layer); the last test runs two real uvicorn servers that share only Redis and
the database, which is how Kindred runs on several machines."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from unittest import mock

import pytest
from asgiref.sync import async_to_sync
from asgiref.testing import ApplicationCommunicator
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from conftest import require_service
from kindred.accounts.models import User
from kindred.community import live, services
from kindred.community.consumers import UNAVAILABLE
from kindred.community.models import (
    AnonymityView,
    MemberRole,
    Membership,
    MembershipStatus,
    Notification,
    Space,
    Topic,
    Visibility,
)
from kindred.core.tests.cast import Cast, login_with_second_factor
from kindred.core.tests.servers import (
    ONLINE_GROUP_SETUP,
    Browser,
    manage,
    migrated_database,
    server_env,
    uvicorns,
)
from kindred.directory.tests.factories import make_group

ROOT = Path(__file__).resolve().parents[3]
ORIGIN = b"http://localhost"
FORBIDDEN = 4403


def run(scenario: Callable[[], Coroutine[Any, Any, None]]) -> None:
    # pytest-asyncio is not installed: each test runs its async story in one event loop.
    async_to_sync(scenario)()


@pytest.fixture(autouse=True)
def in_memory_layer(settings):
    # A fresh in-memory layer per test (CI may set REDIS_URL for the whole run).
    settings.CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}


def session_cookie(user: User, *, second_factor: bool = False) -> bytes:
    client = Client()
    if second_factor:
        login_with_second_factor(client, user)
    else:
        client.force_login(user)
    return f"sessionid={client.cookies['sessionid'].value}".encode()


class Socket(ApplicationCommunicator):  # type: ignore[misc]
    """One browser's WebSocket to Kindred, driven in this process. (channels.testing has
    a WebsocketCommunicator, but importing it needs daphne, which Kindred does not use.)"""

    def __init__(self, path: str, headers: list[tuple[bytes, bytes]]) -> None:
        from kindred.asgi import application

        scope = {"type": "websocket", "path": path, "query_string": b"", "headers": headers}
        super().__init__(application, scope)

    # As channels' own communicator does: the test owns the database connection.
    async def send_input(self, message: dict[str, Any]) -> None:
        with mock.patch("channels.db.close_old_connections", lambda: None):
            await super().send_input(message)

    async def receive_output(self, timeout: float = 1) -> dict[str, Any]:
        with mock.patch("channels.db.close_old_connections", lambda: None):
            return await super().receive_output(timeout)  # type: ignore[no-any-return]

    async def connect(self) -> tuple[bool, int | None]:
        """(True, None) when the socket is accepted, (False, close code) when refused."""
        await self.send_input({"type": "websocket.connect"})
        answer = await self.receive_output(timeout=5)
        if answer["type"] == "websocket.accept":
            return True, None
        assert answer["type"] == "websocket.close", answer
        return False, answer.get("code", 1000)

    async def receive_json(self, timeout: float = 5) -> dict[str, Any]:
        message = await self.receive_output(timeout)
        assert message["type"] == "websocket.send", message
        return json.loads(message["text"])  # type: ignore[no-any-return]

    async def disconnect(self) -> None:
        await self.send_input({"type": "websocket.disconnect", "code": 1000})
        await self.wait(timeout=1)


@asynccontextmanager
async def socket_for(
    path: str,
    user: User | None,
    *,
    origin: bytes = ORIGIN,
    second_factor: bool = False,
) -> AsyncIterator[tuple[Socket, bool, int | None]]:
    """A WebSocket to Kindred as `user` (None: not signed in), closed afterwards;
    `second_factor`: the session passed the second step at sign-in."""
    headers = [(b"origin", origin)]
    if user is not None:
        cookie = await database_sync_to_async(session_cookie)(user, second_factor=second_factor)
        headers.append((b"cookie", cookie))
    ws = Socket(path, headers)
    connected, code = await ws.connect()
    try:
        yield ws, connected, code
    finally:
        await ws.disconnect()


def online_group(cast: Cast, *, visibility: str = Visibility.OPEN) -> Space:
    """South Coast T1 Online, led by Priya, with Mina and Carl as members and Mo as a
    moderator."""
    group = make_group(organisation=cast.organisation, name="South Coast T1 Online")
    space = services.space_open(
        group=group, leader=cast.peer_leader, visibility=visibility, join_questions=["Why?"]
    )
    for person in (cast.member, cast.carer, cast.moderator):
        membership = services.membership_request(
            space=space, user=person, answers=["To talk to people who get it."], accepts_rules=True
        )
        if membership.status == MembershipStatus.PENDING:
            services.membership_decide(membership=membership, by=cast.peer_leader, approve=True)
    services.membership_set_role(
        membership=Membership.objects.get(space=space, user=cast.moderator),
        by=cast.peer_leader,
        role=MemberRole.MODERATOR,
    )
    return space


def mina_asks(space: Space, cast: Cast) -> Topic:
    return services.topic_publish(
        author=cast.member, space=space, title="Hypos at night", body="How do you cope?"
    ).post


reply_post = database_sync_to_async(services.reply_post)


# Every transactional test in the suite keeps serialized_rollback on: a flush without
# it re-creates content types with new ids, and the next test that restores the
# serialized database (the browser journeys do) then collides with them.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_sends_a_new_reply_to_a_member_as_html(cast):
    topic = mina_asks(online_group(cast), cast)

    async def scenario() -> None:
        async with socket_for(f"/ws/topics/{topic.pk}/", cast.member) as (mina, connected, _):
            assert connected
            reply = (
                await reply_post(
                    author=cast.carer, topic=topic, body="A **small** snack before bed helps me."
                )
            ).post
            message = await mina.receive_json(timeout=5)
            assert message["type"] == "reply"
            assert message["id"] == reply.pk
            assert f'id="reply-{reply.pk}"' in message["html"]
            assert "<strong>small</strong>" in message["html"]
            assert "Carl" in message["html"]
            assert await mina.receive_nothing(timeout=0.2)

    run(scenario)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_live_reply_brings_the_new_reply_count(cast):
    topic = mina_asks(online_group(cast), cast)

    async def scenario() -> None:
        async with socket_for(f"/ws/topics/{topic.pk}/", cast.member) as (mina, connected, _):
            assert connected
            await reply_post(author=cast.carer, topic=topic, body="A snack before bed.")
            first = await mina.receive_json(timeout=5)
            assert (first["reply_count"], first["reply_count_text"]) == (1, "1 reply")
            await reply_post(author=cast.moderator, topic=topic, body="Same here.")
            second = await mina.receive_json(timeout=5)
            assert (second["reply_count"], second["reply_count_text"]) == (2, "2 replies")

    run(scenario)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_refuses_an_outsider_at_connect(cast):
    topic = mina_asks(online_group(cast), cast)

    async def scenario() -> None:
        async with socket_for(f"/ws/topics/{topic.pk}/", cast.outsider) as (_, connected, code):
            assert (connected, code) == (False, FORBIDDEN)
        async with socket_for(f"/ws/topics/{topic.pk}/", None) as (_, connected, code):
            assert (connected, code) == (False, FORBIDDEN)
        # A topic that does not exist gets the same answer, so none is confirmed.
        async with socket_for("/ws/topics/999999/", cast.outsider) as (_, connected, code):
            assert (connected, code) == (False, FORBIDDEN)

    run(scenario)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_refuses_a_page_on_another_site(cast):
    topic = mina_asks(online_group(cast), cast)

    async def scenario() -> None:
        path = f"/ws/topics/{topic.pk}/"
        async with socket_for(path, cast.member, origin=b"https://evil.example") as (
            _,
            connected,
            _code,
        ):
            assert not connected

    run(scenario)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_non_member_of_a_closed_group_gets_nothing(cast):
    space = online_group(cast, visibility=Visibility.CLOSED)
    topic = mina_asks(space, cast)
    # Oscar has asked to join; until a leader says yes he is not a member.
    services.membership_request(
        space=space, user=cast.outsider, answers=["I am curious."], accepts_rules=True
    )

    async def scenario() -> None:
        async with socket_for(f"/ws/topics/{topic.pk}/", cast.outsider) as (oscar, connected, code):
            assert (connected, code) == (False, FORBIDDEN)
            await reply_post(author=cast.carer, topic=topic, body="Only for members.")
            assert await oscar.receive_nothing(timeout=0.3)

    run(scenario)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_member_removed_from_the_group_stops_receiving(cast):
    space = online_group(cast)
    topic = services.topic_publish(
        author=cast.carer, space=space, title="Night-time hypos", body="Tips?"
    ).post

    async def scenario() -> None:
        async with socket_for(f"/ws/topics/{topic.pk}/", cast.member) as (mina, connected, _):
            assert connected
            await database_sync_to_async(
                Membership.objects.filter(space=space, user=cast.member).update
            )(status=MembershipStatus.REMOVED)
            await reply_post(author=cast.carer, topic=topic, body="Said after Mina left.")
            closing = await mina.receive_output(timeout=5)
            assert closing == {"type": "websocket.close", "code": FORBIDDEN}

    run(scenario)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_moderator_without_the_second_step_is_not_shown_the_pseudonym_live(cast):
    topic = mina_asks(online_group(cast), cast)

    async def scenario() -> None:
        path = f"/ws/topics/{topic.pk}/"
        async with socket_for(path, cast.moderator) as (mo, mo_in, _):  # password only
            assert mo_in
            await reply_post(
                author=cast.carer, topic=topic, body="I hide mine from work.", is_anonymous=True
            )
            to_mo = (await mo.receive_json(timeout=5))["html"]
            assert "Anonymous member" in to_mo
            assert "Carl" not in to_mo
            assert not await database_sync_to_async(AnonymityView.objects.exists)()

    run(scenario)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_an_anonymous_reply_shows_the_pseudonym_only_to_moderators(cast):
    topic = mina_asks(online_group(cast), cast)

    async def scenario() -> None:
        path = f"/ws/topics/{topic.pk}/"
        async with (
            socket_for(path, cast.member) as (mina, mina_in, _),
            socket_for(path, cast.moderator, second_factor=True) as (mo, mo_in, _),
        ):
            assert mina_in and mo_in
            reply = (
                await reply_post(
                    author=cast.carer, topic=topic, body="I hide mine from work.", is_anonymous=True
                )
            ).post
            to_mina = (await mina.receive_json(timeout=5))["html"]
            to_mo = (await mo.receive_json(timeout=5))["html"]
            assert "Anonymous member" in to_mina
            assert "Carl" not in to_mina
            assert "Carl" in to_mo
            assert "I hide mine from work." in to_mina and "I hide mine from work." in to_mo
            # Showing a moderator who is behind an anonymous reply is logged, live too.
            assert await database_sync_to_async(
                AnonymityView.objects.filter(viewer=cast.moderator, reply=reply).exists
            )()
            assert not await database_sync_to_async(
                AnonymityView.objects.filter(viewer=cast.member).exists
            )()

    run(scenario)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_notifications_arrive_only_for_their_own_person(cast):
    topic = mina_asks(online_group(cast), cast)

    async def scenario() -> None:
        async with (
            socket_for("/ws/notifications/", cast.member) as (mina, mina_in, _),
            socket_for("/ws/notifications/", cast.carer) as (carl, carl_in, _),
        ):
            assert mina_in and carl_in
            reply = (await reply_post(author=cast.carer, topic=topic, body="Me too.")).post
            message = await mina.receive_json(timeout=5)
            notification = await database_sync_to_async(Notification.objects.get)(user=cast.member)
            assert message == {
                "type": "notification",
                "id": notification.pk,
                "text": "Carl replied to “Hypos at night”.",
                "url": f"{topic.get_absolute_url()}#reply-{reply.pk}",
                "unread": 1,
            }
            assert await carl.receive_nothing(timeout=0.3)
            # An event naming someone else's notification is not passed on.
            await get_channel_layer().group_send(
                live.user_group(cast.carer.pk),
                {"type": "notification.created", "notification_id": notification.pk},
            )
            assert await carl.receive_nothing(timeout=0.3)

    run(scenario)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_it_refuses_notifications_to_someone_not_signed_in(cast):
    async def scenario() -> None:
        async with socket_for("/ws/notifications/", None) as (_, connected, code):
            assert (connected, code) == (False, FORBIDDEN)

    run(scenario)


# --- When live updates cannot be delivered ----------------------------------------------


class _LayerAway:
    """A channel layer whose Redis has gone away: every group call fails."""

    async def new_channel(self) -> str:
        return "specific.away"

    async def receive(self, channel: str) -> dict[str, Any]:
        await asyncio.Event().wait()  # Nothing ever arrives.
        raise AssertionError

    async def group_add(self, group: str, channel: str) -> None:
        raise ConnectionError("Redis is away")

    group_discard = group_add


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_with_the_channel_layer_away_the_socket_says_live_updates_are_paused(cast):
    topic = mina_asks(online_group(cast), cast)

    async def scenario() -> None:
        with mock.patch("channels.consumer.get_channel_layer", lambda alias: _LayerAway()):
            async with socket_for(f"/ws/topics/{topic.pk}/", cast.member) as (mina, connected, _):
                assert connected  # Accepted, to say why it closes:
                closed = await mina.receive_output(timeout=5)
                assert closed["type"] == "websocket.close"
                assert closed["code"] == UNAVAILABLE

    run(scenario)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_reply_is_answered_as_saved_whatever_happens_to_its_live_update(cast, client):
    """The reply is committed before its live update goes out: a failure there (Redis
    away, the database restarting) is logged, never shown to the author as an error."""
    topic = mina_asks(online_group(cast), cast)
    client.force_login(cast.carer)
    url = reverse("community:reply", args=[topic.space.group.slug, topic.pk])
    with mock.patch.object(live, "_send_all", side_effect=ConnectionError("Redis is away")):
        response = client.post(url, {"body": "Saved, even with Redis away."})
    assert response.status_code == 302
    with mock.patch.object(live, "_send_all", side_effect=OperationalError("restarting")):
        response = client.post(url, {"body": "Saved, even with the database restarting."})
    assert response.status_code == 302
    assert [r.body for r in topic.replies.order_by("pk")][-2:] == [
        "Saved, even with Redis away.",
        "Saved, even with the database restarting.",
    ]


# --- Two server processes sharing Redis -------------------------------------------------

REDIS_URL = os.environ.get("TEST_LIVE_REDIS_URL", "redis://127.0.0.1:6379/14")


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.mark.redis
def test_a_live_update_crosses_two_server_processes_that_share_redis(tmp_path):
    """Mina has the topic open on server 1; Carl replies through server 2. The reply
    (and Mina's notification) reach her through Redis, the only thing the two servers
    share besides the database."""
    require_service("Redis", _redis_up(), "127.0.0.1:6379")
    import redis
    from websockets.sync.client import connect

    redis.Redis.from_url(REDIS_URL).flushdb()
    env = server_env(tmp_path, REDIS_URL=REDIS_URL)
    migrated_database(env)
    made = json.loads(manage(env, script=ONLINE_GROUP_SETUP).strip().splitlines()[-1])
    topic_id, slug = made["topic"], made["slug"]

    with uvicorns(env, [tmp_path / f"uvicorn-{n}.log" for n in (1, 2)]) as started:
        ports = [port for port, _ in started]
        mina, carl = Browser(ports[0]), Browser(ports[1])
        mina.sign_in("mina@example.org")
        carl.sign_in("carl@example.org")
        origin = f"http://127.0.0.1:{ports[0]}"
        cookie = {"Cookie": f"sessionid={mina.cookies['sessionid']}"}
        with (
            connect(
                f"ws://127.0.0.1:{ports[0]}/ws/topics/{topic_id}/",
                origin=origin,
                additional_headers=cookie,
                open_timeout=10,
            ) as topic_socket,
            connect(
                f"ws://127.0.0.1:{ports[0]}/ws/notifications/",
                origin=origin,
                additional_headers=cookie,
                open_timeout=10,
            ) as inbox_socket,
        ):
            topic_page = f"/groups/{slug}/online/topics/{topic_id}/"
            carl.submit(
                topic_page,
                {"body": "A snack before bed, every night."},
                action=f"{topic_page}reply/",
            )
            deadline = time.monotonic() + 10

            def next_message(ws: Any) -> dict[str, Any]:
                try:
                    text = ws.recv(timeout=max(0.1, deadline - time.monotonic()))
                except TimeoutError:
                    logs = "\n".join(p.read_text() for p in tmp_path.glob("uvicorn-*.log"))
                    pytest.fail(f"nothing arrived within 10 s; server logs:\n{logs}")
                return json.loads(text)  # type: ignore[no-any-return]

            reply = next_message(topic_socket)
            assert reply["type"] == "reply"
            assert "A snack before bed, every night." in reply["html"]
            assert "Carl" in reply["html"]
            notification = next_message(inbox_socket)
            assert notification["type"] == "notification"
            assert notification["unread"] == 1
            assert notification["url"].endswith(f"#reply-{reply['id']}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_replys_live_updates_go_out_together_after_commit_and_not_after_a_rollback(cast):
    topic = mina_asks(online_group(cast), cast)
    services.reply_post(author=cast.moderator, topic=topic, body="Mo was here.")
    sent: list[list[tuple[str, dict[str, object]]]] = []
    with mock.patch.object(live, "_send_all", side_effect=lambda events: sent.append(events)):
        reply = services.reply_post(author=cast.carer, topic=topic, body="Carl too.").post
        assert [len(batch) for batch in sent] == [3], "one send: the reply and two notices"
        groups = {group for group, _ in sent[0]}
        assert groups == {
            live.topic_group(topic.pk),
            live.user_group(cast.member.pk),
            live.user_group(cast.moderator.pk),
        }
        assert (
            live.topic_group(topic.pk),
            {"type": "reply.created", "reply_id": reply.pk},
        ) in sent[0]
        sent.clear()
        from django.db import transaction

        with pytest.raises(RuntimeError), transaction.atomic():
            services.reply_post(author=cast.carer, topic=topic, body="Never saved.")
            raise RuntimeError
        services.reply_post(author=cast.carer, topic=topic, body="Saved after.")
    assert len(sent) == 1 and len(sent[0]) == 3, "nothing of the rolled-back reply"
