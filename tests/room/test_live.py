"""Presence, typing, reactions, read markers and held (pending) messages."""

from channels.db import database_sync_to_async

from groupspace.groups.models import IOPGroup, Membership

from .test_errors import expect_error
from .test_messages import post, send_frame


def names(frame) -> list[str]:
    return [user["display_name"] for user in frame["online"]]


async def test_presence_changes_reach_the_room(open_socket, alice, bob, charlie):
    alice_socket = await open_socket(alice)
    # A socket joins its audiences before registering, so it hears its own arrival too.
    assert names(await alice_socket.receive_type("presence")) == ["Alice M."]
    charlie_socket = await open_socket(charlie, "weekend")
    bob_socket = await open_socket(bob)
    assert names(bob_socket.hello) == ["Alice M.", "Bob T."]
    assert names(await alice_socket.receive_type("presence")) == ["Alice M.", "Bob T."]

    await bob_socket.disconnect()
    assert names(await alice_socket.receive_type("presence")) == ["Alice M."]
    await charlie_socket.receive_type("presence")  # charlie's own arrival
    assert await charlie_socket.nothing()


async def test_a_second_socket_of_someone_online_changes_no_presence(open_socket, alice, bob):
    alice_socket = await open_socket(alice)
    await alice_socket.receive_type("presence")
    await open_socket(bob)
    assert names(await alice_socket.receive_type("presence")) == ["Alice M.", "Bob T."]
    second = await open_socket(bob)
    assert names(second.hello) == ["Alice M.", "Bob T."]
    assert await alice_socket.nothing()


async def test_typing_reaches_the_others_at_most_every_three_seconds(
    open_socket, alice, bob, dana, charlie
):
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)
    charlie_socket = await open_socket(charlie, "weekend")
    await alice_socket.send({"type": "typing"})
    for socket in (bob_socket, dana_socket):
        frame = await socket.receive_type("typing")
        assert frame["user"] == {"id": alice.id, "display_name": "Alice M.", "role": "participant"}
    await alice_socket.send({"type": "typing"})
    await alice_socket.send({"type": "ping"})
    # The sender never sees its own typing, and the second one within 3 s is not sent.
    assert (await alice_socket.receive_type("pong"))["type"] == "pong"
    await bob_socket.nothing_but_presence()
    await charlie_socket.nothing_but_presence()


async def test_reactions_toggle_and_reach_everyone(open_socket, alice, bob, evening):
    message_id = await post(evening, alice, "Seven days!")
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)

    await bob_socket.send({"type": "react", "message_id": message_id, "emoji": "clap", "on": True})
    for socket in (alice_socket, bob_socket):
        updated = (await socket.receive_type("message.updated"))["message"]
        assert updated["id"] == message_id
        assert updated["reactions"] == {"clap": 1}
        assert updated["reacted_by"] == {"clap": [bob.id]}

    # Reacting twice is one reaction: nothing changes, nothing is sent.
    await bob_socket.send({"type": "react", "message_id": message_id, "emoji": "clap", "on": True})
    assert await alice_socket.nothing()

    await bob_socket.send({"type": "react", "message_id": message_id, "emoji": "clap", "on": False})
    updated = (await alice_socket.receive_type("message.updated"))["message"]
    assert updated["reactions"] == {}


async def test_react_to_an_unknown_message_is_not_found(open_socket, alice, evening):
    socket = await open_socket(alice)
    await expect_error(
        socket, {"type": "react", "message_id": 999999, "emoji": "heart", "on": True}, "not_found"
    )


async def test_read_marker_drives_the_unread_count(open_socket, client_for, alice, bob, evening):
    first = await post(evening, bob, "one")
    await post(evening, bob, "two")
    socket = await open_socket(alice)

    @database_sync_to_async
    def unread() -> int:
        page = client_for(alice).get("/")
        return page.context["memberships"][0].unread

    assert await unread() == 2
    await socket.send({"type": "read", "message_id": first})
    await socket.send({"type": "ping"})
    await socket.receive_type("pong")
    assert await unread() == 1


async def test_pre_moderation_holds_participant_messages_for_therapists(
    open_socket, alice, bob, dana, evening
):
    await database_sync_to_async(IOPGroup.objects.filter(pk=evening.pk).update)(
        moderation_mode=IOPGroup.ModerationMode.PRE
    )
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)

    await alice_socket.send(send_frame("held for a moment"))
    ack = await alice_socket.receive_type("ack")
    assert ack["message"]["state"] == "pending"
    assert (await alice_socket.receive_type("message"))["message"]["state"] == "pending"
    assert (await dana_socket.receive_type("message"))["message"]["body"] == "held for a moment"
    await bob_socket.nothing_but_presence()

    await bob_socket.send({"type": "sync", "after": 0})
    assert (await bob_socket.receive_type("sync"))["messages"] == []
    assert bob_socket.hello["last_message_id"] is None

    # Therapists' own messages are never held.
    await dana_socket.send(send_frame("Welcome, everyone."))
    assert (await dana_socket.receive_type("ack"))["message"]["state"] == "visible"
    assert (await bob_socket.receive_type("message"))["message"]["body"] == "Welcome, everyone."


async def test_role_in_a_message_is_the_authors_role_in_this_group(
    open_socket, alice, dana, evening
):
    await database_sync_to_async(Membership.objects.filter(user=dana).update)(role="therapist")
    socket = await open_socket(alice)
    await post(evening, dana, "Prompt: one thing you're grateful for.")
    message = (await socket.receive_type("message"))["message"]
    assert message["author"]["role"] == "therapist"
