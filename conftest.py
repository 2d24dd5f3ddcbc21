"""Shared test set-up: settings for tests, the named cast of people, and service checks.

The cast (used across every app's tests):
- Mina, a member living with type 1 diabetes
- Carl, a carer
- Priya, a peer leader at the South Coast T1 Peers organisation
- Mo, a moderator there
- Dr Clare, a clinician
- Olu, the organisation admin of South Coast T1 Peers (has MFA set up)
- Sam, a site admin (has MFA set up)
- Oscar, an outsider with an account and no roles
"""

from __future__ import annotations

import os

os.environ.setdefault("KINDRED_TESTING", "true")
os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")

import pytest

CI = os.environ.get("CI", "").lower() == "true"


def require_service(name: str, available: bool, why: str) -> None:
    """In CI a missing PostgreSQL or Redis is a failure, never a silent skip."""
    if available:
        return
    if CI:
        pytest.fail(f"{name} is required in CI but is not reachable: {why}")
    pytest.skip(f"{name} not reachable locally: {why}")


@pytest.fixture
def cast(db):  # type: ignore[no-untyped-def]
    from kindred.core.tests.cast import build_cast

    return build_cast()


@pytest.fixture(autouse=True)
def _fresh_cache():  # type: ignore[no-untyped-def]
    # Rate limits live in the cache; each test starts with a clean slate.
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def latest_schema_afterwards():  # type: ignore[no-untyped-def]
    """For a test that migrates the database back: every app to its latest again after."""
    from kindred.core.tests.migrations import migrate

    yield
    migrate()


def pytest_addoption(parser):  # type: ignore[no-untyped-def]
    parser.addoption(
        "--pass",
        choices=("sqlite", "postgresql"),
        dest="kindred_pass",
        help=(
            "One of `make test`'s two passes, which run side by side. Both run every test "
            "that uses the test database; the tests that do not (they would give the same "
            "result on either) run in one pass only: the benchmarks' smoke tests in the "
            "PostgreSQL pass (but the writers' one), the others in the SQLite pass. Without "
            "it, every test runs."
        ),
    )


# Tests that do not use the test database but run in the PostgreSQL pass (the feed
# benchmark needs PostgreSQL anyway), so that the two passes take about as long.
_IN_THE_POSTGRESQL_PASS = (
    "tests/test_bench_directory_search.py",
    "tests/test_bench_feed.py",
    "tests/test_bench_matching.py",
    "tests/test_bench_publish.py",
)


def _runs_in(item, which: str) -> bool:  # type: ignore[no-untyped-def]
    if uses_the_test_database(item):
        return True
    in_postgresql = item.nodeid.startswith(_IN_THE_POSTGRESQL_PASS)
    return in_postgresql == (which == "postgresql")


_DATABASE_FIXTURES = frozenset({"db", "transactional_db", "live_server", "django_db_setup"})


def uses_the_test_database(item) -> bool:  # type: ignore[no-untyped-def]
    """The test reads or writes the test database (so its result may depend on which
    database it is): a `django_db` mark, a database fixture, or a Django TestCase.
    Pytest-django refuses database access to any other test."""
    if item.get_closest_marker("django_db") is not None:
        return True
    if _DATABASE_FIXTURES & set(getattr(item, "fixturenames", ())):
        return True
    from django.test import TransactionTestCase

    cls = getattr(item, "cls", None)
    return cls is not None and issubclass(cls, TransactionTestCase)


def pytest_collection_modifyitems(config, items):  # type: ignore[no-untyped-def]
    which = config.getoption("kindred_pass")
    if which:
        kept = [item for item in items if _runs_in(item, which)]
        others = [item for item in items if not _runs_in(item, which)]
        if others:
            config.hook.pytest_deselected(items=others)
            items[:] = kept
    # A transactional test without serialized_rollback flushes the database and lets
    # post_migrate recreate content types and permissions; every later test that restores
    # the serialized database (the browser journeys do) then collides with them. Refuse
    # such a test when it is collected rather than let it break tests far away.
    for item in items:
        marker = item.get_closest_marker("django_db")
        if marker is None or not marker.kwargs.get("transaction"):
            continue
        if not marker.kwargs.get("serialized_rollback"):
            raise pytest.UsageError(
                f"{item.nodeid}: transactional tests need serialized_rollback=True "
                "(see conftest.py)"
            )


def _is_transactional(item) -> bool:  # type: ignore[no-untyped-def]
    marker = item.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        return True
    return bool({"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())))


# Set when a transactional test has emptied the tables; cleared once they are refilled.
_FLUSHED = pytest.StashKey[bool]()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item, nextitem):  # type: ignore[no-untyped-def]
    yield
    if _is_transactional(item):
        item.config.stash[_FLUSHED] = True


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):  # type: ignore[no-untyped-def]
    """A transactional test empties every table when it ends, reference data too (the
    conditions and languages the migrations load); Django puts that data back only
    when the next transactional test starts. So before an ordinary test that uses the
    database (whatever ran in between), the data is put back here if a transactional
    test emptied it: pytest-django runs transactional tests after ordinary ones, but the
    browser tests run last of all, and `make test` may spread tests over processes."""
    if not item.config.stash.get(_FLUSHED, False):
        return
    if not uses_the_test_database(item) or _is_transactional(item):
        return
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)
    item.config.stash[_FLUSHED] = False
