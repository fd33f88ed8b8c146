"""ASGI entry point: HTTP through Django, websockets through the room consumer.

This is the only place the websocket stack is built.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "groupspace.settings")
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402 (needs Django set up)

from groupspace.gc_tuning import tune_for_server  # noqa: E402
from groupspace.room.origin import SiteOriginValidator  # noqa: E402
from groupspace.room.routing import websocket_urlpatterns  # noqa: E402

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        # No auth middleware: the room's consumer resolves its login itself
        # (groupspace/room/socket_auth.py says why).
        "websocket": SiteOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)

tune_for_server()  # last: everything loaded so far is frozen out of collections
