"""A socket's login (groupspace.room.socket_auth): a socket gets in with a
valid session cookie only, resolved as Django resolves a page request's user."""

from datetime import timedelta

from channels.db import database_sync_to_async
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.utils import timezone

from groupspace.room import socket_auth
from tests.conftest import session_cookie

from .conftest import Socket, communicator


async def test_a_session_from_before_a_password_change_is_refused(websockets, alice):
    @database_sync_to_async
    def stale_cookie() -> str:
        key = session_cookie(alice)
        alice.set_password("a brand new passphrase")  # the session's auth hash is now stale
        alice.save()
        return key

    socket = Socket(communicator("/ws/groups/evening/", await stale_cookie()))
    assert (await socket.communicator.connect())[0]
    assert await socket.close_code() == 4401
    await socket.disconnect()


async def test_the_session_cookie_is_found_among_others(websockets, alice):
    key = await database_sync_to_async(session_cookie)(alice)
    headers = [
        (b"cookie", b"theme=dark; csrftoken=abc"),
        (b"cookie", f"other=1; sessionid={key}".encode()),
        (b"origin", b"http://testserver"),
    ]
    socket = Socket(websockets("/ws/groups/evening/", headers))
    assert (await socket.communicator.connect())[0]
    hello = await socket.receive_type("hello")
    assert hello["me"]["id"] == alice.pk
    await socket.disconnect()


async def test_an_unknown_session_key_is_refused(websockets, evening):
    socket = Socket(communicator("/ws/groups/evening/", "no-such-session-key-0123456789"))
    assert (await socket.communicator.connect())[0]
    assert await socket.close_code() == 4401
    await socket.disconnect()


async def test_a_send_records_activity_on_the_login_without_losing_its_data(websockets, alice):
    import time
    import uuid

    from django.contrib.sessions.backends.db import SessionStore

    from groupspace.accounts.idle import LAST_ACTIVITY_KEY

    key = await database_sync_to_async(session_cookie)(alice)

    @database_sync_to_async
    def set_session(**values) -> None:
        session = SessionStore(session_key=key)
        session.update(values)
        session.save()

    # Stored 11 minutes ago: long enough for the send to store its activity itself.
    await set_session(**{LAST_ACTIVITY_KEY: int(time.time()) - 11 * 60})
    socket = Socket(communicator("/ws/groups/evening/", key))
    assert (await socket.communicator.connect())[0]
    await socket.receive_type("hello")
    await set_session(theme="dark")  # a page request stores something meanwhile
    await socket.send({"type": "send", "client_id": str(uuid.uuid4()), "body": "hi"})
    await socket.receive_type("ack", skip=frozenset({"message"}))
    stored = await database_sync_to_async(lambda: dict(SessionStore(session_key=key).load()))()
    assert stored[LAST_ACTIVITY_KEY] >= time.time() - 5
    assert stored["theme"] == "dark"
    await socket.disconnect()


def test_a_pings_session_read_is_what_the_session_store_loads(transactional_db, alice, settings):
    key = session_cookie(alice)
    stored = SessionStore(session_key=key).load()
    assert socket_auth.fresh_session(key).data == stored and stored
    Session.objects.filter(pk=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    assert socket_auth.fresh_session(key).data == {} == SessionStore(session_key=key).load()
    assert socket_auth.fresh_session("no-such-session-key").data == {}
    Session.objects.filter(pk=key).update(session_data="tampered:data")
    assert socket_auth.fresh_session(key).data == {}
    # Another engine is loaded as that engine loads it.
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.signed_cookies"
    assert socket_auth.fresh_session("not-a-signed-cookie").data == {}
