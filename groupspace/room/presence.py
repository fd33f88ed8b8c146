"""Who is online, kept in the database so every process sees the same room."""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from groupspace.groups.access import NoAccess, access_group_for_member
from groupspace.groups.models import Membership

from . import events
from .actions import Member, last_visible_message_id, require_member
from .extensions import hello_parts
from .models import RoomConnection
from .pins import pinned_frame_part
from .serializers import iso, member_dict

# Clients ping at least every 30 s; a socket silent for longer than this is gone.
PRESENCE_TIMEOUT = timedelta(seconds=75)
# Phones, laptops and tabs across all of a person's groups: generous for a person, a wall for
# a script opening sockets in a loop.
MAX_SOCKETS_PER_PERSON = 12


class TooManySockets(Exception):
    """The person already has MAX_SOCKETS_PER_PERSON open sockets."""


def online_members(group_id: int) -> list[dict]:
    """Active members with a live socket in the room, by name."""
    fresh_since = timezone.now() - PRESENCE_TIMEOUT
    user_ids = set(
        RoomConnection.objects.filter(group_id=group_id, last_seen__gte=fresh_since).values_list(
            "user_id", flat=True
        )
    )
    memberships = Membership.objects.select_related("user").filter(
        group_id=group_id, user_id__in=user_ids, state=Membership.State.ACTIVE
    )
    return sorted(
        (member_dict(m) for m in memberships), key=lambda u: (u["display_name"].lower(), u["id"])
    )


def open_connection(user, slug: str, channel_name: str) -> tuple[Member, dict]:
    """Register a socket for a member. Returns the member and the `hello` frame.

    Raises NoAccess for anyone who is not an active member of a live group, TooManySockets
    past the per-person cap.
    """
    group, membership = access_group_for_member(user, slug)
    member = Member(user_id=user.pk, group_id=group.pk, role=membership.role)
    with transaction.atomic():
        was_online = _is_online(member)
        _forget_stale_connections(group.pk)
        open_sockets = RoomConnection.objects.filter(
            user=user, last_seen__gte=timezone.now() - PRESENCE_TIMEOUT
        ).count()
        if open_sockets >= MAX_SOCKETS_PER_PERSON:
            raise TooManySockets
        # A channel name is new with every socket: one insert, no lookup first.
        RoomConnection.objects.create(
            channel_name=channel_name, group=group, user=user, last_seen=timezone.now()
        )
        online = online_members(group.pk)
        if not was_online:
            events.to_room_same(
                group.pk, events.frame_event({"type": "presence", "online": online})
            )
    hello = {
        "type": "hello",
        "protocol": 1,
        "me": member_dict(membership),
        "group": {"slug": group.slug, "name": group.name, "locked": group.is_locked},
        "online": online,
        "last_message_id": last_visible_message_id(membership),
        # Added: a muted member sees until when as soon as the room opens.
        "muted_until": iso(membership.muted_until) if membership.is_muted() else None,
        "pinned": pinned_frame_part(group.pk),
        # Added by apps built on the room (the session state, the pinned prompt).
        **hello_parts(membership),
    }
    return member, hello


def close_connection(member: Member, channel_name: str) -> None:
    """Forget a socket; tell the room if its person is now offline."""
    with transaction.atomic():
        RoomConnection.objects.filter(channel_name=channel_name).delete()
        if not _is_online(member):
            online = online_members(member.group_id)
            events.to_room_same(
                member.group_id, events.frame_event({"type": "presence", "online": online})
            )


def refresh_connection(member: Member, channel_name: str) -> None:
    """Mark a socket alive (on every ping). Raises NoAccess if the member was removed."""
    require_member(member)
    touch_connection(channel_name)


def touch_connection(channel_name: str) -> None:
    """Mark a socket alive, for a caller that has just checked the membership."""
    RoomConnection.objects.filter(channel_name=channel_name).update(last_seen=timezone.now())


def _is_online(member: Member) -> bool:
    return RoomConnection.objects.filter(
        group_id=member.group_id,
        user_id=member.user_id,
        last_seen__gte=timezone.now() - PRESENCE_TIMEOUT,
    ).exists()


def _forget_stale_connections(group_id: int) -> None:
    RoomConnection.objects.filter(
        group_id=group_id, last_seen__lt=timezone.now() - PRESENCE_TIMEOUT
    ).delete()


__all__ = [
    "NoAccess",
    "close_connection",
    "online_members",
    "open_connection",
    "refresh_connection",
    "touch_connection",
]
