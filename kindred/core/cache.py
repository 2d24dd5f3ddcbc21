"""A Redis cache that Kindred keeps working without.

Redis holds things Kindred can rebuild or do without for a while: cached pages of data
(the false-claims list), copies of sessions (the database has the real ones), rate-limit
counters and live updates. So an outage of Redis must never stop a member posting or
signing in. `ResilientRedisCache` is Django's Redis cache with three additions:

- Short socket timeouts, so a Redis that has gone away costs a request about a second
  once, not thirty seconds every time.
- While Redis is unreachable, each process uses a small cache in its own memory instead:
  reads miss (and callers fall back to the database), rate limits still count (per
  process, so they stay limits rather than switching off), and the page can say that
  live updates are paused (`redis_is_down()`).
- Every few seconds it tries Redis again. When Redis answers, the keys this process
  wrote or deleted while it was away are deleted from Redis before it is used again, so
  the cache can only miss, never hand back something stale (a session signed out during
  the outage stays signed out). Nothing needs a restart.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.cache import cache
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# What an unreachable or stalled Redis raises (a refused connection, a reset, a timeout).
OUTAGE = (RedisConnectionError, RedisTimeoutError)

# Seconds between attempts to reach Redis again while it is down.
RETRY_AFTER = 5.0

# Held in memory per process during an outage, at most.
FALLBACK_ENTRIES = 10_000


def redis_is_down() -> bool:
    """Whether this process is working without Redis right now (for the page notice)."""
    return bool(getattr(cache, "is_down", False))


@dataclass
class _Outage:
    """What the process knows about one Redis: shared by every cache object for it (under
    ASGI Django makes a cache object per request)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    down_since: float | None = None
    next_try: float = 0.0
    missed: set[str] = field(default_factory=set)
    cleared: bool = False


_outages: dict[str, _Outage] = {}
_outages_lock = threading.Lock()


def _outage_for(location: str) -> _Outage:
    with _outages_lock:
        return _outages.setdefault(location, _Outage())


class ResilientRedisCache(RedisCache):
    def __init__(self, server: str, params: dict[str, Any]) -> None:
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {})}}
        params["OPTIONS"].setdefault("socket_connect_timeout", 1.0)
        params["OPTIONS"].setdefault("socket_timeout", 2.0)
        self.retry_after = float(params["OPTIONS"].pop("retry_after", RETRY_AFTER))
        super().__init__(server, params)
        location = f"{server}|{self.key_prefix}"
        # Memory caches of one name share their store, so every request sees the same.
        self._fallback = LocMemCache(
            f"kindred-fallback|{location}",
            {"OPTIONS": {"MAX_ENTRIES": FALLBACK_ENTRIES}, "TIMEOUT": self.default_timeout},
        )
        self._outage = _outage_for(location)

    # --- State -----------------------------------------------------------------------

    @property
    def is_down(self) -> bool:
        return self._outage.down_since is not None

    def _went_down(self, error: Exception) -> None:
        outage = self._outage
        with outage.lock:
            if outage.down_since is None:
                outage.down_since = time.monotonic()
                logger.warning("Redis is unreachable (%s): working without it", error)
            outage.next_try = time.monotonic() + self.retry_after

    def _usable(self) -> bool:
        """Whether to use Redis for this call: yes when up; while down, only once it
        answers a ping again and the keys missed meanwhile are gone from it."""
        outage = self._outage
        if outage.down_since is None:
            return True
        if time.monotonic() < outage.next_try:
            return False
        with outage.lock:
            if outage.down_since is None:
                return True
            if time.monotonic() < outage.next_try:
                return False  # Another request just tried, and Redis is still away.
            try:
                client = self._cache.get_client(None, write=True)
                client.ping()
                if outage.cleared:
                    client.flushdb()
                elif outage.missed:
                    client.delete(*outage.missed)
            except OUTAGE:
                outage.next_try = time.monotonic() + self.retry_after
                return False
            logger.warning(
                "Redis is back after %.0f s; %d keys written meanwhile dropped from it",
                time.monotonic() - outage.down_since,
                len(outage.missed),
            )
            outage.down_since = None
            outage.missed.clear()
            outage.cleared = False
            self._fallback.clear()
            return True

    def ping(self) -> bool:
        """Ask Redis directly (for /readyz), whatever this process believed."""
        try:
            self._cache.get_client(None, write=False).ping()
        except OUTAGE as error:
            self._went_down(error)
            return False
        return self._usable()

    def _either[T](
        self,
        in_redis: Callable[[], T],
        in_memory: Callable[[], T],
        written: Iterable[str] = (),
        version: int | None = None,
    ) -> T:
        if self._usable():
            try:
                return in_redis()
            except OUTAGE as error:
                self._went_down(error)
        keys = [self.make_and_validate_key(key, version=version) for key in written]
        with self._outage.lock:
            self._outage.missed.update(keys)
        return in_memory()

    # --- The cache API ---------------------------------------------------------------

    def add(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> bool:
        return self._either(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version),
            lambda: self._fallback.add(key, value, timeout, version),
            [key],
            version,
        )

    def get(self, key: str, default: Any = None, version: int | None = None) -> Any:
        return self._either(
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            lambda: self._fallback.get(key, default, version),
        )

    def set(
        self, key: str, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> None:
        self._either(
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version),
            lambda: self._fallback.set(key, value, timeout, version),
            [key],
            version,
        )

    def touch(self, key: str, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        return self._either(
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version),
            lambda: self._fallback.touch(key, timeout, version),
            [key],
            version,
        )

    def delete(self, key: str, version: int | None = None) -> bool:
        return self._either(
            lambda: super(ResilientRedisCache, self).delete(key, version),
            lambda: self._fallback.delete(key, version),
            [key],
            version,
        )

    def get_many(self, keys: Iterable[str], version: int | None = None) -> dict[str, Any]:
        keys = list(keys)
        return self._either(
            lambda: super(ResilientRedisCache, self).get_many(keys, version),
            lambda: self._fallback.get_many(keys, version),
        )

    def has_key(self, key: str, version: int | None = None) -> bool:
        return self._either(
            lambda: super(ResilientRedisCache, self).has_key(key, version),
            lambda: self._fallback.has_key(key, version),
        )

    def incr(self, key: str, delta: int = 1, version: int | None = None) -> int:
        return self._either(
            lambda: super(ResilientRedisCache, self).incr(key, delta, version),
            lambda: self._fallback.incr(key, delta, version),
            [key],
            version,
        )

    def set_many(
        self, data: dict[str, Any], timeout: Any = DEFAULT_TIMEOUT, version: int | None = None
    ) -> list[str]:
        return self._either(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            lambda: self._fallback.set_many(data, timeout, version),
            list(data),
            version,
        )

    def delete_many(self, keys: Iterable[str], version: int | None = None) -> None:
        keys = list(keys)
        self._either(
            lambda: super(ResilientRedisCache, self).delete_many(keys, version),
            lambda: self._fallback.delete_many(keys, version),
            keys,
            version,
        )

    def clear(self) -> None:
        def in_memory() -> None:
            with self._outage.lock:
                self._outage.cleared = True
            self._fallback.clear()

        self._either(lambda: super(ResilientRedisCache, self).clear(), in_memory)
