"""`manage.py demo_logins`: the accounts a person can sign in as to try each role,
with the shared password and, for staff roles, what they need for the second step."""

from __future__ import annotations

import time
from typing import Any

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value
from django.conf import settings
from django.core.management.base import BaseCommand
from django.urls import reverse

from kindred.accounts.models import STAFF_ROLES, User
from kindred.demo.data import DEMO_PASSWORD, DEMO_TOTP_SECRET, PEOPLE


def current_code(secret: str, now: float | None = None) -> tuple[str, int]:
    """The TOTP code an authenticator app shows for `secret` right now, made the same
    way allauth checks it, and how many seconds it has left."""
    now = time.time() if now is None else now
    period: int = mfa_settings.TOTP_PERIOD
    code: str = format_hotp_value(hotp_value(secret, int(now) // period))
    return code, period - int(now) % period


class Command(BaseCommand):
    help = "Print the demo logins: role, email, password and, for staff, the sign-in code."

    def handle(self, *args: Any, **options: Any) -> None:
        code, seconds_left = current_code(DEMO_TOTP_SECRET)
        names = dict(
            User.objects.filter(email__in=[p.email for p in PEOPLE]).values_list(
                "email", "display_name"
            )
        )
        header = ("role", "email", "password", "display name", "TOTP secret", "code now")
        rows = [header]
        for person in PEOPLE:
            staff = person.role in STAFF_ROLES
            rows.append(
                (
                    str(person.role),
                    person.email,
                    DEMO_PASSWORD,
                    names.get(person.email, "(not loaded)"),
                    DEMO_TOTP_SECRET if staff else "-",
                    code if staff else "-",
                )
            )
        widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
        self.stdout.write(
            f"Kindred demo logins. Sign in at {settings.SITE_URL}{reverse('account_login')}"
        )
        self.stdout.write("")
        for row in rows:
            self.stdout.write(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
        self.stdout.write("")
        self.stdout.write(
            "Staff roles need a second step at sign-in: add the TOTP secret to an "
            f"authenticator app, or type the code shown (it changes in {seconds_left} "
            "seconds; run this command again for a new one). Group leaders and moderators "
            "see who wrote anonymous posts only after that step, and the admin site "
            f"({settings.SITE_URL}/admin/, site admin only) uses the same sign-in."
        )
        if len(names) < len(PEOPLE):
            self.stdout.write(
                "Some demo people are not loaded yet: run `manage.py load_demo_community`."
            )
