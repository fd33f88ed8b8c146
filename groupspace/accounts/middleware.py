"""Therapists and staff set up a second factor before they can use GroupSpace (when required)."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from groupspace.groups.models import Membership

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


def is_care_team(user) -> bool:
    """Staff, or an active therapist of any group."""
    return (
        user.is_staff
        or Membership.objects.filter(
            user=user, role=Membership.Role.THERAPIST, state=Membership.State.ACTIVE
        ).exists()
    )


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()


class RequireMFAForCareTeamMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.MFA_REQUIRED_FOR_CARE_TEAM
            and request.user.is_authenticated
            and not request.path.startswith(ALWAYS_ALLOWED_PREFIXES)
            and is_care_team(request.user)
            and not has_second_factor(request.user)
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
