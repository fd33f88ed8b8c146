"""What the app keeps on a device is tied to one login: the room pages the service worker
cached and the last messages and unsent outbox the room keeps (docs/privacy.md, "On the
device"). When the login ends, the response that ends it tells the browser to wipe them."""

import time

from django.contrib.auth.signals import user_logged_out
from django.dispatch import receiver

from groupspace.accounts.idle import idle_limit_seconds

# The room view sets this on pages the service worker may keep for offline use; the value is
# the Unix time after which the login may have idled out, and the copy must not be shown.
OFFLINE_UNTIL_HEADER = "GroupSpace-Offline-Until"
# Cache Storage (the service worker's caches) and localStorage, for this origin. Not cookies:
# the logout itself ends the session, and clearing the CSRF cookie would only break the next
# login form in another open tab.
CLEAR_SITE_DATA = '"cache", "storage"'


def offline_until(user) -> int:
    """Until when a page rendered now may be shown offline: the login's idle limit from now."""
    return int(time.time()) + idle_limit_seconds(user)


def allow_offline(response, until: int):
    """Mark a page as one the service worker may keep (only the room pages are)."""
    response[OFFLINE_UNTIL_HEADER] = str(until)
    return response


@receiver(user_logged_out)
def _remember_to_clear_site_data(sender, request, user, **kwargs):
    if request is not None:
        request.clear_site_data = True


class ClearSiteDataOnLogoutMiddleware:
    """Adds Clear-Site-Data to the response of any request that logged someone out: the logout
    form, the automatic logoff after inactivity, closing the account, a password change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(request, "clear_site_data", False):
            response["Clear-Site-Data"] = CLEAR_SITE_DATA
        return response
