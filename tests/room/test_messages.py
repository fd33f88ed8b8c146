"""send / ack / message, idempotent resend, history, sync, and what stays inside a group."""

import uuid

from channels.db import database_sync_to_async

from groupspace.room.models import Message
from groupspace.room.posting import post_message


def send_frame(body: str, client_id: str | None = None, reply_to=None) -> dict:
    return {
        "type": "send",
        "client_id": client_id or str(uuid.uuid4()),
        "body": body,
        "reply_to": reply_to,
    }


@database_sync_to_async
def post(group, author, body: str) -> int:
    message, _ = post_message(group, author, body=body)
    return message.id


@database_sync_to_async
def stored_bodies(group) -> list[str]:
    return list(Message.objects.filter(group=group).order_by("id").values_list("body", flat=True))


async def test_send_is_acked_then_delivered_to_the_room_only(
    open_socket, alice, bob, dana, charlie, evening
):
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    dana_socket = await open_socket(dana)
    charlie_socket = await open_socket(charlie, "weekend")
    frame = send_frame("Made it through today.")

    await alice_socket.send(frame)

    ack = await alice_socket.receive_type("ack")
    assert ack["client_id"] == frame["client_id"]
    message = ack["message"]
    assert message["body"] == "Made it through today."
    assert message["kind"] == "chat"
    assert message["state"] == "visible"
    assert message["author"] == {"id": alice.id, "display_name": "Alice M.", "role": "participant"}
    assert message["client_id"] == frame["client_id"]
    assert message["created_at"].endswith("Z")
    assert message["reactions"] == {}
    assert message["data"] == {}
    for socket in (alice_socket, bob_socket, dana_socket):
        delivered = await socket.receive_type("message")
        assert delivered["message"]["id"] == message["id"]
        assert delivered["message"]["body"] == "Made it through today."
    await charlie_socket.nothing_but_presence()
    assert await stored_bodies(evening) == ["Made it through today."]


async def test_resend_with_same_client_id_acks_the_original_and_stores_nothing(
    open_socket, alice, bob, evening
):
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    frame = send_frame("Only once, please.")
    await alice_socket.send(frame)
    first = await alice_socket.receive_type("ack")
    await alice_socket.receive_type("message")
    await bob_socket.receive_type("message")

    await alice_socket.send({**frame, "body": "a changed body is still the same message"})

    again = await alice_socket.receive_type("ack")
    assert again["message"]["id"] == first["message"]["id"]
    assert again["message"]["body"] == "Only once, please."
    await bob_socket.nothing_but_presence()
    await alice_socket.nothing_but_presence()
    assert await stored_bodies(evening) == ["Only once, please."]


async def test_message_ids_grow_and_body_is_stored_as_plain_text(open_socket, alice, evening):
    socket = await open_socket(alice)
    ids = []
    for body in ("<script>alert(1)</script>", "second", "  trimmed  "):
        await socket.send(send_frame(body))
        ids.append((await socket.receive_type("ack"))["message"]["id"])
        await socket.receive_type("message")
    assert ids == sorted(ids) and len(set(ids)) == 3
    assert await stored_bodies(evening) == ["<script>alert(1)</script>", "second", "trimmed"]


async def test_reply_to_a_message_in_the_room(open_socket, alice, bob, evening):
    first = await post(evening, bob, "How do you handle Sundays?")
    socket = await open_socket(alice)
    await socket.send(send_frame("I plan something with people.", reply_to=first))
    ack = await socket.receive_type("ack")
    assert ack["message"]["reply_to"] == first


