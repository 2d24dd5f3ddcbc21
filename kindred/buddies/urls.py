"""Buddy programme pages, under /buddies/. The fixed paths come before `<slug>/` so that
they are never read as a programme's name."""

from django.urls import path

from kindred.buddies import views

app_name = "buddies"
urlpatterns = [
    path("", views.programmes, name="programmes"),
    path("mine/", views.mine, name="mine"),
    path("new/", views.programme_new, name="programme-new"),
    path("matches/<int:match_id>/", views.match, name="match"),
    path("matches/<int:match_id>/answer/", views.match_answer, name="match-answer"),
    path("matches/<int:match_id>/end/", views.match_end, name="match-end"),
    path("matches/<int:match_id>/decide/", views.match_decide, name="match-decide"),
    path("checkins/<int:checkin_id>/", views.checkin, name="checkin"),
    path("organisations/<slug:slug>/coordinators/", views.coordinators, name="coordinators"),
    path("<slug:slug>/", views.programme, name="programme"),
    path("<slug:slug>/profile/", views.join, name="join"),
    path("<slug:slug>/leave/", views.leave, name="leave"),
    path("<slug:slug>/coordinate/", views.coordinate, name="coordinate"),
    path("<slug:slug>/settings/", views.programme_settings, name="programme-settings"),
    path("<slug:slug>/run/", views.run, name="run"),
    path(
        "<slug:slug>/supporters/<int:profile_id>/",
        views.supporter_record,
        name="supporter-record",
    ),
]
