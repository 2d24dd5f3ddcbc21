"""Kindred keeps answering when a part of it fails: error pages that need nothing, health
checks a load balancer can ask, and input no database can store refused with a clear 400.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.http import HttpRequest
from django.test import RequestFactory
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from kindred.core import views

pytestmark = pytest.mark.django_db


def _broken(*args: object, **kwargs: object) -> dict[str, object]:
    raise ConnectionError("the database is away")


def test_the_500_page_needs_no_database_session_or_context(django_assert_num_queries, settings):
    # A context processor that fails, as every one does while the database is away.
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"]}}
    ]
    settings.TEMPLATES[0]["OPTIONS"]["context_processors"] = [
        "kindred.core.tests.test_reliability._broken"
    ]
    request = RequestFactory().get("/groups/")
    with django_assert_num_queries(0):
        response = views.error_500(request)
    assert response.status_code == 500
    assert "Sorry, something went wrong" in response.content.decode()


def test_the_404_page_falls_back_to_the_plain_page_when_it_cannot_render(settings):
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "OPTIONS": {**settings.TEMPLATES[0]["OPTIONS"]}}
    ]
    settings.TEMPLATES[0]["OPTIONS"]["context_processors"] = [
        "kindred.core.tests.test_reliability._broken"
    ]
    request: HttpRequest = RequestFactory().get("/no-such-page/")
    response = views.error_404(request)
    assert response.status_code == 404
    assert "<h1>" in response.content.decode()


def test_healthz_answers_without_touching_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"


def test_readyz_says_ready_when_the_database_and_queue_are_fine(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "ready": True,
        "database": "ok",
        "redis": "not used",
        "worker": "ok",
    }
    assert response["Cache-Control"].startswith("max-age=0")


def _waiting_job(enqueued_ago: timedelta) -> DBTaskResult:
    job = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="kindred.community.tasks.send_digest",
        backend_name="default",
        queue_name="default",
        run_after=timezone.now(),
    )
    DBTaskResult.objects.filter(pk=job.pk).update(
        enqueued_at=timezone.now() - enqueued_ago, run_after=timezone.now() - enqueued_ago
    )
    return job


def test_readyz_names_the_worker_when_a_job_has_waited_too_long(client):
    _waiting_job(timedelta(minutes=1))
    assert client.get("/readyz").status_code == 200  # A minute's wait is normal.
    _waiting_job(timedelta(minutes=10))
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["worker"] == "down"
    assert response.json()["database"] == "ok"


def test_readyz_names_redis_when_redis_is_away(client, settings):
    # A Redis nobody listens on: port 1 refuses at once.
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": settings.REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["redis"] == "down"
    assert response.json()["database"] == "ok"
