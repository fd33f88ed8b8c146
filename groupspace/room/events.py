"""The only code that calls the channel layer. Audiences are channel-layer groups.

Every socket in a room joins exactly one of its room's role groups (participants or
therapists) and its own person's group, so an event reaches the right people by where it is
sent, not by `if` statements in consumers. Events are sent after the transaction commits; the
layer may drop one, so the database stays the record (clients `sync`).
"""

import hashlib
import logging

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)


def participants_group(group_id: int) -> str:
    return f"room-{group_id}-participants"


def therapists_group(group_id: int) -> str:
    return f"room-{group_id}-therapists"


def person_group(group_id: int, user_id: int) -> str:
    return f"room-{group_id}-person-{user_id}"


def session_group(session_key: str) -> str:
    """Every socket opened with one login session. Hashed: a session key is a credential and
    must not appear in Redis keys or logs."""
    digest = hashlib.sha256(f"groupspace-session:{session_key}".encode()).hexdigest()[:40]
    return f"session-{digest}"


def socket_groups(group_id: int, user_id: int, role: str) -> list[str]:
    """The channel-layer groups a member's socket joins."""
    role_group = therapists_group(group_id) if role == "therapist" else participants_group(group_id)
    return [role_group, person_group(group_id, user_id)]


def send_now(channel_group: str, event: dict) -> None:
    """Send one event at once (outside a transaction, or when the caller has committed)."""
    try:
        async_to_sync(get_channel_layer().group_send)(channel_group, event)
    except Exception:
        # The channel layer is down or full: the database still has the record, and clients
        # notice through `pong.last_message_id` and `sync`. Never fail the caller for this.
        log.warning("channel layer send failed for %s", event.get("type"), exc_info=True)


def send_on_commit(channel_group: str, event: dict) -> None:
    transaction.on_commit(lambda: send_now(channel_group, event))


def to_room(group_id: int, *, participants: dict, therapists: dict) -> None:
    """One event to everyone in a room, with a payload for each role."""
    send_on_commit(participants_group(group_id), participants)
    send_on_commit(therapists_group(group_id), therapists)


def to_room_same(group_id: int, event: dict) -> None:
    to_room(group_id, participants=event, therapists=event)


def to_room_now(group_id: int, event: dict) -> None:
    """The same event to everyone in a room, at once (nothing to wait for a commit)."""
    send_now(participants_group(group_id), event)
    send_now(therapists_group(group_id), event)


def to_person(group_id: int, user_id: int, event: dict) -> None:
    send_on_commit(person_group(group_id, user_id), event)


def to_therapists(group_id: int, event: dict) -> None:
    send_on_commit(therapists_group(group_id), event)


# Event builders: the consumer forwards `frame` to its socket as is.
def frame_event(frame: dict, *, skip_user: int | None = None) -> dict:
    """Forward `frame` to each socket; `skip_user`'s own sockets leave it out (typing)."""
    return {"type": "room.frame", "frame": frame, "skip_user": skip_user}


def close_event(code: int) -> dict:
    return {"type": "room.close", "code": code}
