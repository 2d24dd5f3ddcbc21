from django.urls import path

from kindred.directory import views

app_name = "directory"
urlpatterns = [
    path("groups/", views.search, name="search"),
    path("places/", views.place_suggestions, name="place-suggestions"),
    path("groups/<slug:slug>/", views.group_detail, name="group-detail"),
    path("organisations/<slug:slug>/", views.organisation_detail, name="organisation-detail"),
    path("manage/", views.manage, name="manage"),
    path("manage/organisations/new/", views.organisation_register, name="organisation-register"),
    path(
        "manage/organisations/<slug:slug>/verify/",
        views.organisation_verify,
        name="organisation-verify",
    ),
    path("manage/organisations/<slug:slug>/groups/new/", views.group_create, name="group-create"),
    path("manage/groups/<slug:slug>/edit/", views.group_edit, name="group-edit"),
    path("manage/groups/<slug:slug>/archive/", views.group_archive, name="group-archive"),
    path("manage/groups/<slug:slug>/venues/new/", views.venue_add, name="venue-add"),
    path(
        "manage/groups/<slug:slug>/venues/<int:venue_id>/delete/",
        views.venue_delete,
        name="venue-delete",
    ),
    path("manage/groups/<slug:slug>/schedules/new/", views.schedule_add, name="schedule-add"),
    path(
        "manage/groups/<slug:slug>/schedules/<int:schedule_id>/delete/",
        views.schedule_delete,
        name="schedule-delete",
    ),
]
