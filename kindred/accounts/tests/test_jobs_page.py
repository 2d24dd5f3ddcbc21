"""The staff page of background jobs: site admins see what failed or is stuck and can
run it again; nobody else can open it or press the button."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.tasks import TaskResultStatus
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kindred.community.tasks import send_digest
from kindred.core.models import WorkerHeartbeat
from kindred.core.tests.cast import login_with_second_factor

pytestmark = pytest.mark.django_db

URL = "/manage/jobs/"


def _failed_job(user_id: int, *, tries: int = 5) -> DBTaskResult:
    result = send_digest.enqueue(user_id)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.FAILED,
        worker_ids=[f"w{i}" for i in range(tries)],
        exception_class_path="smtplib.SMTPServerDisconnected",
        traceback=(
            'Traceback (most recent call last):\n  File "/srv/kindred/secret/path.py", '
            "line 1\nsmtplib.SMTPServerDisconnected: Connection unexpectedly closed"
        ),
        finished_at=timezone.now(),
    )
    return DBTaskResult.objects.get(pk=result.id)


def _stuck_job(user_id: int) -> DBTaskResult:
    result = send_digest.enqueue(user_id)
    DBTaskResult.objects.filter(pk=result.id).update(
        status=TaskResultStatus.RUNNING,
        worker_ids=["dead-worker"],
        started_at=timezone.now() - timedelta(minutes=10),
    )
    WorkerHeartbeat.objects.create(
        worker_id="dead-worker",
        host="web-1",
        pid=4242,
        last_seen_at=timezone.now() - timedelta(minutes=10),
    )
    return DBTaskResult.objects.get(pk=result.id)


@pytest.mark.parametrize("who", ["member", "moderator", "org_admin", "clinician", "outsider"])
def test_only_site_admins_can_open_it_or_retry(client, cast, who):
    job = _failed_job(cast.member.pk)
    login_with_second_factor(client, getattr(cast, who))
    assert client.get(URL).status_code == 404
    assert client.post(reverse("job-retry", args=[job.pk])).status_code == 404
    job.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED


def test_someone_signed_out_is_asked_to_sign_in(client, cast):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_a_site_admin_needs_the_second_step(client, cast):
    client.force_login(cast.site_admin)
    response = client.get(URL)
    assert response.status_code in (302, 200)
    assert "Background jobs" not in response.content.decode()


def test_it_lists_failed_and_stuck_jobs_with_the_last_error_only(client, cast):
    _failed_job(cast.member.pk)
    _stuck_job(cast.carer.pk)
    login_with_second_factor(client, cast.site_admin)
    page = client.get(URL).content.decode()
    assert "Failed: tried 5 times and stopped" in page
    assert "Stuck: its worker stopped" in page
    assert "Email summary of notifications" in page
    assert "smtplib.SMTPServerDisconnected: Connection unexpectedly closed" in page
    assert "secret/path.py" not in page, "no stack trace on the page"
    assert page.count("Run again") == 2
    assert "web-1" in page and "Stopped" in page


def test_run_again_puts_a_failed_job_back_in_the_queue(client, cast):
    job = _failed_job(cast.member.pk)
    login_with_second_factor(client, cast.site_admin)
    response = client.post(reverse("job-retry", args=[job.pk]), follow=True)
    assert "The job will run again in a moment." in response.content.decode()
    job.refresh_from_db()
    assert job.status == TaskResultStatus.READY


def test_run_again_takes_back_a_stuck_job(client, cast):
    job = _stuck_job(cast.member.pk)
    login_with_second_factor(client, cast.site_admin)
    client.post(reverse("job-retry", args=[job.pk]))
    job.refresh_from_db()
    assert job.status == TaskResultStatus.READY


def test_run_again_leaves_a_job_that_is_fine_alone_and_says_so(client, cast):
    result = send_digest.enqueue(cast.member.pk)
    DBTaskResult.objects.filter(pk=result.id).update(status=TaskResultStatus.SUCCESSFUL)
    login_with_second_factor(client, cast.site_admin)
    response = client.post(reverse("job-retry", args=[result.id]), follow=True)
    assert "no longer failed or stuck" in response.content.decode()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL


def test_it_says_when_nothing_needs_a_look_and_no_worker_runs(client, cast):
    login_with_second_factor(client, cast.site_admin)
    page = client.get(URL).content.decode()
    assert "Nothing needs a look" in page
    assert "No worker is running" in page


def test_the_page_makes_the_same_number_of_queries_however_many_jobs(client, cast):
    login_with_second_factor(client, cast.site_admin)
    _failed_job(cast.member.pk)
    client.get(URL)
    with CaptureQueriesContext(connection) as few:
        client.get(URL)
    _stuck_job(cast.carer.pk)
    for _ in range(30):
        _failed_job(cast.member.pk)
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL)
    assert "Page 1 of 2" in response.content.decode()
    assert len(many) == len(few)


def test_site_admins_find_it_from_the_manage_page(client, cast):
    login_with_second_factor(client, cast.site_admin)
    assert URL in client.get("/manage/").content.decode()
