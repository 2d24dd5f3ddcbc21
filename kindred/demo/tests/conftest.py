"""The demo community, loaded once for all the demo tests that ask for it.

Loading it takes seconds, and most demo tests only read it: the `demo` fixture loads it
inside a transaction that lasts until the last test in this folder, each test runs in a
savepoint within it (so what one test changes is gone before the next), and the whole
load is rolled back when the folder's tests are done. Pytest runs the files in name
order, and `test_commands_without_the_demo.py` (which needs a database without the demo)
sorts before every `test_demo_*.py`, so it runs before the first load. A test that loads the demo again (to check that a
second load adds nothing) does so on top of the first load, as `make run` does."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import transaction

from kindred.demo.loader import DemoSummary, load_demo_community
from kindred.demo.management.commands import load_demo_community as command

# What `manage.py load_demo_community --force` printed when the `demo` fixture ran it.
COMMAND_OUTPUT = pytest.StashKey[str]()


@pytest.fixture(scope="package")
def demo(request, django_db_setup, django_db_blocker) -> Iterator[DemoSummary]:  # type: ignore[no-untyped-def]
    """The demo, loaded the way `make run` loads it: by the command (forced, as the
    tests run with DEBUG off). Its output is kept for `demo_command_output`."""
    loaded: list[DemoSummary] = []

    def load_and_keep() -> DemoSummary:
        loaded.append(load_demo_community())
        return loaded[-1]

    out = StringIO()
    with django_db_blocker.unblock(), transaction.atomic():
        with mock.patch.object(command, "load_demo_community", load_and_keep):
            call_command("load_demo_community", "--force", stdout=out)
        request.config.stash[COMMAND_OUTPUT] = out.getvalue()
        (summary,) = loaded
        yield summary
        transaction.set_rollback(True)


@pytest.fixture
def demo_command_output(request, demo: DemoSummary) -> str:  # type: ignore[no-untyped-def]
    return request.config.stash[COMMAND_OUTPUT]
