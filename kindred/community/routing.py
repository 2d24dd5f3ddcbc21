"""Where the live updates of the online groups are served (see consumers.py)."""

from django.urls import path

from kindred.community import consumers

websocket_urlpatterns = [
    path("ws/topics/<int:topic_id>/", consumers.TopicConsumer.as_asgi()),
    path("ws/notifications/", consumers.NotificationConsumer.as_asgi()),
]
