"""A database restart never leaves Kindred broken: the pool checks each connection before
it hands it out, so the first request after PostgreSQL drops every connection succeeds,
with no restart of the web process. (The PostgreSQL pass of `make test` runs this; the
SQLite pass has no server connection to lose.)"""

from __future__ import annotations

import urllib.request

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the PostgreSQL pass runs this test"
    ),
]


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=15) as answer:  # noqa: S310 (the test server)
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def _drop_every_other_connection() -> int:
    """What a PostgreSQL restart does to Kindred's connections: every one is closed by
    the server. The test's own connection is left, to do the dropping."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        (dropped,) = cursor.fetchone()
    return int(dropped)


def test_the_first_requests_after_the_database_drops_every_connection_succeed(live_server):
    assert connection.pool is not None, "the PostgreSQL settings use a connection pool"
    for _ in range(3):  # The server's pool holds connections now.
        assert _get(live_server.url + "/readyz")[0] == 200
    assert _drop_every_other_connection() >= 1
    for _ in range(5):
        status, body = _get(live_server.url + "/readyz")
        assert status == 200, body
    assert _get(live_server.url + "/groups/")[0] == 200
