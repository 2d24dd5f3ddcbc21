"""The cache keeps Kindred working while Redis is away without making every request
wait for it: one request finds Redis gone, the rest use memory until the pause is over,
and then one request (not all of them at once) asks Redis again."""

from __future__ import annotations

import threading

import redis

from kindred.core.cache import ResilientRedisCache
from kindred.core.tests.servers import free_port


def test_while_redis_is_away_it_is_asked_again_only_once_per_pause(monkeypatch):
    cache = ResilientRedisCache(
        f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": {"retry_after": 60}}
    )
    tries: list[int] = []
    real_connect = redis.connection.AbstractConnection.connect

    def counted(self):  # type: ignore[no-untyped-def]
        tries.append(1)
        return real_connect(self)

    monkeypatch.setattr(redis.connection.AbstractConnection, "connect", counted)

    assert cache.get("k", "missing") == "missing"
    assert cache.is_down and len(tries) == 1
    cache.set("k", "kept in memory")
    for _ in range(50):
        assert cache.get("k") == "kept in memory"
    assert len(tries) == 1, "no request waited for Redis during the pause"

    # The pause is over and twenty requests arrive at once: one of them asks Redis.
    cache._outage.next_try = 0.0
    start = threading.Barrier(20)

    def read() -> None:
        start.wait()
        cache.get("k")

    threads = [threading.Thread(target=read) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert len(tries) == 2
    assert cache.is_down
