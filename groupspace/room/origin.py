"""Which web pages may open a room socket: Origins exactly as the site is served.

Channels' AllowedHostsOriginValidator compares the host alone, so `http://` pages and other
ports of the same host got in. This is Channels' OriginValidator (scheme, host and port, with
the default port for each scheme) against `settings.SITE_ORIGINS`, read at each connection.
A missing Origin or `null` is refused; so is `*`, which SITE_ORIGINS never holds.
"""

from channels.security.websocket import OriginValidator
from django.conf import settings


class SiteOriginValidator(OriginValidator):
    def __init__(self, application):
        super().__init__(application, allowed_origins=[])

    def validate_origin(self, parsed_origin) -> bool:
        return any(
            self.match_allowed_origin(parsed_origin, pattern) for pattern in settings.SITE_ORIGINS
        )
