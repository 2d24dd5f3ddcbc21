"""Moving the test database back and forth between migrations, for the tests that show
a data migration keeps what it should (a transactional test, with the
`latest_schema_afterwards` fixture from conftest.py to put the schema back)."""

from __future__ import annotations

from django.apps.registry import Apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(targets: list[tuple[str, str]] | None = None) -> Apps:
    """Migrate to `targets` (every app to its latest when None); the models as they
    stand there, for making rows the way the code of that time would."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    nodes = targets or executor.loader.graph.leaf_nodes()
    executor.migrate(nodes)
    return executor.loader.project_state(nodes).apps
