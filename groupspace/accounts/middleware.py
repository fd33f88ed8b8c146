"""Therapists and staff set up a second factor before they can use GroupSpace (when required)."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from .second_factor import second_factor_missing

# Pages a person without a second factor can still reach: setting one up, logging out, the
# script texts; and the installable app's files, which hold nothing personal (a redirect would
# break the service worker).
ALWAYS_ALLOWED_PREFIXES = (
    "/accounts/",
    "/static/",
    "/jsi18n/",
    "/healthz",
    "/manifest.webmanifest",
    "/sw.js",
    "/offline/",
)


class RequireMFAForCareTeamMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path.startswith(ALWAYS_ALLOWED_PREFIXES) and second_factor_missing(
            request.user
        ):
            messages.info(
                request,
                _(
                    "Therapists and clinic staff protect their account with an authenticator "
                    "app. Set it up to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)
