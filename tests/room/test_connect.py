"""Connecting: who gets in, who is refused, and with which close code."""

from channels.db import database_sync_to_async

from groupspace.groups.actions import remove_member
from groupspace.groups.models import Membership


async def test_member_gets_hello_with_self_online(open_socket, alice, dana):
    socket = await open_socket(alice)
    hello = socket.hello
    assert hello["protocol"] == 1
    assert hello["me"] == {"id": alice.id, "display_name": "Alice M.", "role": "participant"}
    assert hello["group"] == {"slug": "evening", "name": "Evening IOP", "locked": False}
    assert hello["online"] == [hello["me"]]
    assert hello["last_message_id"] is None


async def test_therapist_role_is_in_hello(open_socket, dana):
    socket = await open_socket(dana)
    assert socket.hello["me"]["role"] == "therapist"


async def test_anonymous_is_closed_with_4401(open_socket, evening):
    socket = await open_socket(None, expect_hello=False)
    assert socket.connected
    assert await socket.close_code() == 4401


async def refused_code(open_socket, user, slug: str) -> int:
    socket = await open_socket(user, slug, expect_hello=False)
    assert socket.connected  # accepted, then closed before any frame
    return await socket.close_code()


async def test_member_of_another_group_is_closed_with_4403(open_socket, charlie, evening):
    assert await refused_code(open_socket, charlie, "evening") == 4403


async def test_unknown_group_gets_the_same_4403(open_socket, alice):
    assert await refused_code(open_socket, alice, "no-such-group") == 4403


async def test_archived_group_is_closed_with_4403(open_socket, alice, evening):
    evening.is_archived = True
    await database_sync_to_async(evening.save)()
    assert await refused_code(open_socket, alice, "evening") == 4403


async def test_member_who_left_or_was_removed_is_closed_with_4403(open_socket, alice, bob):
    for user, state in ((alice, Membership.State.LEFT), (bob, Membership.State.REMOVED)):
        await database_sync_to_async(Membership.objects.filter(user=user).update)(state=state)
        assert await refused_code(open_socket, user, "evening") == 4403


async def test_foreign_origin_is_refused_before_accept(open_socket, alice):
    for origin in (b"http://evil.example", b"null", None):
        socket = await open_socket(alice, expect_hello=False, origin=origin)
        assert not socket.connected, origin


async def test_removed_member_socket_is_closed_at_once(open_socket, alice, bob, dana):
    socket = await open_socket(bob)
    membership = await database_sync_to_async(
        Membership.objects.select_related("group", "user").get
    )(user=bob)
    await database_sync_to_async(remove_member)(dana, membership)
    assert await socket.close_code() == 4403


async def test_deactivated_account_socket_is_closed(open_socket, bob):
    socket = await open_socket(bob)
    bob.is_active = False
    await database_sync_to_async(bob.save)()
    assert await socket.close_code() == 4403


async def test_archiving_a_group_closes_its_sockets(open_socket, alice, evening):
    socket = await open_socket(alice)
    evening.is_archived = True
    await database_sync_to_async(evening.save)()
    assert await socket.close_code() == 4403


async def test_membership_is_rechecked_on_every_frame(open_socket, bob):
    """Even if the close event were lost, the next frame finds the membership gone."""
    socket = await open_socket(bob)
    # A bulk update sends no signal: only the per-frame check can notice.
    await database_sync_to_async(Membership.objects.filter(user=bob).update)(
        state=Membership.State.REMOVED
    )
    await socket.send({"type": "ping"})
    assert await socket.close_code() == 4403


async def test_role_change_closes_the_socket_so_it_rejoins_as_the_new_role(open_socket, dana):
    socket = await open_socket(dana)
    membership = await database_sync_to_async(Membership.objects.get)(user=dana)
    membership.role = Membership.Role.PARTICIPANT
    await database_sync_to_async(membership.save)()
    assert await socket.close_code() == 4000
    again = await open_socket(dana)
    assert again.hello["me"]["role"] == "participant"


async def test_saving_a_membership_without_a_role_change_keeps_the_socket(open_socket, alice):
    socket = await open_socket(alice)
    membership = await database_sync_to_async(Membership.objects.get)(user=alice)
    membership.last_read_message_id = 5
    await database_sync_to_async(membership.save)()
    await socket.send({"type": "ping"})
    assert (await socket.receive_type("pong"))["type"] == "pong"


async def test_a_person_can_hold_a_dozen_sockets_but_not_more(open_socket, alice):
    from groupspace.room.presence import MAX_SOCKETS_PER_PERSON

    for _ in range(MAX_SOCKETS_PER_PERSON):
        await open_socket(alice)
    refused = await open_socket(alice, expect_hello=False)
    assert await refused.close_code() == 4429


async def test_logging_out_closes_that_sessions_sockets_only(transactional_db, open_socket, alice):
    from django.test import Client

    from .conftest import Socket, communicator

    @database_sync_to_async
    def login() -> Client:
        client = Client()
        client.force_login(alice)
        return client

    laptop = await login()
    laptop_socket = Socket(communicator("/ws/groups/evening/", laptop.cookies["sessionid"].value))
    assert (await laptop_socket.communicator.connect())[0]
    await laptop_socket.receive_type("hello")
    phone_socket = await open_socket(alice)  # another login of the same person

    response = await database_sync_to_async(laptop.post)("/accounts/logout/")
    assert response.status_code == 302
    assert await laptop_socket.close_code() == 4401
    await phone_socket.send({"type": "ping"})
    assert (await phone_socket.receive_type("pong"))["type"] == "pong"
    await laptop_socket.disconnect()


async def test_an_idle_expired_login_cannot_open_a_socket(open_socket, transactional_db, dana):
    import time

    from django.contrib.sessions.backends.db import SessionStore

    from groupspace.accounts.idle import LAST_ACTIVITY_KEY
    from tests.conftest import session_cookie

    from .conftest import Socket, communicator

    @database_sync_to_async
    def idle_cookie() -> str:
        key = session_cookie(dana)
        session = SessionStore(session_key=key)
        session[LAST_ACTIVITY_KEY] = int(time.time()) - 31 * 60
        session.save()
        return key

    socket = Socket(communicator("/ws/groups/evening/", await idle_cookie()))
    assert (await socket.communicator.connect())[0]
    assert await socket.close_code() == 4401
    await socket.disconnect()


async def test_a_socket_whose_login_idles_out_closes_at_its_next_ping(websockets, dana):
    import time

    from django.contrib.sessions.backends.db import SessionStore
    from django.test import Client

    from groupspace.accounts.idle import LAST_ACTIVITY_KEY

    from .conftest import Socket, communicator

    @database_sync_to_async
    def login() -> str:
        client = Client()
        client.force_login(dana)
        client.get("/profile/")  # activity recorded
        return client.cookies["sessionid"].value

    key = await login()
    socket = Socket(communicator("/ws/groups/evening/", key))
    assert (await socket.communicator.connect())[0]
    await socket.receive_type("hello")

    @database_sync_to_async
    def idle_out() -> None:
        session = SessionStore(session_key=key)
        session[LAST_ACTIVITY_KEY] = int(time.time()) - 31 * 60
        session.save()

    await idle_out()
    await socket.send({"type": "ping"})
    assert await socket.close_code() == 4401
    await socket.disconnect()
