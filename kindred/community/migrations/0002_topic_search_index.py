"""A GIN full-text index for searching inside a group on PostgreSQL. SQLite has no
equivalent that Django speaks to, so there the search reads rows (see queries.py)."""

from django.db import migrations

INDEX = (
    "CREATE INDEX IF NOT EXISTS community_topic_fts ON community_topic USING GIN "
    "(to_tsvector('english', coalesce(title, '') || ' ' || coalesce(body, '')))"
)
REPLY_INDEX = (
    "CREATE INDEX IF NOT EXISTS community_reply_fts ON community_reply USING GIN "
    "(to_tsvector('english', coalesce(body, '')))"
)


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(INDEX)
        schema_editor.execute(REPLY_INDEX)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS community_topic_fts")
        schema_editor.execute("DROP INDEX IF EXISTS community_reply_fts")


class Migration(migrations.Migration):
    dependencies = [("community", "0001_initial")]
    operations = [migrations.RunPython(create, drop)]
