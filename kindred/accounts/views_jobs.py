"""The staff page of background jobs: what failed, what is stuck, which workers are
alive, and a button to run a job again. Site admins only, after the second sign-in step."""

from __future__ import annotations

from uuid import UUID

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kindred.accounts.http import SignedInRequest
from kindred.accounts.models import User
from kindred.accounts.permissions import is_site_admin, staff_mfa_required
from kindred.core import jobs as job_queries


def _site_admin(request: SignedInRequest) -> User:
    user = request.user
    if not is_site_admin(user):
        raise Http404
    return user


@staff_mfa_required
@require_GET
def jobs(request: SignedInRequest) -> HttpResponse:
    _site_admin(request)
    found = job_queries.jobs_page(request.GET.get("page", 1))
    return render(
        request,
        "core/jobs.html",
        {"page": found.page, "rows": found.rows, "workers": found.workers},
    )


@staff_mfa_required
@require_POST
def job_retry(request: SignedInRequest, job_id: UUID) -> HttpResponse:
    _site_admin(request)
    if job_queries.retry(str(job_id)):
        messages.success(request, _("The job will run again in a moment."))
    else:
        messages.error(
            request,
            _("That job is no longer failed or stuck, so it was not run again."),
        )
    return redirect("jobs")
