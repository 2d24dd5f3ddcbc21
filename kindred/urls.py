from django.contrib import admin
from django.urls import include, path
from django.views.i18n import set_language

from kindred.accounts import views_jobs
from kindred.api.api import api
from kindred.core import health
from kindred.core import views as core_views
from kindred.directory import views as directory_views

handler404 = "kindred.core.views.error_404"
handler500 = "kindred.core.views.error_500"
handler403 = "kindred.core.views.error_403"

urlpatterns = [
    path("", directory_views.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("manage/jobs/", views_jobs.jobs, name="jobs"),
    path("manage/jobs/<uuid:job_id>/retry/", views_jobs.job_retry, name="job-retry"),
    path("trust/", directory_views.about_trust, name="trust"),
    path("privacy/", core_views.privacy, name="privacy"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    path("", include("kindred.directory.urls")),
    path("", include("kindred.community.urls")),
    path("", include("kindred.moderation.urls")),
    path("buddies/", include("kindred.buddies.urls")),
    path("me/", include("kindred.accounts.urls")),
    path("messages/", include("kindred.community.urls_messages")),
    path("accounts/", include("allauth.urls")),
    path("i18n/setlanguage/", set_language, name="set_language"),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
]