async def test_history_pages_back_newest_first_and_returns_each_page_oldest_first(
    open_socket, alice, evening
):
    ids = [await post(evening, alice, f"message {n}") for n in range(7)]
    socket = await open_socket(alice)
    assert socket.hello["last_message_id"] == ids[-1]

    await socket.send({"type": "history", "before": None, "limit": 3})
    page = await socket.receive_type("history")
    assert [m["id"] for m in page["messages"]] == ids[4:7]
    assert page["has_more"] is True

    await socket.send({"type": "history", "before": ids[4], "limit": 3})
    page = await socket.receive_type("history")
    assert [m["id"] for m in page["messages"]] == ids[1:4]
    assert page["has_more"] is True

    await socket.send({"type": "history", "before": ids[1], "limit": 3})
    page = await socket.receive_type("history")
    assert [m["id"] for m in page["messages"]] == ids[0:1]
    assert page["has_more"] is False


async def test_sync_after_a_disconnect_returns_exactly_the_missed_messages(
    open_socket, alice, bob, evening
):
    bob_socket = await open_socket(bob)
    await bob_socket.send(send_frame("before the tunnel"))
    last_seen = (await bob_socket.receive_type("ack"))["message"]["id"]
    await bob_socket.disconnect()

    alice_socket = await open_socket(alice)
    missed = []
    for n in range(3):
        await alice_socket.send(send_frame(f"while bob was away {n}"))
        missed.append((await alice_socket.receive_type("ack"))["message"]["id"])
        await alice_socket.receive_type("message")

    bob_again = await open_socket(bob)
    assert bob_again.hello["last_message_id"] == missed[-1]
    await bob_again.send({"type": "sync", "after": last_seen})
    answer = await bob_again.receive_type("sync")
    assert [m["id"] for m in answer["messages"]] == missed
    assert answer["has_more"] is False

    await bob_again.send({"type": "sync", "after": missed[-1]})
    assert (await bob_again.receive_type("sync"))["messages"] == []


async def test_sync_pages_at_500_with_has_more(open_socket, alice, evening):
    await database_sync_to_async(Message.objects.bulk_create)(
        [Message(group=evening, author=alice, body=f"m{n}") for n in range(501)]
    )
    socket = await open_socket(alice)
    await socket.send({"type": "sync", "after": 0})
    first = await socket.receive_type("sync", timeout=10)
    assert len(first["messages"]) == 500
    assert first["has_more"] is True
    await socket.send({"type": "sync", "after": first["messages"][-1]["id"]})
    second = await socket.receive_type("sync", timeout=10)
    assert [m["body"] for m in second["messages"]] == ["m500"]
    assert second["has_more"] is False


async def test_ping_answers_pong_with_the_newest_id(open_socket, alice, evening):
    socket = await open_socket(alice)
    await socket.send({"type": "ping"})
    assert await socket.receive_type("pong") == {"type": "pong", "last_message_id": None}
    newest = await post(evening, alice, "hello")
    await socket.receive_type("message")
    await socket.send({"type": "ping"})
    assert await socket.receive_type("pong") == {"type": "pong", "last_message_id": newest}


async def test_a_member_of_another_group_can_read_react_or_sync_nothing_of_it(
    open_socket, alice, charlie, evening, weekend
):
    secret = await post(evening, alice, "only for the evening group")
    socket = await open_socket(charlie, "weekend")
    assert socket.hello["last_message_id"] is None

    await socket.send({"type": "sync", "after": 0})
    assert (await socket.receive_type("sync"))["messages"] == []
    await socket.send({"type": "history", "before": None, "limit": 100})
    assert (await socket.receive_type("history"))["messages"] == []
    await socket.send({"type": "react", "message_id": secret, "emoji": "heart", "on": True})
    error = await socket.receive_type("error")
    assert error["code"] == "not_found"
    await socket.send(send_frame("replying across groups", reply_to=secret))
    error = await socket.receive_type("error")
    assert error["code"] == "not_found"
    assert await stored_bodies(weekend) == []


async def test_announce_command_posts_a_system_message_through_the_same_path(
    open_socket, alice, evening
):
    from django.core.management import call_command

    socket = await open_socket(alice)
    await database_sync_to_async(call_command)("announce", "evening", "Maintenance at 2am.")
    message = (await socket.receive_type("message"))["message"]
    assert message["kind"] == "system"
    assert message["author"] is None
    assert message["body"] == "Maintenance at 2am."
