"""The bare baseline's settings: no database, no auth, nothing but Channels, on the very
channel-layer configuration GroupSpace builds from the same environment."""

from groupspace.settings import CHANNEL_LAYERS as APP_CHANNEL_LAYERS

from ..layers import chosen_layer, with_layer

SECRET_KEY = "bench-baseline-only"  # noqa: S105 (a throwaway process on loopback)
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1"]
INSTALLED_APPS = ["channels"]
ASGI_APPLICATION = "bench.baseline.asgi.application"
DATABASES: dict = {}
USE_TZ = True
CHANNEL_LAYERS = with_layer(APP_CHANNEL_LAYERS, chosen_layer())
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
