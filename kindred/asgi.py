"""The ASGI entry point: pages over HTTP, live updates over WebSockets."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kindred.settings")
# Set Django up before the consumers are imported: they import models.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from kindred.community.routing import websocket_urlpatterns  # noqa: E402
from kindred.screening import pipeline  # noqa: E402

# Load the screening models now, so the first member to post does not wait for them.
pipeline.warm_up()

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # A page on another site must not open a socket with the member's cookies.
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
