"""The baseline's ASGI app, routed like GroupSpace's rooms (`/ws/groups/<slug>/`) behind the
same origin check, without the session and auth middleware."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.baseline.settings")
get_asgi_application()  # sets Django up before the routing imports below

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.urls import path  # noqa: E402

from .consumer import ChatConsumer  # noqa: E402

application = ProtocolTypeRouter(
    {
        "websocket": AllowedHostsOriginValidator(
            URLRouter([path("ws/groups/<slug:slug>/", ChatConsumer.as_asgi())])
        )
    }
)
