"""Safety checks run on every post, and the alerts that put people in front of therapists.

Imported by the room's posting service, so it must not import `groupspace.room.posting`.
"""

from django.conf import settings
from django.utils.translation import gettext

from groupspace.groups.models import Membership
from groupspace.room import events
from groupspace.room.serializers import iso, user_dict

from .crisis import detect_crisis
from .models import Alert


def crisis_resources() -> list[dict]:
    """988, 911 and the clinic, named in the active language (the Spanish names 988's Spanish
    line: call and press 2, or text AYUDA)."""
    resources = [
        {"name": gettext("988 Suicide & Crisis Lifeline (call or text)"), "contact": "988"},
        {"name": gettext("Emergency services"), "contact": "911"},
    ]
    if settings.CLINIC_PHONE:
        resources.append({"name": gettext("Your clinic"), "contact": settings.CLINIC_PHONE})
    return resources


def is_crisis_post(message) -> bool:
    """Crisis language from a participant (the rules run on the text first; the author's role
    is read only when they fire).

    Therapists' and system posts are not checked: they name crisis resources on purpose.
    """
    if message.author_id is None or detect_crisis(message.body) is None:
        return False
    return role_in_group(message.group_id, message.author_id) == Membership.Role.PARTICIPANT


def alert_for_crisis_post(message) -> Alert:
    """Resources to the writer, an urgent alert to the therapists (both after commit). The
    message itself is never blocked or hidden."""
    events.to_person(
        message.group_id,
        message.author_id,
        events.frame_event(
            {"type": "crisis", "message_id": message.id, "resources": crisis_resources()}
        ),
    )
    return raise_alert(
        message.group, Alert.Kind.CRISIS, message.author, message=message, reason="crisis_language"
    )


def raise_alert(group, kind: str, user, *, message=None, reason: str = "") -> Alert:
    """Store an alert and send it live to the group's therapists (after commit).

    Used by the room (crisis language, reports) and by check-ins (kind `support`).
    """
    alert = Alert.objects.create(group=group, kind=kind, user=user, message=message, reason=reason)
    role = role_in_group(group.pk, user.pk) or Membership.Role.PARTICIPANT
    events.to_therapists(
        group.pk,
        events.frame_event(
            {
                "type": "alert",
                "alert": {
                    "id": alert.pk,
                    "kind": kind,
                    "message_id": message.pk if message else None,
                    "reason": reason,
                    "user": user_dict(user, role),
                    "created_at": iso(alert.created_at),
                },
            }
        ),
    )
    return alert


def role_in_group(group_id: int, user_id: int) -> str | None:
    return (
        Membership.objects.filter(group_id=group_id, user_id=user_id)
        .values_list("role", flat=True)
        .first()
    )
