from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def kindred(request: HttpRequest) -> dict[str, Any]:
    from kindred.core.cache import redis_is_down

    user = getattr(request, "user", None)
    return {
        # A lazy count: only pages that show the header run the query.
        "unread_notifications": (
            (lambda: user.notifications.filter(read_at__isnull=True).count())
            if user is not None and user.is_authenticated
            else 0
        ),
        "SITE_NAME": "Kindred",
        "SITE_URL": settings.SITE_URL,
        # Live updates travel through Redis: while it is away, pages say so.
        "live_updates_paused": redis_is_down,
    }
