"""Kindred keeps working while Redis is away, and picks Redis up again by itself.

A real uvicorn process runs Kindred with a Redis server this test owns; the test stops
that Redis underneath it and starts it again. While Redis is down, members still sign
in, read and post, sign-in limits still count, pages say live updates are paused, and
/readyz names Redis. When Redis is back, the same process uses it again, with nothing
stale: a member who signed out during the outage stays signed out although Redis came
back holding a copy of their old session."""

from __future__ import annotations

import contextlib
import json
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import require_service
from kindred.core.tests.servers import (
    ONLINE_GROUP_SETUP,
    Browser,
    free_port,
    manage,
    migrated_database,
    server_env,
    uvicorn,
)

PAUSED = "Live updates are paused"


class OwnRedis:
    """A redis-server process on a port of its own that keeps its data in a file when it
    stops (as a Redis with persistence does), so it comes back with what it held."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        import redis

        binary = shutil.which("redis-server")
        assert binary is not None
        self.process = subprocess.Popen(
            [
                binary,
                *("--port", str(self.port), "--bind", "127.0.0.1", "--save", ""),
                *("--appendonly", "no", "--dir", str(self.directory), "--dbfilename", "dump.rdb"),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                redis.Redis.from_url(self.url, socket_timeout=1).ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.1)
        pytest.fail("the test's Redis did not start")

    def stop(self) -> None:
        """Stop it, writing what it holds to disk first."""
        import redis

        assert self.process is not None
        with contextlib.suppress(redis.exceptions.ConnectionError):
            redis.Redis.from_url(self.url).shutdown(save=True)  # It hangs up as it stops.
        self.process.wait(timeout=20)
        self.process = None

    def client(self):  # type: ignore[no-untyped-def]
        import redis

        return redis.Redis.from_url(self.url)


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[OwnRedis]:
    require_service("redis-server", shutil.which("redis-server") is not None, "not installed")
    server = OwnRedis(tmp_path)
    server.start()
    yield server
    if server.process is not None:
        server.process.kill()
        server.process.wait(timeout=10)


def _paused_notice_shown(html: str) -> bool:
    notice = re.search(r'<p id="live-paused"[^>]*>', html)
    assert notice, "the topic page has its live-updates notice"
    return " hidden" not in notice.group(0)


def _ready(browser: Browser) -> tuple[int, dict[str, object]]:
    status, _, text = browser.fetch("GET", "/readyz")
    return status, json.loads(text)


@pytest.mark.redis
def test_kindred_works_while_redis_is_down_and_uses_it_again_when_it_is_back(
    tmp_path: Path, own_redis: OwnRedis
) -> None:
    env = server_env(tmp_path, REDIS_URL=own_redis.url)
    migrated_database(env)
    made = json.loads(manage(env, script=ONLINE_GROUP_SETUP).strip().splitlines()[-1])
    topic = f"/groups/{made['slug']}/online/topics/{made['topic']}/"

    with uvicorn(env, tmp_path / "uvicorn.log") as (port, server):
        mina = Browser(port)
        mina.sign_in("mina@example.org")
        mina.submit(topic, {"body": "Before the outage."}, action=f"{topic}reply/")
        assert _ready(mina) == (
            200,
            {"ready": True, "database": "ok", "redis": "ok", "worker": "ok"},
        )
        assert own_redis.client().keys("*session*"), "sessions are cached in Redis"
        assert not _paused_notice_shown(mina.request("GET", topic))

        own_redis.stop()

        # Reading and posting carry on, for someone already signed in...
        page = mina.request("GET", topic)
        assert "Before the outage." in page
        mina.submit(topic, {"body": "During the outage."}, action=f"{topic}reply/")
        assert "During the outage." in mina.request("GET", topic)
        # ...and for someone signing in now.
        carl = Browser(port)
        carl.sign_in("carl@example.org")
        page = carl.request("GET", topic)
        assert "During the outage." in page
        assert _paused_notice_shown(page), "the page says live updates are paused"
        status, found = _ready(carl)
        assert (status, found["redis"], found["database"]) == (503, "down", "ok")

        # Sign-in limits still count without Redis: the sixth wrong password in a row
        # for one address is refused whatever it is.
        guesser = Browser(port)
        for _ in range(6):
            page = guesser.submit(
                "/accounts/login/", {"login": "mina@example.org", "password": "a wrong guess"}
            )
        assert "Too many failed login attempts" in page

        # Mina signs out while Redis is away: the copy of her session in Redis is now
        # stale, and Redis will come back with it.
        old_session = dict(mina.cookies)
        mina.submit("/me/", {}, action="/accounts/logout/")

        own_redis.start()
        deadline = time.monotonic() + 30
        while _ready(carl)[0] != 200:
            assert time.monotonic() < deadline, "Kindred did not take Redis back"
            time.sleep(0.5)

        assert server.poll() is None, "the same process, never restarted"
        page = carl.request("GET", topic)
        assert not _paused_notice_shown(page)
        carl.submit(topic, {"body": "After the outage."}, action=f"{topic}reply/")
        assert "After the outage." in carl.request("GET", topic)
        # Redis is in use again: a new sign-in's session is cached there.
        keys_before = set(own_redis.client().keys("*session*"))
        Browser(port).sign_in("mina@example.org")
        assert set(own_redis.client().keys("*session*")) - keys_before

        # The session Mina signed out of stays signed out.
        ghost = Browser(port)
        ghost.cookies = old_session
        status, headers, _ = ghost.fetch("GET", "/me/")
        assert status == 302 and "/accounts/login/" in headers["Location"]
