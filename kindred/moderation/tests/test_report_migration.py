"""Reports moved from community to moderation without touching their table: a report
made before the move is a moderation report after it, and its content type moved too."""

from __future__ import annotations

import pytest
from django.contrib.contenttypes.models import ContentType

from kindred.accounts.models import User
from kindred.core.tests.migrations import migrate

BEFORE = [
    ("community", "0008_notification_email_claim"),
    ("moderation", "0005_urgent_alert_deliveries"),
]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_report_made_before_the_move_is_moderations_after_it(latest_schema_afterwards):  # type: ignore[no-untyped-def]
    old = migrate(BEFORE)
    OldReport = old.get_model("community", "Report")
    ContentType.objects.clear_cache()
    old_types = old.get_model("contenttypes", "ContentType")
    old_types.objects.get_or_create(app_label="community", model="report")
    # Accounts stays at its latest schema, so Mina is made with today's model.
    mina = User.objects.create_user("mina@example.org", "pw", display_name="Mina")
    OldReport.objects.create(reporter_id=mina.pk, category="abuse", reason="Unkind words")

    migrate()

    from kindred.moderation.models import Report

    (report,) = Report.objects.all()
    assert (report.reporter.email, report.category, report.reason) == (
        "mina@example.org",
        "abuse",
        "Unkind words",
    )
    ContentType.objects.clear_cache()
    assert ContentType.objects.filter(app_label="moderation", model="report").count() == 1
    assert not ContentType.objects.filter(app_label="community", model="report").exists()
