"""Safety checks run on every post, and the alerts that put people in front of therapists.

Imported by the room's posting service, so it must not import `groupspace.room.posting`.
"""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from groupspace.groups.models import IOPGroup, Membership
from groupspace.room import events
from groupspace.room.serializers import iso, user_dict

from .crisis import read_crisis
from .models import Alert
from .relapse import detect_relapse_risk

CONTEXT_MINUTES = 15
CONTEXT_MESSAGES = 5


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
    """Crisis language from a participant (the text is read first; the author's role only
    when it is a crisis). A message that is nearly one is read with the writer's own messages
    of the last 15 minutes: a second near-miss among them makes it one ("tonight is the
    night" after "I can't keep doing this"), although neither is alone. Only near-misses cost
    that read.

    Therapists' and system posts are not checked: they name crisis resources on purpose.
    """
    if message.author_id is None:
        return False
    reading = read_crisis(message.body)
    if reading.match is None:
        if not reading.near_miss:
            return False
        if not any(_notable(read_crisis(body)) for body in recent_bodies(message)):
            return False
    return role_in_group(message.group_id, message.author_id) == Membership.Role.PARTICIPANT


def _notable(reading) -> bool:
    return reading.match is not None or reading.near_miss


def recent_bodies(message) -> list[str]:
    """The writer's last few messages in this room within CONTEXT_MINUTES, oldest first."""
    from groupspace.room.models import Message  # the room imports this module

    since = timezone.now() - timedelta(minutes=CONTEXT_MINUTES)
    bodies = (
        Message.objects.filter(
            group_id=message.group_id, author_id=message.author_id, created_at__gte=since
        )
        .order_by("-id")
        .values_list("body", flat=True)[:CONTEXT_MESSAGES]
    )
    return list(reversed(bodies))


# Imminent relapse risk is read in these groups' rooms only (relapse.py).
RELAPSE_RISK_TRACKS = {IOPGroup.Track.SUBSTANCE_USE, IOPGroup.Track.CO_OCCURRING}


def safety_response(message):
    """What a new post needs beside being stored, to run in its transaction: the crisis
    response, the relapse-risk response, or None (most posts)."""
    if is_crisis_post(message):
        return alert_for_crisis_post
    if is_relapse_risk_post(message):
        return alert_for_relapse_risk
    return None


def is_relapse_risk_post(message) -> bool:
    """A participant in a substance-use or co-occurring group about to use, with the substance
    at hand or on the way to get it."""
    if message.author_id is None or message.group.track not in RELAPSE_RISK_TRACKS:
        return False
    if detect_relapse_risk(message.body) is None:
        return False
    return role_in_group(message.group_id, message.author_id) == Membership.Role.PARTICIPANT


def relapse_resources() -> list[dict]:
    resources = [
        {
            "name": gettext("SAMHSA National Helpline (free, every day, all day)"),
            "contact": "1-800-662-4357",
        }
    ]
    if settings.CLINIC_PHONE:
        resources.insert(0, {"name": gettext("Your clinic"), "contact": settings.CLINIC_PHONE})
    return resources


def alert_for_relapse_risk(message) -> Alert:
    """A kind line and who to call, to the writer only; a support alert (not the urgent
    crisis alert) to the therapists. Both after commit."""
    events.to_person(
        message.group_id,
        message.author_id,
        events.frame_event(
            {
                "type": "relapse_support",
                "message_id": message.id,
                "resources": relapse_resources(),
            }
        ),
    )
    return raise_alert(
        message.group, Alert.Kind.SUPPORT, message.author, message=message, reason="relapse_risk"
    )


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
