"""The only code that sends to the channel layer (hub.py receives). Audiences are its groups.

Every socket in a room joins its room's group, exactly one of its role groups (participants or
therapists) and its own person's group, so an event reaches the right people by where it is
sent, not by `if` statements in consumers: one send to the room's group when everyone gets the
same frame, one per role when they differ. Events are sent after the transaction commits, one
room's in the order they were made; the layer may drop one, so the database stays the record
(clients `sync`).
"""

import asyncio
import contextvars
import hashlib
import json
import logging
from collections.abc import Callable
from typing import TypeVar

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.db import transaction

log = logging.getLogger(__name__)
T = TypeVar("T")
# Set while a socket's action runs in the ORM thread: events then go to that event loop
# instead of being sent from the thread (see run_deferring).
_loop: contextvars.ContextVar[asyncio.AbstractEventLoop | None] = contextvars.ContextVar(
    "events_loop", default=None
)


def room_group(group_id: int) -> str:
    return f"room-{group_id}"


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
    return [room_group(group_id), role_group, person_group(group_id, user_id)]


def send_now(channel_group: str, event: dict) -> None:
    """Send one event at once (outside a transaction, or when the caller has committed)."""
    loop = _loop.get()
    if loop is not None:
        loop.call_soon_threadsafe(_sender.submit, channel_group, event)
        return
    try:
        async_to_sync(get_channel_layer().group_send)(
            channel_group, _addressed(channel_group, event)
        )
    except Exception:
        # The channel layer is down or full: the database still has the record, and clients
        # notice through `pong.last_message_id` and `sync`. Never fail the caller for this.
        log.warning("channel layer send failed for %s", event.get("type"), exc_info=True)


def _addressed(channel_group: str, event: dict) -> dict:
    """The event with its group named: each process's hub hands it to its sockets there."""
    return {**event, "group": channel_group}


def send_on_commit(channel_group: str, event: dict) -> None:
    transaction.on_commit(lambda: send_now(channel_group, event))


def to_room(group_id: int, *, participants: dict, therapists: dict) -> None:
    """One event to everyone in a room, with a payload for each role (often the same: a new
    message reads alike for both until it is removed)."""
    if participants == therapists:
        send_on_commit(room_group(group_id), participants)
        return
    send_on_commit(participants_group(group_id), participants)
    send_on_commit(therapists_group(group_id), therapists)


def to_room_same(group_id: int, event: dict) -> None:
    to_room(group_id, participants=event, therapists=event)


def to_room_now(group_id: int, event: dict) -> None:
    """The same event to everyone in a room, at once (nothing to wait for a commit)."""
    send_now(room_group(group_id), event)


def to_person(group_id: int, user_id: int, event: dict) -> None:
    send_on_commit(person_group(group_id, user_id), event)


def to_therapists(group_id: int, event: dict) -> None:
    send_on_commit(therapists_group(group_id), event)


def run_deferring(loop: asyncio.AbstractEventLoop, action: Callable[..., T], *args) -> T:
    """Run `action` (in the ORM thread) with its events handed to `loop` in the order they
    are sent, so the thread never waits on Redis: it is the one thread every socket of the
    process shares for the database, and each wait there delays every room."""
    token = _loop.set(loop)
    try:
        return action(*args)
    finally:
        _loop.reset(token)


def _sequence(channel_group: str) -> str:
    """Events whose order matters share a sequence: all of one room's groups ("room-12",
    "room-12-therapists", "room-12-person-7"), so a message is never overtaken by its own
    removal sent to another of the room's groups."""
    if channel_group.startswith("room-"):
        return "-".join(channel_group.split("-", 2)[:2])
    return channel_group


class _OrderedSender:
    """Sends deferred events from the event loop. One room's events go out one after another
    in the order the thread produced them (so a room sees messages in commit order, each
    before any change to it); different rooms go out concurrently."""

    def __init__(self) -> None:
        self.tails: dict[str, asyncio.Task] = {}

    def submit(self, channel_group: str, event: dict) -> None:
        sequence = _sequence(channel_group)
        previous = self.tails.get(sequence)
        task = asyncio.ensure_future(self._send(previous, channel_group, event))
        self.tails[sequence] = task
        task.add_done_callback(lambda done: self._forget(sequence, done))

    def _forget(self, sequence: str, task: asyncio.Task) -> None:
        if self.tails.get(sequence) is task:
            del self.tails[sequence]

    async def _send(self, previous: asyncio.Task | None, channel_group: str, event: dict) -> None:
        if previous is not None and previous.get_loop() is asyncio.get_running_loop():
            await asyncio.wait([previous])
        try:
            await get_channel_layer().group_send(channel_group, _addressed(channel_group, event))
        except Exception:
            log.warning("channel layer send failed for %s", event.get("type"), exc_info=True)


_sender = _OrderedSender()


# Event builders: the consumer forwards `text` to its socket as is.
def frame_event(frame: dict, *, skip_user: int | None = None) -> dict:
    """Forward `frame` to each socket; `skip_user`'s own sockets leave it out (typing).

    Encoded once here rather than by each of the room's sockets."""
    text = json.dumps(frame, separators=(",", ":"))
    return {"type": "room.frame", "text": text, "skip_user": skip_user}


def close_event(code: int) -> dict:
    return {"type": "room.close", "code": code}
