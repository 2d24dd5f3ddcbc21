"""Health checks for a load balancer or supervisor.

`/healthz` (liveness): the process answers. It touches nothing else, so a database or
Redis outage never makes a supervisor restart healthy web workers.

`/readyz` (readiness): the process can do its work now. It asks the database for one
row, Redis (when Kindred uses it) for one key, and the task queue whether a job has
waited longer than `WORKER_STALE_AFTER` without a worker taking it. It answers 200 with
what it found, or 503 naming what is down, as JSON a person can read too.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult, get_date_max

logger = logging.getLogger(__name__)

# A job waiting this long for a worker means no worker is taking jobs.
WORKER_STALE_AFTER = timedelta(minutes=5)


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok\n", content_type="text/plain")


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _cache() -> str:
    if not getattr(settings, "REDIS_URL", ""):
        return "not used"
    ping = getattr(cache, "ping", None)
    if ping is not None:
        # The resilient cache answers even with Redis away; ask Redis itself.
        if not ping():
            raise RuntimeError("Redis does not answer")
        return "ok"
    cache.set("kindred:readyz", "1", timeout=10)
    if cache.get("kindred:readyz") != "1":
        raise RuntimeError("Redis did not keep a key")
    return "ok"


def _worker() -> str:
    cutoff = timezone.now() - WORKER_STALE_AFTER
    waiting = DBTaskResult.objects.ready().filter(
        Q(run_after=get_date_max(), enqueued_at__lt=cutoff) | Q(run_after__lt=cutoff)
    )
    if waiting.exists():
        raise RuntimeError("jobs have waited more than five minutes for a worker")
    return "ok"


@never_cache
def readyz(request: HttpRequest) -> JsonResponse:
    found: dict[str, str] = {}
    ready = True
    for name, probe in (("database", _database), ("redis", _cache), ("worker", _worker)):
        try:
            found[name] = probe()
        except Exception as error:
            logger.warning("readiness: %s is not ready: %s", name, error)
            found[name] = "down"
            ready = False
    return JsonResponse({"ready": ready, **found}, status=200 if ready else 503)
