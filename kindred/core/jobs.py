"""What the staff page of background jobs shows, and its retry button (see
`core.worker` for how jobs are run, retried and picked up again)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Q, QuerySet
from django.tasks import TaskResultStatus
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_tasks_db.models import DBTaskResult, get_date_max

from kindred.core.models import WorkerHeartbeat
from kindred.core.worker import Job, Policy, abandoned_jobs, attempts, requeue

# The name staff see for each kind of job.
KINDS = {
    "kindred.community.tasks.send_digest": gettext_lazy("Email summary of notifications"),
    "kindred.moderation.tasks.send_urgent_alert": gettext_lazy("Urgent alert to moderators"),
}
# A job that waited this long for a worker is stuck (no worker is taking jobs).
WAITING_TOO_LONG = timedelta(minutes=5)
PAGE_SIZE = 25


@dataclass(frozen=True)
class JobRow:
    id: str
    kind: str
    state: str
    attempts: int
    enqueued_at: datetime
    next_try_at: datetime | None
    error: str
    can_retry: bool


def _kind(path: str) -> str:
    return str(KINDS.get(path, path.rsplit(".", 1)[-1].replace("_", " ")))


def _last_error(job: Job) -> str:
    """The last line of the error (its type and message), not the whole traceback."""
    lines = [line for line in (job.traceback or "").strip().splitlines() if line.strip()]
    return lines[-1].strip()[:300] if lines else ""


def _row(job: Job, *, stuck_ids: set[str], now: datetime) -> JobRow:
    run_after = job.run_after if job.run_after != get_date_max() else None
    if job.status == TaskResultStatus.FAILED:
        state = _("Failed: tried %(count)s times and stopped") % {"count": attempts(job)}
    elif str(job.pk) in stuck_ids:
        state = _("Stuck: its worker stopped")
    elif job.status == TaskResultStatus.RUNNING:
        state = _("Running")
    elif run_after is not None and run_after > now:
        state = _("Failed, will try again")
    else:
        state = _("Waiting for a worker")
    return JobRow(
        id=str(job.pk),
        kind=_kind(job.task_path),
        state=str(state),
        attempts=attempts(job),
        enqueued_at=job.enqueued_at,
        next_try_at=run_after if run_after is not None and run_after > now else None,
        error=_last_error(job),
        can_retry=job.status == TaskResultStatus.FAILED or str(job.pk) in stuck_ids,
    )


def needing_attention() -> QuerySet[Job]:
    """Failed jobs, jobs that failed and wait to try again, jobs waiting too long for a
    worker, and running ones (some may be stuck): newest first."""
    now = timezone.now()
    waiting_long = Q(status=TaskResultStatus.READY) & (
        Q(run_after=get_date_max(), enqueued_at__lt=now - WAITING_TOO_LONG)
        | Q(run_after__lt=now - WAITING_TOO_LONG)
    )
    retrying = Q(status=TaskResultStatus.READY) & ~Q(traceback="")
    return (
        DBTaskResult.objects.filter(
            Q(status__in=[TaskResultStatus.FAILED, TaskResultStatus.RUNNING])
            | waiting_long
            | retrying
        )
        .defer("args_kwargs", "return_value")
        .order_by("-enqueued_at")
    )


@dataclass(frozen=True)
class JobsPage:
    page: Page[Job]
    rows: list[JobRow]
    workers: list[tuple[WorkerHeartbeat, bool]]


def jobs_page(page_number: Any) -> JobsPage:
    """One page of jobs that need a look, and every worker with whether it is alive."""
    policy = Policy.from_settings()
    stuck = {str(job.pk) for job in abandoned_jobs(policy)}
    now = timezone.now()
    page = Paginator(needing_attention(), PAGE_SIZE).get_page(page_number)
    rows = [_row(job, stuck_ids=stuck, now=now) for job in page.object_list]
    cutoff = now - policy.lease
    workers = [(w, w.last_seen_at >= cutoff) for w in WorkerHeartbeat.objects.all()[:50]]
    return JobsPage(page=page, rows=rows, workers=workers)


def retry(job_id: str) -> bool:
    """Run a failed or stuck job again now; False when it is neither (any more)."""
    job = DBTaskResult.objects.filter(pk=job_id).first()
    if job is None:
        return False
    if job.status == TaskResultStatus.FAILED:
        return requeue(job, was=TaskResultStatus.FAILED)
    stuck = {str(j.pk) for j in abandoned_jobs(Policy.from_settings())}
    return str(job.pk) in stuck and requeue(job, was=TaskResultStatus.RUNNING)
