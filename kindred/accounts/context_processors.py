"""What every page needs to know about the person signed in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kindred.accounts.permissions import AFTER_MFA_SESSION_KEY


def accounts(request: HttpRequest) -> dict[str, Any]:
    session = getattr(request, "session", None)
    return {
        # Where a staff member was going before being asked to set up a second factor.
        "after_mfa_url": session.get(AFTER_MFA_SESSION_KEY) if session is not None else None,
    }
