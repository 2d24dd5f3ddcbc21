"""The moderators' pages. `case` comes first: notifications and emails link to it."""

from django.urls import URLPattern, path

from kindred.moderation import views_moderator as views

GROUP = "groups/<slug:slug>/online/moderation/"

urlpatterns: list[URLPattern] = [
    path("moderation/cases/<int:case_id>/", views.case, name="case"),
    path("moderation/cases/<int:case_id>/message/", views.case_message, name="case-message"),
    path(GROUP, views.queue, name="queue"),
    path(GROUP + "log/", views.log, name="log"),
    path(GROUP + "workload/", views.workload, name="workload"),
    path(GROUP + "settings/", views.screening_settings, name="settings"),
    path(GROUP + "watched/<int:word_id>/remove/", views.watched_remove, name="watched-remove"),
    path(GROUP + "appeals/", views.appeals, name="appeals"),
    path("moderation/appeals/<int:appeal_id>/", views.appeal, name="appeal"),
    path("moderation/messages/", views.message_queue, name="message-queue"),
    path("moderation/claims/", views.claims, name="claims"),
    path("moderation/claims/new/", views.claim_new, name="claim-new"),
    path("moderation/claims/<int:claim_id>/", views.claim_edit, name="claim-edit"),
]
