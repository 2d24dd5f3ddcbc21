"""The member's side of moderation (namespace `moderation`, see `urls.py`)."""

from django.urls import path

from kindred.moderation import views_member as views

urlpatterns = [
    path(
        "groups/<slug:slug>/online/topics/<int:topic_id>/report/",
        views.report_topic,
        name="report-topic",
    ),
    path(
        "groups/<slug:slug>/online/topics/<int:topic_id>/replies/<int:reply_id>/report/",
        views.report_reply,
        name="report-reply",
    ),
    path("groups/<slug:slug>/online/topics/<int:topic_id>/notes/", views.note_add, name="note-add"),
    path("moderation/notes/<int:note_id>/support/", views.note_support, name="note-support"),
    path("groups/<slug:slug>/online/rules/", views.rules, name="rules"),
    path("groups/<slug:slug>/online/rules/edit/", views.rules_edit, name="rules-edit"),
    path("moderation/support/", views.support, name="support"),
    path("moderation/mine/", views.mine, name="mine"),
    path("moderation/mine/<int:entry_id>/appeal/", views.appeal_new, name="appeal-new"),
]
