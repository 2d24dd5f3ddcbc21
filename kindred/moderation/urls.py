"""Moderation pages: the member's side (reports, notes, ground rules, the crisis
support page, my decisions and appeals) and the moderators' side (the queue, cases,
the log, workload, settings, appeals, the site's list of false claims)."""

from django.urls import include, path

app_name = "moderation"
urlpatterns = [
    path("", include("kindred.moderation.urls_member")),
    path("", include("kindred.moderation.urls_moderator")),
]
