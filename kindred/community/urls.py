from django.urls import path

from kindred.community import views

app_name = "community"
urlpatterns = [
    path("feed/", views.feed, name="feed"),
    path("blog/new/", views.blog_new, name="blog-new"),
    path("tags/<str:name>/follow/", views.tag_follow, name="tag-follow"),
    path("groups/<slug:slug>/online/", views.space, name="space"),
    path("groups/<slug:slug>/online/join/", views.join, name="join"),
    path("groups/<slug:slug>/online/leave/", views.leave, name="leave"),
    path("groups/<slug:slug>/online/mute/", views.mute, name="mute"),
    path("groups/<slug:slug>/online/requests/", views.requests, name="requests"),
    path(
        "groups/<slug:slug>/online/requests/<int:membership_id>/",
        views.request_decide,
        name="request-decide",
    ),
    path("groups/<slug:slug>/online/members/", views.members, name="members"),
    path("groups/<slug:slug>/online/search/", views.search, name="search"),
    path(
        "groups/<slug:slug>/online/members/<int:membership_id>/role/",
        views.member_role,
        name="member-role",
    ),
    path(
        "groups/<slug:slug>/online/members/<int:membership_id>/follow/",
        views.member_follow,
        name="member-follow",
    ),
    path("groups/<slug:slug>/online/topics/new/", views.topic_new, name="topic-new"),
    path(
        "groups/<slug:slug>/online/topics/<int:topic_id>/edit/",
        views.topic_edit,
        name="topic-edit",
    ),
    path("groups/<slug:slug>/online/topics/<int:topic_id>/", views.topic, name="topic"),
    path("groups/<slug:slug>/online/topics/<int:topic_id>/reply/", views.reply, name="reply"),
    path("groups/<slug:slug>/online/topics/<int:topic_id>/react/", views.react, name="react"),
    path("groups/<slug:slug>/online/topics/<int:topic_id>/pin/", views.pin, name="pin"),
    path(
        "groups/<slug:slug>/online/topics/<int:topic_id>/image/",
        views.topic_image,
        name="topic-image",
    ),
]
