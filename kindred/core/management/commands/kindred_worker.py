"""`manage.py kindred_worker`: run background jobs (email, alerts) from the database.

Takes the same options as django_tasks_db's `db_worker`, and keeps going when the
database restarts, requeues the jobs of workers that died and retries failed jobs (see
`kindred/core/worker.py`). Run one or more under a supervisor (systemd, or `make run`)."""

from __future__ import annotations

from typing import Any

from django_tasks_db.management.commands.db_worker import Command as DBWorkerCommand

from kindred.core.worker import KindredWorker


class Command(DBWorkerCommand):
    help = (
        "Run Kindred's background jobs from the database. Survives database restarts, "
        "requeues jobs whose worker died, and retries failed jobs."
    )

    def handle(self, **options: Any) -> None:
        self.configure_logging(options["verbosity"])
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        worker = KindredWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )
        worker.configure_signals()
        worker.run()
