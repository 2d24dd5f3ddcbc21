"""Kindred's task worker: django_tasks_db's worker, made to keep its promises.

`manage.py kindred_worker` runs it. On top of taking jobs from the database one at a
time, it:

- **survives the database going away**: a lost connection is logged, closed and tried
  again with a growing pause (1 s doubling to 30 s); the worker never exits for it;
- **says it is alive**: a thread writes a heartbeat (`core.WorkerHeartbeat`) every few
  seconds, also while a long job runs;
- **picks up abandoned jobs**: a job left "running" by a worker whose heartbeat stopped
  longer than the lease ago (killed, out of memory, the machine restarted) is put back
  in the queue, and so is one this worker was running when its database connection
  broke. Every job therefore runs at least once; the jobs are written so a second run
  does no harm (see each task);
- **retries failed jobs** with a growing pause (`RETRY_BASE_SECONDS` doubling, at most
  `MAX_BACKOFF_SECONDS`), up to `ATTEMPTS` runs in all, or until it succeeds for the
  tasks `ATTEMPTS_BY_TASK` gives 0 (the urgent crisis alert). The attempt count is the
  number of workers that took the job, shown on the staff page of jobs.

Settings: `KINDRED_WORKER` in settings.py.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import DatabaseError, OperationalError, close_old_connections, connections
from django.tasks import TaskResultStatus
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from kindred.core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)

type Job = DBTaskResult[Any, Any]


@dataclass(frozen=True)
class Policy:
    lease: timedelta = timedelta(seconds=60)
    heartbeat_seconds: float = 5.0
    retry_base_seconds: float = 30.0
    max_backoff_seconds: float = 900.0
    attempts: int = 5
    attempts_by_task: dict[str, int] = field(default_factory=dict)

    @classmethod
    def from_settings(cls) -> Policy:
        given: dict[str, Any] = getattr(settings, "KINDRED_WORKER", {})
        return cls(
            lease=timedelta(seconds=float(given.get("LEASE_SECONDS", 60))),
            heartbeat_seconds=float(given.get("HEARTBEAT_SECONDS", 5)),
            retry_base_seconds=float(given.get("RETRY_BASE_SECONDS", 30)),
            max_backoff_seconds=float(given.get("MAX_BACKOFF_SECONDS", 900)),
            attempts=int(given.get("ATTEMPTS", 5)),
            attempts_by_task=dict(given.get("ATTEMPTS_BY_TASK", {})),
        )

    def attempts_for(self, task_path: str) -> int:
        """How many runs a job of this task gets (0: until it succeeds)."""
        return self.attempts_by_task.get(task_path, self.attempts)

    def pause_after(self, attempts: int) -> timedelta:
        seconds = self.retry_base_seconds * 2 ** max(attempts - 1, 0)
        return timedelta(seconds=min(seconds, self.max_backoff_seconds))


@dataclass(frozen=True)
class Periodic:
    name: str
    every_seconds: float
    run: Callable[[], object]


_periodic: dict[str, Periodic] = {}


def run_periodically(name: str, every_seconds: float, run: Callable[[], object]) -> None:
    """Have every worker call `run` about every `every_seconds` (for a sweep that
    catches what a lost job would miss). Higher apps install theirs in
    `AppConfig.ready()`; installing the same name again replaces it."""
    _periodic[name] = Periodic(name=name, every_seconds=every_seconds, run=run)


def attempts(result: Job) -> int:
    """How many times the job was taken by a worker."""
    return len(result.worker_ids or [])


def live_worker_ids(policy: Policy) -> set[str]:
    cutoff = timezone.now() - policy.lease
    return set(
        WorkerHeartbeat.objects.filter(last_seen_at__gte=cutoff).values_list("worker_id", flat=True)
    )


def abandoned_jobs(policy: Policy, *, also_of: str | None = None) -> list[Job]:
    """Jobs marked running whose worker has stopped (or is `also_of`, a worker that
    knows it is running nothing)."""
    alive = live_worker_ids(policy) - {also_of}
    return [
        job
        for job in DBTaskResult.objects.running().only("id", "worker_ids", "task_path")
        if not job.worker_ids or job.worker_ids[-1] not in alive
    ]


def requeue(job: Job, *, after: timedelta = timedelta(0), was: str) -> bool:
    """Put a job back in the queue (if it is still `was`); True when it was."""
    return bool(
        DBTaskResult.objects.filter(pk=job.pk, status=was).update(
            status=TaskResultStatus.READY, run_after=timezone.now() + after, finished_at=None
        )
    )


def give_up(job: Job, reason: str) -> None:
    DBTaskResult.objects.filter(pk=job.pk, status=TaskResultStatus.RUNNING).update(
        status=TaskResultStatus.FAILED,
        finished_at=timezone.now(),
        exception_class_path="kindred.core.worker.WorkerStopped",
        traceback=reason,
    )


class KindredWorker(Worker):
    def __init__(self, *, policy: Policy | None = None, **options: Any) -> None:
        super().__init__(**options)
        self.policy = policy or Policy.from_settings()
        self._beating = threading.Event()
        self._next_sweep = 0.0
        self._next_periodic: dict[str, float] = {}

    # --- Heartbeat -------------------------------------------------------------------

    def _beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "host": socket.gethostname()[:200],
                "pid": os.getpid(),
                "last_seen_at": timezone.now(),
            },
        )

    def _heartbeat_loop(self) -> None:
        while not self._beating.wait(self.policy.heartbeat_seconds):
            try:
                self._beat()
            except DatabaseError as error:
                logger.warning("Heartbeat not written (%s); trying again", error)
                connections.close_all()

    def _start_heartbeat(self) -> None:
        self._beat()
        threading.Thread(target=self._heartbeat_loop, name="heartbeat", daemon=True).start()

    def _stop_heartbeat(self) -> None:
        self._beating.set()
        with contextlib.suppress(DatabaseError):  # If not, the lease runs out by itself.
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()

    # --- Abandoned jobs --------------------------------------------------------------

    def _sweep(self) -> None:
        """Requeue jobs whose worker stopped, at most every few seconds."""
        if time.monotonic() < self._next_sweep:
            return
        self._next_sweep = time.monotonic() + self.policy.heartbeat_seconds
        for job in abandoned_jobs(self.policy, also_of=self.worker_id):
            allowed = self.policy.attempts_for(job.task_path)
            if allowed and attempts(job) >= allowed:
                give_up(job, f"The worker running it stopped; it was tried {attempts(job)} times.")
                logger.error("Job %s (%s) given up: its workers stopped", job.pk, job.task_path)
            elif requeue(job, was=TaskResultStatus.RUNNING):
                logger.warning("Job %s (%s) requeued: its worker stopped", job.pk, job.task_path)

    def _run_periodic(self) -> None:
        now = time.monotonic()
        for periodic in list(_periodic.values()):
            if now < self._next_periodic.get(periodic.name, 0.0):
                continue
            self._next_periodic[periodic.name] = now + periodic.every_seconds
            try:
                periodic.run()
            except DatabaseError:
                raise  # The loop waits for the database and tries again.
            except Exception:
                logger.exception("Periodic check %s failed", periodic.name)

    # --- The loop --------------------------------------------------------------------

    def _take_one(self) -> Job | None:
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        with exclusive_transaction(tasks.db):
            job: Job | None = tasks.get_locked()
            if job is not None:
                job.claim(self.worker_id)
        return job

    def run(self) -> None:
        logger.info("Starting worker %s", self.worker_id)
        pause = 1.0
        started = False
        try:
            while self.running:
                try:
                    close_old_connections()
                    if not started:
                        self._start_heartbeat()
                        started = True
                    self._sweep()
                    self._run_periodic()
                    job = self._take_one()
                    if job is not None:
                        self.run_task(job)
                    pause = 1.0
                except DatabaseError as error:
                    if isinstance(error, OperationalError) and is_locked_database_exception(error):
                        job = None
                    else:
                        logger.warning(
                            "The database is unavailable (%s); trying again in %.0f s",
                            error,
                            pause,
                        )
                        connections.close_all()
                        time.sleep(pause)
                        pause = min(pause * 2, 30.0)
                        continue
                if self.batch and job is None:
                    return
                if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                    return
                if self.running and job is None:
                    time.sleep(self.interval)
        finally:
            if started:
                self._stop_heartbeat()

    def run_task(self, db_task_result: Job) -> None:
        super().run_task(db_task_result)
        if db_task_result.status != TaskResultStatus.FAILED:
            return
        allowed = self.policy.attempts_for(db_task_result.task_path)
        tried = attempts(db_task_result)
        if allowed and tried >= allowed:
            logger.error(
                "Job %s (%s) failed %d times; a site admin can retry it from the jobs page",
                db_task_result.pk,
                db_task_result.task_path,
                tried,
            )
            return
        pause = self.policy.pause_after(tried)
        requeue(db_task_result, after=pause, was=TaskResultStatus.FAILED)
        logger.warning(
            "Job %s (%s) failed (attempt %d); trying again in %.0f s",
            db_task_result.pk,
            db_task_result.task_path,
            tried,
            pause.total_seconds(),
        )
