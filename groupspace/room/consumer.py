"""The group room's websocket consumer: parse, check, call one action, answer.

It holds no ORM code of its own: every database touch is an action run in a thread. Client
frames are dispatched through an explicit table, never by name lookup on the consumer.
"""

import asyncio
import json
import logging
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import TypeVar

from channels.consumer import get_handler_name
from channels.db import database_sync_to_async
from channels.exceptions import StopConsumer
from channels.generic.websocket import AsyncWebsocketConsumer
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import DatabaseError
from django.utils import translation
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext

from groupspace.accounts.idle import LAST_ACTIVITY_KEY, is_idle_expired
from groupspace.accounts.language import language_for_socket
from groupspace.accounts.second_factor import second_factor_missing
from groupspace.groups.access import NoAccess, active_membership
from groupspace.moderation import actions as moderation

from . import actions, events, frames, presence, socket_auth
from .errors import RoomError
from .hub import hub_for

log = logging.getLogger(__name__)
T = TypeVar("T")

CLOSE_RECONNECT = 4000  # your membership changed: connect again
CLOSE_NOT_LOGGED_IN = 4401
CLOSE_NO_ACCESS = 4403
CLOSE_SECOND_FACTOR_MISSING = 4428  # a therapist or staff member without an authenticator
CLOSE_FLOODING = 4429
POSTING_FRAMES = {"send", "prompt"}
# A send counts as activity (it keeps the login from idling out). It is stored by the next
# ping, which reads the session anyway, at most this often (idle limits are 30 minutes and
# more, and each save is a database commit), not by the post: a post waits for nothing else.
ACTIVITY_SAVE_AFTER_SECONDS = 60
# Unless the login's stored activity is this old: then the send stores it at once, so that a
# person back after a long pause is not logged out by a page request before their next ping.
ACTIVITY_SAVE_NOW_AFTER_SECONDS = 10 * 60
PRESENCE_TOUCH_AFTER_SECONDS = 30
# Events that arrive while a socket is busy (connecting, or answering a frame) wait until it
# has answered, so `hello` comes first and a sender's `ack` before its own message; past this
# many (a storm while the database is slow) the socket is told to connect again, and syncs.
HELD_EVENTS_MAX = 200


