"""Private messages, notifications and message and email choices, under /messages/."""

from django.urls import path

from kindred.community import views_messages as views

app_name = "messages"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/", views.conversation, name="conversation"),
    path("new/<int:user_id>/", views.message_new, name="message-new"),
    path("report/<int:message_id>/", views.message_report, name="message-report"),
    path("block/<int:user_id>/", views.member_block, name="member-block"),
    path("notifications/", views.notifications, name="notifications"),
    path("notifications/read/", views.notifications_read_all, name="notifications-read-all"),
    path("notifications/<int:pk>/", views.notification_open, name="notification-open"),
    path("preferences/", views.preferences, name="preferences"),
]
