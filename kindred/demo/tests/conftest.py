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

import pytest
from django.db import transaction

from kindred.demo.loader import DemoSummary, load_demo_community


@pytest.fixture(scope="package")
def demo(django_db_setup, django_db_blocker) -> Iterator[DemoSummary]:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock(), transaction.atomic():
        summary = load_demo_community()
        yield summary
        transaction.set_rollback(True)
