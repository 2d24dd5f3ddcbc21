"""The task worker keeps Kindred's promises when things fail underneath it.

These run real `manage.py kindred_worker` processes against a database of their own
and a mail server the test controls (`smtp.py`): a worker killed in the middle of
sending, a mail server that refuses the first tries, and (in the PostgreSQL pass) the
database dropping every connection while the worker runs."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from kindred.core.tests.servers import DATABASE_FILE, ROOT, migrated_database, server_env
from kindred.core.tests.smtp import SMTPServer

SETUP = """
import json
import django
django.setup()
from kindred.accounts.models import ConsentPurpose
from kindred.accounts.services import consent_give
from kindred.community.models import CommunityPreference
from kindred.community.notifications import notify
from kindred.community.tests.factories import make_community
from kindred.core.tests.cast import build_cast

cast = build_cast()
community = make_community(cast)
consent_give(user=cast.member, purpose=ConsentPurpose.EMAIL_UPDATES)
CommunityPreference.objects.update_or_create(user=cast.member, defaults={"digest": "daily"})
notify(user=cast.member, kind="reply", text="Carl replied to Night hypos.", url="/x/")
notify(user=cast.member, kind="reply", text="Mo replied to Walks.", url="/y/")
print(json.dumps({"member": cast.member.pk, "space": community.space.pk}))
"""

ENQUEUE_DIGEST = """
import django, sys
django.setup()
from kindred.community.tasks import send_digest
print(send_digest.enqueue(int(sys.argv[1])).id)
"""

CRISIS_POST = """
import django, json
django.setup()
from kindred.accounts.models import User
from kindred.community import services
from kindred.community.models import Space
published = services.topic_publish(
    author=User.objects.get(email="mina@example.org"), space=Space.objects.get(),
    title="Tonight", body="I can't do this anymore. I want to end my life tonight.",
)
print(json.dumps({"case": published.case.pk}))
"""


def _env(tmp_path: Path, smtp_port: int, **extra: str) -> dict[str, str]:
    return server_env(
        tmp_path,
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_TIMEOUT="30",
        KINDRED_WORKER_LEASE_SECONDS="3",
        KINDRED_WORKER_HEARTBEAT_SECONDS="0.5",
        KINDRED_TASK_RETRY_BASE_SECONDS="0.3",
        KINDRED_TASK_MAX_BACKOFF_SECONDS="1",
        **extra,
    )


def _script(env: dict[str, str], script: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip().splitlines()[-1]


def _state(env: dict[str, str]) -> dict[str, Any]:
    """The jobs, Mina's notifications, the cases and the site admin's urgent notices, read
    from the worker's SQLite database with plain SQL (the test polls this often, and a
    Django process per look would take seconds)."""
    from django_tasks_db.models import DBTaskResult

    from kindred.accounts.models import User
    from kindred.community.models import Notification
    from kindred.moderation.models import Case

    job, note, case, user = (m._meta.db_table for m in (DBTaskResult, Notification, Case, User))
    database = Path(env["KINDRED_VAR_DIR"]) / DATABASE_FILE
    with closing(sqlite3.connect(database, timeout=30)) as db:
        jobs = [
            {
                "id": pk,
                "task": task_path.rsplit(".", 1)[-1],
                "status": status,
                "attempts": len(json.loads(worker_ids)),
            }
            for pk, task_path, status, worker_ids in db.execute(
                f"SELECT id, task_path, status, worker_ids FROM {job} ORDER BY enqueued_at"  # noqa: S608
            )
        ]
        emailed = [
            row[0] is not None
            for row in db.execute(
                f"SELECT n.emailed_at FROM {note} n JOIN {user} u ON u.id = n.user_id "  # noqa: S608
                "WHERE u.email = 'mina@example.org' ORDER BY n.id"
            )
        ]
        alerted = [
            row[0] is not None
            for row in db.execute(f"SELECT urgent_email_sent_at FROM {case} ORDER BY id")  # noqa: S608
        ]
        (admin_pages,) = db.execute(
            f"SELECT count(*) FROM {note} n JOIN {user} u ON u.id = n.user_id "  # noqa: S608
            "WHERE u.email = 'sam@example.org' AND n.kind = 'urgent'"
        ).fetchone()
    return {"jobs": jobs, "emailed": emailed, "alerted": alerted, "admin_pages": admin_pages}


@contextmanager
def worker(env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        process = subprocess.Popen(
            [
                *(sys.executable, "manage.py", "kindred_worker", "--queue-name", "*"),
                *("--interval", "0.2", "--no-startup-delay", "--verbosity", "2"),
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(timeout=5)


def _wait_for(what: str, check: Callable[[], bool], log: Path, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"timed out waiting for {what}; worker log:\n{log.read_text()}")
        time.sleep(0.2)


def _ready(tmp_path: Path, env: dict[str, str]) -> dict[str, Any]:
    migrated_database(env)
    return json.loads(_script(env, SETUP))  # type: ignore[no-any-return]


def test_a_job_whose_worker_is_killed_mid_send_is_done_once_after_the_lease(tmp_path):
    with SMTPServer() as smtp:
        env = _env(tmp_path, smtp.port)
        made = _ready(tmp_path, env)
        log = tmp_path / "worker.log"
        smtp.behaviour.hang_on_data = True
        _script(env, ENQUEUE_DIGEST, str(made["member"]))

        with worker(env, log) as first:
            # The email is on the wire and the mail server has not answered: kill it.
            _wait_for("the first send", smtp.behaviour.data_arrived.is_set, log)
            first.send_signal(signal.SIGKILL)
            first.wait(timeout=10)
        state = _state(env)
        assert [j["status"] for j in state["jobs"]] == ["RUNNING"]
        assert state["emailed"] == [False, False], "nothing is marked emailed before it is"
        assert smtp.behaviour.delivered == []

        smtp.behaviour.hang_on_data = False
        with worker(env, log) as second:
            _wait_for(
                "the job to be done",
                lambda: _state(env)["jobs"][0]["status"] == "SUCCESSFUL",
                log,
            )
            assert second.poll() is None
        state = _state(env)
        assert state["jobs"][0]["attempts"] == 2
        assert state["emailed"] == [True, True]
        assert smtp.recipients() == ["mina@example.org"], "one email, sent once"


def test_an_urgent_alert_whose_first_sends_fail_is_sent_once_the_mail_server_recovers(
    tmp_path,
):
    with SMTPServer() as smtp:
        env = _env(tmp_path, smtp.port)
        _ready(tmp_path, env)
        log = tmp_path / "worker.log"
        smtp.behaviour.refuse_next = 3  # The first three tries meet a mail server that is down.
        _script(env, CRISIS_POST)

        with worker(env, log):
            _wait_for("the alert to be sent", lambda: _state(env)["alerted"] == [True], log)
        state = _state(env)
        (alert,) = [j for j in state["jobs"] if j["task"] == "send_urgent_alert"]
        assert alert["status"] == "SUCCESSFUL"
        assert alert["attempts"] == 4
        assert smtp.behaviour.refused == 3
        # Each moderator of the group (Priya leads, Mo moderates) got it once.
        assert sorted(smtp.recipients()) == ["mo@example.org", "priya@example.org"]
        # After the third failed try the site admin was told inside Kindred, once.
        assert state["admin_pages"] == 1


def test_a_failed_job_stops_after_its_attempts_and_shows_why(tmp_path):
    with SMTPServer() as smtp:
        env = _env(tmp_path, smtp.port, KINDRED_TASK_ATTEMPTS="2")
        made = _ready(tmp_path, env)
        log = tmp_path / "worker.log"
        smtp.behaviour.refuse_next = 10
        _script(env, ENQUEUE_DIGEST, str(made["member"]))
        with worker(env, log):
            _wait_for(
                "the job to give up",
                lambda: _state(env)["jobs"][0]["status"] == "FAILED",
                log,
            )
            time.sleep(1)  # Long enough for a third try, were there one.
        state = _state(env)
        assert state["jobs"][0]["attempts"] == 2
        assert state["emailed"] == [False, False]
        assert smtp.behaviour.refused == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="the PostgreSQL pass runs this")
def test_the_worker_carries_on_when_the_database_drops_every_connection(tmp_path):
    name = connection.settings_dict["NAME"]
    with SMTPServer() as smtp:
        env = _env(tmp_path, smtp.port, DATABASE_URL=f"postgres://postgres@127.0.0.1:5432/{name}")
        made = json.loads(_script(env, SETUP))
        log = tmp_path / "worker.log"
        with worker(env, log) as running:
            _script(env, ENQUEUE_DIGEST, str(made["member"]))
            _wait_for("the first email", lambda: len(smtp.behaviour.delivered) == 1, log)
            # As a restart does: every connection dropped, and none taken for a while.
            # (From another database: PostgreSQL will not close the one it is in.)
            import psycopg

            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                (ours,) = cursor.fetchone()
            with psycopg.connect(
                "postgresql://postgres@127.0.0.1:5432/postgres", autocommit=True
            ) as admin:
                try:
                    admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
                    dropped = admin.execute(
                        "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                        "WHERE datname = %s AND pid <> %s",
                        [name, ours],
                    ).fetchone()
                    assert dropped is not None and dropped[0] >= 1
                    _wait_for(
                        "the worker to notice",
                        lambda: "The database is unavailable" in log.read_text(),
                        log,
                        seconds=30,
                    )
                    time.sleep(2)
                finally:
                    admin.execute(f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
            assert running.poll() is None, "the worker waited for the database"
            _script(
                env,
                "import django; django.setup()\n"
                "from kindred.community.notifications import notify\n"
                "from kindred.accounts.models import User\n"
                "notify(user=User.objects.get(email='mina@example.org'), kind='reply',"
                " text='After the restart.', url='/z/')\n"
                "print('ok')",
            )
            _script(env, ENQUEUE_DIGEST, str(made["member"]))
            _wait_for("the second email", lambda: len(smtp.behaviour.delivered) == 2, log)
            assert running.poll() is None, "the worker never exited"
