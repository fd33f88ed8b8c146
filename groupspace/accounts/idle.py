"""Automatic logoff after a while without activity: short for the care team, long for
participants on their own phone. Logging off closes the session's sockets too (room.signals)."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .second_factor import is_care_team

LAST_ACTIVITY_KEY = "groupspace_last_activity"


def idle_limit_seconds(user) -> int:
    minutes = (
        settings.IDLE_TIMEOUT_CARE_TEAM_MINUTES
        if is_care_team(user)
        else settings.IDLE_TIMEOUT_PARTICIPANT_MINUTES
    )
    return minutes * 60


def record_activity(session) -> None:
    session[LAST_ACTIVITY_KEY] = int(time.time())


def is_idle_expired(session, user) -> bool:
    last = session.get(LAST_ACTIVITY_KEY)
    if last is None:
        return False
    idle = time.time() - last
    # Within the shorter limit nobody has idled out: no need to look up whose limit applies.
    shortest = 60 * min(
        settings.IDLE_TIMEOUT_CARE_TEAM_MINUTES, settings.IDLE_TIMEOUT_PARTICIPANT_MINUTES
    )
    return idle > shortest and idle > idle_limit_seconds(user)


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            if is_idle_expired(request.session, request.user):
                logout(request)
                messages.info(request, _("You were logged out after a while without activity."))
                return redirect(f"{reverse('account_login')}?next={request.path}")
            record_activity(request.session)
        return self.get_response(request)
