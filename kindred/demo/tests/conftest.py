"""The demo community, loaded once for each test module that asks for it.

Loading it takes seconds, and most demo tests only read it: the `demo` fixture loads it
inside a transaction that lasts for the module, each test runs in a savepoint within it
(so what one test changes is gone before the next), and the whole load is rolled back
when the module's tests are done. A test that loads the demo again (to check that a
second load adds nothing) does so on top of the first load, as `make run` does."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.db import transaction

from kindred.demo.loader import DemoSummary, load_demo_community


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker) -> Iterator[DemoSummary]:  # type: ignore[no-untyped-def]
    with django_db_blocker.unblock(), transaction.atomic():
        summary = load_demo_community()
        yield summary
        transaction.set_rollback(True)
