from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def kindred(request: HttpRequest) -> dict[str, Any]:
    return {"SITE_NAME": "Kindred", "SITE_URL": settings.SITE_URL}
