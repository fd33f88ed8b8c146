"""`{% checkin_reminder membership %}`: the check-in prompt on the home page and in the room.

A template tag, so the core's pages can show it without the core importing check-ins.
"""

from django import template

from groupspace.groups.models import Membership

from ..models import MOOD_FACES
from ..reminders import needs_reminder

register = template.Library()


@register.inclusion_tag("checkins/_reminder.html", takes_context=True)
def checkin_reminder(context, membership: Membership, place: str = "home") -> dict:
    """For a participant: a prompt when they have not checked in today, else (at home) a quiet
    link. For a therapist at home: a link to the group's dashboard."""
    user = context["request"].user
    is_participant = membership.role == Membership.Role.PARTICIPANT
    return {
        "group": membership.group,
        "place": place,
        "is_participant": is_participant,
        "needed": is_participant and needs_reminder(user, membership.group),
    }


@register.filter
def mood_face(value) -> str:
    """The face for a mood value (1 to 5), or nothing."""
    try:
        return MOOD_FACES.get(int(value), "")
    except (TypeError, ValueError):
        return ""
