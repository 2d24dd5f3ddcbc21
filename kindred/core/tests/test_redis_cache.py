"""With REDIS_URL set, the cache and so the sign-in rate limits live in Redis, shared by
every server process. This runs against a real Redis (required in CI)."""

import os
import socket
from pathlib import Path

import pytest
from django.core.cache import caches
from django.urls import reverse

from conftest import require_service

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def _redis_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 6379), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture
def redis_cache(settings):
    require_service("Redis", _redis_up(), "127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "kindred-test",
        }
    }
    cache = caches["default"]
    cache.clear()
    yield cache
    cache.clear()


@pytest.mark.redis
@pytest.mark.django_db
def test_failed_logins_are_counted_in_redis(client, cast, redis_cache):
    import redis

    url = reverse("account_login")
    for _ in range(5):
        client.post(url, {"login": "mina@example.org", "password": "wrong guess"})
    keys = redis.Redis.from_url(REDIS_URL).keys("kindred-test:*")
    assert keys, "rate-limit counters should be stored in Redis"
    response = client.post(
        url, {"login": "mina@example.org", "password": "a long demo passphrase 42"}
    )
    assert "Too many failed login attempts" in response.content.decode()


def test_settings_choose_redis_when_redis_url_is_set(tmp_path):
    import subprocess
    import sys

    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "kindred.settings_test",
        "REDIS_URL": "redis://127.0.0.1:6379/3",
        "KINDRED_VAR_DIR": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert result.stdout.strip() == "kindred.core.cache.ResilientRedisCache"