class TokenBucket:
    """`capacity` frames at once, refilled at `rate` per second (per socket, in memory)."""

    def __init__(self, capacity: float, rate: float):
        self.capacity = capacity
        self.rate = rate
        self.tokens = capacity
        self.updated = time.monotonic()

    def take(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
        self.updated = now
        if self.tokens >= 1:
            self.tokens -= 1
            return True
        return False


class RoomConsumer(AsyncWebsocketConsumer):
    # Refused frames in a row (no accepted frame between) before the socket is closed.
    FLOOD_STRIKES = 20

    member: actions.Member | None = None
    session_key: str | None = None
    activity_at = 0  # the login's last activity as stored (as this socket knows it)
    unsaved_activity_at = 0  # this socket's last send, if not stored yet
    touched_at = 0.0  # monotonic time presence was last refreshed (set at connect)
    audiences: list[str] = []
    # Events that arrived while the socket was busy, in order; None while it is not.
    held: list[dict] | None = None
    closed = False
    language = settings.LANGUAGE_CODE

    async def __call__(self, scope, receive, send):
        """Channels' AsyncConsumer.__call__ without a channel-layer channel of its own: the
        process's hub receives the room's events and hands them to `deliver`."""
        self.scope = scope
        self.channel_layer = get_channel_layer(self.channel_layer_alias)
        self.hub = hub_for(self.channel_layer)
        # Presence's key for this socket: unique, and never a layer channel.
        self.socket_id = f"socket-{uuid.uuid4().hex}"
        self.base_send = send
        self.held = []
        try:
            while True:
                await self.dispatch(await receive())
        except StopConsumer:
            pass
        finally:
            # Also when the consumer failed: the hub must not keep handing events to it.
            self.closed = True
            for group in self.audiences:
                await self.hub.leave(group, self)

    async def connect(self):
        # The login is resolved here rather than by middleware: a socket keeps only its
        # session's key and last activity, not the session, the user and copies of the scope
        # for its whole life (socket_auth).
        session_key = socket_auth.session_key_from(self.scope.get("headers", ()))
        slug = self.scope["url_route"]["kwargs"]["slug"]
        try:
            user, session, member = await database_sync_to_async(_admit)(session_key, slug)
        except NotLoggedIn:  # no login, or it has idled out
            await self.accept()
            await self.close(code=CLOSE_NOT_LOGGED_IN)
            return
        except SecondFactorMissing:
            await self.accept()
            await self.close(code=CLOSE_SECOND_FACTOR_MISSING)
            return
        except NoAccess:
            await self.accept()
            await self.close(code=CLOSE_NO_ACCESS)
            return
        # Error details and crisis resources this socket causes are written in its language.
        self.language = language_for_socket(self.scope, user)
        self.frames_bucket = TokenBucket(capacity=30, rate=5)
        self.sends_bucket = TokenBucket(capacity=8, rate=1)
        self.strikes = 0
        # Join the audiences before reading the room's state, so nothing posted in between is
        # missed: anything that arrives twice is de-duplicated by id on the client. Without the
        # layer the socket still works: posts are stored and clients `sync`.
        self.audiences = events.socket_groups(member.group_id, member.user_id, member.role)
        self.session_key = session.session_key
        self.activity_at = session.get(LAST_ACTIVITY_KEY) or 0
        if self.session_key:
            # Logging out closes this socket at once, on whichever process holds it.
            self.audiences.append(events.session_group(self.session_key))
        for group in self.audiences:
            await self.hub.join(group, self)
        self.member = member
        try:
            _, hello = await self.act(presence.open_connection, user, slug, self.socket_id)
        except (NoAccess, presence.TooManySockets) as refusal:
            self.member = None  # nothing registered: nothing to clean up on disconnect
            await self.accept()
            too_many = isinstance(refusal, presence.TooManySockets)
            await self.close(code=CLOSE_FLOODING if too_many else CLOSE_NO_ACCESS)
            return
        self.touched_at = time.monotonic()  # open_connection stored it just now
        await self.accept()
        await self.send_frame(hello)
        await self.send_held()

    async def disconnect(self, code):
        self.closed = True
        if self.member is None:
            return
        try:
            await self.act(presence.close_connection, self.member, self.socket_id)
        except DatabaseError:
            log.warning("could not record a closed socket; it expires by itself", exc_info=True)

    async def receive(self, text_data=None, bytes_data=None):
        if self.member is None:
            return
        # The actions run in threads that inherit this context, so their texts follow too.
        self.held = []
        try:
            with translation.override(self.language):
                await self.handle_frame(text_data, bytes_data)
        finally:
            await self.send_held()

    async def handle_frame(self, text_data: str | None, bytes_data: bytes | None) -> None:
        client_id = None
        try:
            frame = frames.decode(text_data, bytes_data)
            client_id = frames.client_id_of(frame)
            self.check_rate(frame["type"])
            handler = FRAME_HANDLERS.get(frame["type"])
            if handler is None:
                raise RoomError(
                    "unknown_type",
                    gettext("Unknown frame type %(type)s.") % {"type": repr(frame["type"][:40])},
                )
            await handler(self, frame)
            self.strikes = 0
        except RoomError as error:
            await self.refuse(error, client_id)
        except NoAccess:
            await self.close(code=CLOSE_NO_ACCESS)
        except DatabaseError:
            log.warning("database unavailable while handling a frame", exc_info=True)
            await self.refuse(
                RoomError(
                    "unavailable",
                    gettext("The service is briefly unavailable; nothing was stored."),
                ),
                client_id,
            )

    def check_rate(self, frame_type: str) -> None:
        posting = frame_type in POSTING_FRAMES
        if not self.frames_bucket.take() or (posting and not self.sends_bucket.take()):
            raise RoomError(
                "rate_limited", gettext("Too many frames; slow down and try again shortly.")
            )

    async def refuse(self, error: RoomError, client_id: str | None) -> None:
        if error.code == "rate_limited":
            self.strikes += 1
            if self.strikes > self.FLOOD_STRIKES:
                await self.close(code=CLOSE_FLOODING)
                return
        await self.send_frame(
            {"type": "error", "code": error.code, "detail": error.detail, "client_id": client_id}
        )

    async def send_frame(self, frame: dict) -> None:
        await self.send(text_data=json.dumps(frame, separators=(",", ":")))

    async def act(self, action: Callable[..., T], *args) -> T:
        """Run a room action in the ORM thread; the channel-layer events it sends go out from
        this event loop, in order, while the thread moves on (events.run_deferring)."""
        loop = asyncio.get_running_loop()
        return await database_sync_to_async(events.run_deferring)(loop, action, *args)

    # --- client frames -------------------------------------------------------------------

    async def on_send(self, frame: dict) -> None:
        client_id = frames.uuid_field(frame, "client_id")
        body = frames.text_field(frame, "body")
        reply_to = frames.id_field(frame, "reply_to", optional=True)
        now = int(time.time())
        long_idle = now - self.activity_at > ACTIVITY_SAVE_NOW_AFTER_SECONDS
        save_now = self.session_key if long_idle else None
        message = await self.act(_send_chat, self.member, client_id, body, reply_to, save_now)
        if save_now is None:
            self.unsaved_activity_at = now  # for the next ping to store
        else:
            self.activity_at, self.unsaved_activity_at = now, 0
        await self.send_frame({"type": "ack", "client_id": str(client_id), "message": message})

    async def on_history(self, frame: dict) -> None:
        before = frames.id_field(frame, "before", optional=True)
        limit = frames.bounded_int(
            frame, "limit", 1, frames.HISTORY_MAX, default=frames.HISTORY_DEFAULT
        )
        await self.send_frame(await self.act(actions.history, self.member, before, limit))

    async def on_sync(self, frame: dict) -> None:
        after = frames.id_field(frame, "after")
        await self.send_frame(await self.act(actions.sync, self.member, after))

    async def on_typing(self, frame: dict) -> None:
        await self.act(actions.announce_typing, self.member)

    async def on_react(self, frame: dict) -> None:
        message_id = frames.id_field(frame, "message_id")
        emoji = frames.text_field(frame, "emoji")
        on = frames.bool_field(frame, "on")
        await self.act(actions.react, self.member, message_id, emoji, on)

    async def on_ping(self, frame: dict) -> None:
        # Presence needs a refresh well inside its 75-s timeout, not on every ping: with pings
        # at least every 30 s, refreshing when the last one is 30 s old keeps it under 60 s.
        touch = time.monotonic() - self.touched_at >= PRESENCE_TOUCH_AFTER_SECONDS
        socket_id = self.socket_id if touch else None
        activity = self.unsaved_activity_at
        if time.time() - self.activity_at < ACTIVITY_SAVE_AFTER_SECONDS:
            activity = 0  # stored less than a minute ago: it waits
        pong = await self.act(_ping, self.member, socket_id, self.session_key, activity or None)
        if touch:
            self.touched_at = time.monotonic()
        if activity and pong is not None:
            self.activity_at = activity
            if self.unsaved_activity_at == activity:  # no send meanwhile
                self.unsaved_activity_at = 0
        if pong is None:
            await self.close(code=CLOSE_NOT_LOGGED_IN)  # the login idled out or ended
            return
        await self.send_frame(pong)

    async def on_thread(self, frame: dict) -> None:
        message_id = frames.id_field(frame, "message_id")
        await self.send_frame(await self.act(actions.thread, self.member, message_id))

    async def on_read(self, frame: dict) -> None:
        message_id = frames.id_field(frame, "message_id")
        await self.act(actions.mark_read, self.member, message_id)

    # --- moderation frames (therapists of this group; anyone else gets `forbidden`; any ---
    # --- member may `flag`) ----------------------------------------------------------------

    async def on_prompt(self, frame: dict) -> None:
        client_id = frames.uuid_field(frame, "client_id")
        body = frames.text_field(frame, "body")
        message = await self.act(moderation.post_prompt, self.member, client_id, body)
        await self.send_frame({"type": "ack", "client_id": str(client_id), "message": message})

    async def on_remove(self, frame: dict) -> None:
        message_id = frames.id_field(frame, "message_id")
        reason = frames.text_field(frame, "reason")
        await self.act(moderation.remove_message, self.member, message_id, reason)

    async def on_approve(self, frame: dict) -> None:
        message_id = frames.id_field(frame, "message_id")
        await self.act(moderation.approve_message, self.member, message_id)

    async def on_mute(self, frame: dict) -> None:
        user_id = frames.id_field(frame, "user_id")
        minutes = frames.bounded_int(frame, "minutes", 0, 10080)
        await self.act(moderation.mute_member, self.member, user_id, minutes)

    async def on_flag(self, frame: dict) -> None:
        message_id = frames.id_field(frame, "message_id")
        reason = frames.text_field(frame, "reason")
        await self.act(moderation.flag_message, self.member, message_id, reason)
        await self.send_frame({"type": "flagged", "message_id": message_id})

    async def on_pin(self, frame: dict) -> None:
        message_id = frames.id_field(frame, "message_id", optional=True)
        await self.act(moderation.pin_prompt, self.member, message_id)

    async def on_lock(self, frame: dict) -> None:
        locked = frames.bool_field(frame, "locked")
        await self.act(moderation.lock_room, self.member, locked)

    async def dispatch(self, message):
        # Channels runs close_old_connections through a thread hop before every message
        # (STACK-NOTES trap 4): on the one ORM thread every socket shares, that queues each
        # frame behind every other socket's database work. Skipped: this consumer touches the
        # ORM only through database_sync_to_async, which closes old connections itself.
        handler = getattr(self, get_handler_name(message), None)
        if handler is None:
            raise ValueError(f"No handler for message type {message['type']}")
        await handler(message)

    async def close(self, code=None, reason=None):
        self.closed = True
        await super().close(code=code, reason=reason)

    # --- events from the hub (built by events.py) ----------------------------------------

    async def deliver(self, event: dict) -> None:
        if self.closed:
            return
        if self.held is not None:  # busy: after its answer
            if len(self.held) <= HELD_EVENTS_MAX:  # one past it says "too many"
                self.held.append(event)
            return
        await self.forward(event)

    async def send_held(self) -> None:
        if len(self.held) > HELD_EVENTS_MAX:
            self.held = None
            await self.close(code=CLOSE_RECONNECT)
            return
        while self.held:  # events arriving meanwhile join the end of the line
            await self.forward(self.held.pop(0))
        self.held = None

    async def forward(self, event: dict) -> None:
        if self.closed:
            return
        if event["type"] == "room.frame":
            if event.get("skip_user") != self.member.user_id:
                await self.send(text_data=event["text"])  # encoded once, by events.frame_event
        elif event["type"] == "room.close":
            await self.close(code=event["code"])
        else:
            log.warning("unknown room event %s", event["type"])


class NotLoggedIn(Exception):
    """No valid login on the socket, or it has idled out."""


class SecondFactorMissing(Exception):
    """A care-team member who must set up a second factor first (accounts/second_factor.py)."""


def _admit(session_key: str | None, slug: str):
    """(user, session, member) for a socket to the room at `slug`, in one trip to the ORM
    thread: NotLoggedIn without a valid login or once it has idled out, SecondFactorMissing for
    a care-team member without one, NoAccess if the person may not be here."""
    session, user = socket_auth.login(session_key)
    if not user.is_authenticated or is_idle_expired(session, user):
        raise NotLoggedIn
    if second_factor_missing(user):
        raise SecondFactorMissing
    return user, session, actions.access_member(user, slug)


def _send_chat(member, client_id, body, reply_to, session_key: str | None) -> dict:
    """Post; when `session_key` is given, also store the post as activity on the login,
    unless the login has idled out meanwhile (the next ping closes the socket)."""
    message = actions.send_chat(member, client_id, body, reply_to)
    if session_key is not None:
        session = _live_login(session_key, SimpleLazyObject(lambda: _user(member)))
        if session is not None:
            socket_auth.store_activity(session_key, session, int(time.time()))
    return message


def _ping(
    member: actions.Member,
    channel_name: str | None,
    session_key: str | None,
    activity_at: int | None = None,
) -> dict | None:
    """Answer, refreshing presence when `channel_name` is given and storing `activity_at` (the
    socket's last send) on the login when given; None when the socket's login has idled out or
    ended (clients ping every 25 s, so such a socket closes within that). Every open socket
    pings: a few queries, each once."""
    membership = active_membership(member.user_id, member.group_id)
    session = None
    if session_key is not None:
        user = (
            membership.user if membership is not None else SimpleLazyObject(lambda: _user(member))
        )
        session = _live_login(session_key, user)
        if session is None:
            return None
    if membership is None:
        raise NoAccess
    if session is not None and activity_at is not None:
        socket_auth.store_activity(session_key, session, activity_at)
    if channel_name is not None:
        presence.touch_connection(channel_name)
    return actions.pong_for(membership)


def _live_login(session_key: str, user) -> socket_auth.StoredSession | None:
    """The login session as stored now (HTTP requests update it), or None once it has ended,
    expired or idled out. `user` is read only if the login has been idle longer than the
    shorter idle limit (whose limit applies), so it may be lazy."""
    session = socket_auth.fresh_session(session_key)
    if not session.data or is_idle_expired(session.data, user):
        return None
    return session


def _user(member: actions.Member):
    return get_user_model().objects.get(pk=member.user_id)


Handler = Callable[[RoomConsumer, dict], Awaitable[None]]

# The frames a client may send.
FRAME_HANDLERS: dict[str, Handler] = {
    "send": RoomConsumer.on_send,
    "history": RoomConsumer.on_history,
    "sync": RoomConsumer.on_sync,
    "typing": RoomConsumer.on_typing,
    "react": RoomConsumer.on_react,
    "ping": RoomConsumer.on_ping,
    "read": RoomConsumer.on_read,
    "thread": RoomConsumer.on_thread,
    "prompt": RoomConsumer.on_prompt,
    "remove": RoomConsumer.on_remove,
    "approve": RoomConsumer.on_approve,
    "mute": RoomConsumer.on_mute,
    "lock": RoomConsumer.on_lock,
    "pin": RoomConsumer.on_pin,
    "flag": RoomConsumer.on_flag,
}
