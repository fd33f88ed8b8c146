"""The care team's second factor: one rule for every way into GroupSpace.

Therapists and clinic staff read health information and moderate rooms, so when the rule is on
(`MFA_REQUIRED_FOR_CARE_TEAM`, on unless DEBUG) they need an authenticator before they get
anything but the set-up pages. Every way in asks `second_factor_missing`: the page middleware,
the room's socket when it connects, and the calendar feed; removing a care-team member's last
authenticator closes their open sockets (groupspace/room/signals.py).
"""

from allauth.mfa.models import Authenticator
from django.conf import settings

from groupspace.groups.models import Membership

# What counts as a second factor: an authenticator app. Recovery codes only stand in for one.
SECOND_FACTOR_TYPES = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def is_care_team(user) -> bool:
    """Staff, or an active therapist of any group."""
    return (
        user.is_staff
        or Membership.objects.filter(
            user=user, role=Membership.Role.THERAPIST, state=Membership.State.ACTIVE
        ).exists()
    )


def has_second_factor(user) -> bool:
    return Authenticator.objects.filter(user=user, type__in=SECOND_FACTOR_TYPES).exists()


def second_factor_missing(user) -> bool:
    """True when `user` is logged in, must have a second factor and has none."""
    return (
        settings.MFA_REQUIRED_FOR_CARE_TEAM
        and user is not None
        and user.is_authenticated
        and is_care_team(user)
        and not has_second_factor(user)
    )
