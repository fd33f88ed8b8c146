"""A socket's sends count as activity on its login (automatic logoff): stored by its next
ping at most once a minute, or by the send itself after a long pause; never over what a page
request stored meanwhile, and never on a login that has ended or idled out."""

import time
import uuid

from channels.db import database_sync_to_async
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from groupspace.accounts.idle import LAST_ACTIVITY_KEY
from groupspace.room import socket_auth
from tests.conftest import session_cookie

from .conftest import Socket, communicator


@database_sync_to_async
def stored_session(key: str) -> dict:
    return dict(SessionStore(session_key=key).load())


@database_sync_to_async
def store_in_session(key: str, **values) -> None:
    """What a page request does: load the session, change it, save it."""
    session = SessionStore(session_key=key)
    session.update(values)
    session.save()


async def connected(key: str) -> Socket:
    socket = Socket(communicator("/ws/groups/evening/", key))
    assert (await socket.communicator.connect())[0]
    await socket.receive_type("hello")
    return socket


async def send(socket: Socket, body: str) -> None:
    await socket.send({"type": "send", "client_id": str(uuid.uuid4()), "body": body})
    await socket.receive_type("ack", skip=frozenset({"message"}))


async def test_a_send_is_stored_as_activity_by_the_next_ping_not_by_the_post(websockets, alice):
    key = await database_sync_to_async(session_cookie)(alice)
    two_minutes_ago = int(time.time()) - 2 * 60
    await store_in_session(key, **{LAST_ACTIVITY_KEY: two_minutes_ago})
    socket = await connected(key)
    await send(socket, "hello")
    assert (await stored_session(key))[LAST_ACTIVITY_KEY] == two_minutes_ago
    await store_in_session(key, theme="dark")  # a page request, before the ping reads
    await socket.send({"type": "ping"})
    await socket.receive_type("pong", skip=frozenset({"message"}))
    stored = await stored_session(key)
    assert stored[LAST_ACTIVITY_KEY] >= time.time() - 5
    assert stored["theme"] == "dark"
    await socket.disconnect()


async def test_a_ping_within_a_minute_of_the_last_stored_activity_stores_nothing(websockets, alice):
    key = await database_sync_to_async(session_cookie)(alice)
    half_a_minute_ago = int(time.time()) - 30
    await store_in_session(key, **{LAST_ACTIVITY_KEY: half_a_minute_ago})
    socket = await connected(key)
    await send(socket, "hello")
    await socket.send({"type": "ping"})
    await socket.receive_type("pong", skip=frozenset({"message"}))
    assert (await stored_session(key))[LAST_ACTIVITY_KEY] == half_a_minute_ago
    await socket.disconnect()


async def test_a_send_on_a_login_that_has_idled_out_stores_no_activity_and_the_ping_closes(
    websockets, alice
):
    key = await database_sync_to_async(session_cookie)(alice)
    await store_in_session(key, **{LAST_ACTIVITY_KEY: int(time.time()) - 11 * 60})
    socket = await connected(key)
    # Meanwhile the login idles out: participants' limit is 12 hours.
    thirteen_hours_ago = int(time.time()) - 13 * 3600
    await store_in_session(key, **{LAST_ACTIVITY_KEY: thirteen_hours_ago})
    await send(socket, "still here?")
    assert (await stored_session(key))[LAST_ACTIVITY_KEY] == thirteen_hours_ago
    await socket.send({"type": "ping"})
    assert await socket.close_code() == 4401
    assert (await stored_session(key))[LAST_ACTIVITY_KEY] == thirteen_hours_ago
    await socket.disconnect()


def test_storing_activity_leaves_a_session_a_page_request_stored_since_it_was_read(
    transactional_db, alice
):
    key = session_cookie(alice)
    read = socket_auth.fresh_session(key)
    store = SessionStore(session_key=key)
    store["theme"] = "dark"
    store.save()
    socket_auth.store_activity(key, read, int(time.time()))
    stored = SessionStore(session_key=key).load()
    assert stored["theme"] == "dark" and LAST_ACTIVITY_KEY not in stored


def test_storing_activity_does_not_bring_back_an_ended_login(transactional_db, alice):
    key = session_cookie(alice)
    read = socket_auth.fresh_session(key)
    Session.objects.filter(pk=key).delete()  # logged out meanwhile
    socket_auth.store_activity(key, read, int(time.time()))
    assert not Session.objects.filter(pk=key).exists()


def test_storing_activity_keeps_a_later_activity_and_the_sessions_own_expiry(
    transactional_db, alice
):
    key = session_cookie(alice)
    store = SessionStore(session_key=key)
    store[LAST_ACTIVITY_KEY] = now = int(time.time())
    store.set_expiry(3600)  # a login with an expiry of its own, not SESSION_COOKIE_AGE's
    store.save()
    read = socket_auth.fresh_session(key)
    socket_auth.store_activity(key, read, now - 100)  # older than what is stored: nothing
    assert Session.objects.get(pk=key).session_data == read.encoded
    socket_auth.store_activity(key, read, now + 1)
    stored = SessionStore(session_key=key).load()
    assert stored == {**read.data, LAST_ACTIVITY_KEY: now + 1}
    expires_in = Session.objects.get(pk=key).expire_date - timezone.now()
    assert 3500 < expires_in.total_seconds() <= 3600


def test_with_another_session_engine_activity_is_stored_as_that_engine_saves(
    transactional_db, alice, settings
):
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    store = socket_auth.session_store(None)
    store.update({"theme": "dark", LAST_ACTIVITY_KEY: int(time.time()) - 120})
    store.save()
    read = socket_auth.fresh_session(store.session_key)
    assert read.encoded is None and read.data["theme"] == "dark"
    at = int(time.time())
    socket_auth.store_activity(store.session_key, read, at)
    stored = socket_auth.session_store(store.session_key).load()
    assert stored == {"theme": "dark", LAST_ACTIVITY_KEY: at}
