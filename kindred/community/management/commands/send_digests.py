"""`manage.py send_digests --frequency daily|weekly`: queue the email summaries."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kindred.community import submissions
from kindred.community.digest import users_due
from kindred.community.models import DigestFrequency
from kindred.community.tasks import send_digest


class Command(BaseCommand):
    help = (
        "Queue one email summary task for each person due a daily or weekly summary of "
        "their unread notifications. Run it from a scheduler, for example cron: "
        "'0 7 * * * manage.py send_digests --frequency daily' and "
        "'0 7 * * 1 manage.py send_digests --frequency weekly'. "
        "The task worker (manage.py kindred_worker) sends the emails. Running it twice is "
        "safe: nobody gets the same notification by email twice."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--frequency",
            required=True,
            choices=[DigestFrequency.DAILY.value, DigestFrequency.WEEKLY.value],
            help="Which summaries to send: daily or weekly.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        user_ids = users_due(frequency=options["frequency"])
        for user_id in user_ids:
            send_digest.enqueue(user_id)
        self.stdout.write(f"Queued {len(user_ids)} {options['frequency']} summaries.")
        if options["frequency"] == DigestFrequency.DAILY:
            # Once a day, too: forget the keys that stopped forms being saved twice.
            forgotten = submissions.forget_old()
            self.stdout.write(f"Forgot {forgotten} old form keys.")
