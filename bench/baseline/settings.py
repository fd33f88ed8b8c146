"""The bare baseline: a tutorial-style Channels chat. No auth, no database, one group per room,
`group_send` on every message, on the same Redis layer class and settings as GroupSpace."""

import os

SECRET_KEY = "bench-baseline-only"  # noqa: S105 (a throwaway process on loopback)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
INSTALLED_APPS = ["channels"]
ASGI_APPLICATION = "bench.baseline.asgi.application"
DATABASES = {}
USE_TZ = True
CHANNEL_LAYERS = {
    "default": {
        "BACKEND": "channels_redis.core.RedisChannelLayer",
        "CONFIG": {
            "hosts": [
                {
                    "address": os.environ["REDIS_URL"],
                    "socket_timeout": 15,
                    "socket_connect_timeout": 2,
                    "max_connections": 1000,
                }
            ],
            "prefix": os.environ.get("CHANNEL_LAYER_PREFIX", "bench-baseline"),
            "capacity": 200,
            "expiry": 60,
        },
    }
}
