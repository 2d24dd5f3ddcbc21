"""`manage.py load_demo_community`: fill the directory with the demo community so that
Kindred can be tried straight away (`make run` calls it). Safe to run again."""

from __future__ import annotations

from argparse import ArgumentParser
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kindred.demo.loader import load_demo_community


class Command(BaseCommand):
    help = (
        "Load the demo organisations, groups and people (one of each role). Running it "
        "again adds only what is missing."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument(
            "--force",
            action="store_true",
            help="Load even though DEBUG is off, for a public demo site. Never use this on "
            "a real service: every demo login has a published password and TOTP secret.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        # The demo logins are public knowledge, so a production database must not get
        # them by accident.
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "DEBUG is off, so this looks like a real service. The demo logins have a "
                "published password; use --force only for a public demo site."
            )
        summary = load_demo_community()
        self.stdout.write(summary.line())
