"""Therapists' frames: prompt, remove, approve, mute, lock. Everyone else gets `forbidden`."""

import uuid

import pytest
from channels.db import database_sync_to_async

from groupspace.audit.models import AuditEntry
from groupspace.groups.models import IOPGroup, Membership
from groupspace.room.models import Message

from .test_errors import expect_error
from .test_messages import post, send_frame


@database_sync_to_async
def audit_actions() -> list[str]:
    return list(AuditEntry.objects.order_by("id").values_list("action", flat=True))


@pytest.mark.parametrize(
    "frame",
    [
        {"type": "prompt", "client_id": str(uuid.uuid4()), "body": "A prompt"},
        {"type": "remove", "message_id": 1, "reason": "x"},
        {"type": "approve", "message_id": 1},
        {"type": "mute", "user_id": 1, "minutes": 5},
        {"type": "lock", "locked": True},
    ],
)
async def test_participants_get_forbidden_for_every_moderation_frame(
    open_socket, alice, bob, evening, frame
):
    await post(evening, bob, "a message")
    socket = await open_socket(alice)
    await expect_error(socket, frame, "forbidden")
    assert await audit_actions() == []
    assert not (await database_sync_to_async(IOPGroup.objects.get)(pk=evening.pk)).is_locked


async def test_therapist_posts_a_prompt(open_socket, dana, alice):
    dana_socket = await open_socket(dana)
    alice_socket = await open_socket(alice)
    frame = {"type": "prompt", "client_id": str(uuid.uuid4()), "body": "What helped today?"}
    await dana_socket.send(frame)
    ack = await dana_socket.receive_type("ack")
    assert ack["message"]["kind"] == "prompt"
    message = (await alice_socket.receive_type("message"))["message"]
    assert (message["kind"], message["body"]) == ("prompt", "What helped today?")


async def test_removed_message_is_blank_for_participants_but_kept_for_therapists(
    open_socket, dana, alice, bob, evening
):
    message_id = await post(evening, bob, "something hurtful")
    dana_socket = await open_socket(dana)
    alice_socket = await open_socket(alice)
    await dana_socket.send({"type": "remove", "message_id": message_id, "reason": "unkind"})

    seen_by_alice = (await alice_socket.receive_type("message.updated"))["message"]
    assert (seen_by_alice["state"], seen_by_alice["body"]) == ("removed", "")
    seen_by_dana = (await dana_socket.receive_type("message.updated"))["message"]
    assert (seen_by_dana["state"], seen_by_dana["body"]) == ("removed", "something hurtful")

    await alice_socket.send({"type": "sync", "after": 0})
    assert (await alice_socket.receive_type("sync"))["messages"][0]["body"] == ""
    await alice_socket.send({"type": "history", "before": None, "limit": 10})
    assert (await alice_socket.receive_type("history"))["messages"][0]["body"] == ""
    stored = await database_sync_to_async(Message.objects.get)(pk=message_id)
    assert stored.body == "something hurtful"
    entry = await database_sync_to_async(AuditEntry.objects.get)(action="message.remove")
    assert entry.details == {"message": message_id, "reason": "unkind", "previous_state": "visible"}
    await expect_error(
        alice_socket,
        {"type": "react", "message_id": message_id, "emoji": "heart", "on": True},
        "not_found",
    )


async def test_approving_a_held_message_releases_it(open_socket, dana, alice, bob, evening):
    await database_sync_to_async(IOPGroup.objects.filter(pk=evening.pk).update)(
        moderation_mode=IOPGroup.ModerationMode.PRE
    )
    alice_socket = await open_socket(alice)
    dana_socket = await open_socket(dana)
    bob_socket = await open_socket(bob)
    await alice_socket.send(send_frame("please let this through"))
    message_id = (await alice_socket.receive_type("ack"))["message"]["id"]
    await dana_socket.receive_type("message")

    await dana_socket.send({"type": "approve", "message_id": message_id})
    released = (await bob_socket.receive_type("message.updated"))["message"]
    assert (released["id"], released["state"]) == (message_id, "visible")
    await dana_socket.receive_type("message.updated")
    await dana_socket.send({"type": "approve", "message_id": message_id})
    assert (await dana_socket.receive_type("error"))["code"] == "invalid"
    assert await audit_actions() == ["message.approve"]


async def test_moderation_frames_on_unknown_messages_are_not_found(
    open_socket, dana, charlie, weekend
):
    other_room = await post(weekend, charlie, "weekend only")
    socket = await open_socket(dana)
    for frame in (
        {"type": "remove", "message_id": other_room, "reason": ""},
        {"type": "approve", "message_id": 424242},
        {"type": "mute", "user_id": charlie.id, "minutes": 5},
    ):
        await expect_error(socket, frame, "not_found")
    assert await audit_actions() == []


async def test_mute_then_unmute(open_socket, dana, alice):
    dana_socket = await open_socket(dana)
    alice_socket = await open_socket(alice)
    await dana_socket.send({"type": "mute", "user_id": alice.id, "minutes": 30})
    muted = await alice_socket.receive_type("muted")
    assert muted["until"].endswith("Z")
    await expect_error(alice_socket, send_frame("hello"), "muted")

    await dana_socket.send({"type": "mute", "user_id": alice.id, "minutes": 0})
    assert (await alice_socket.receive_type("muted"))["until"] is None
    await alice_socket.send(send_frame("thanks"))
    assert (await alice_socket.receive_type("ack"))["message"]["body"] == "thanks"
    assert await audit_actions() == ["member.mute", "member.unmute"]


async def test_mute_refuses_bad_minutes_and_therapists(open_socket, dana, make_user, evening):
    socket = await open_socket(dana)
    for minutes in (-1, 10081, "5", True):
        await expect_error(
            socket, {"type": "mute", "user_id": dana.id, "minutes": minutes}, "invalid", "minutes"
        )
    await expect_error(socket, {"type": "mute", "user_id": dana.id, "minutes": 5}, "forbidden")
    assert (
        await database_sync_to_async(Membership.objects.filter(muted_until__isnull=False).count)()
        == 0
    )


async def test_lock_and_unlock_reach_everyone(open_socket, dana, alice):
    dana_socket = await open_socket(dana)
    alice_socket = await open_socket(alice)
    await dana_socket.send({"type": "lock", "locked": True})
    assert await alice_socket.receive_type("room") == {"type": "room", "locked": True}
    assert await dana_socket.receive_type("room") == {"type": "room", "locked": True}
    await expect_error(alice_socket, send_frame("anyone?"), "locked")
    await dana_socket.send({"type": "lock", "locked": False})
    assert await alice_socket.receive_type("room") == {"type": "room", "locked": False}
    assert await audit_actions() == ["room.lock", "room.unlock"]


async def test_held_messages_in_history_and_sync_for_each_kind_of_viewer(
    open_socket, alice, bob, dana, evening
):
    await database_sync_to_async(IOPGroup.objects.filter(pk=evening.pk).update)(
        moderation_mode=IOPGroup.ModerationMode.PRE
    )
    author = await open_socket(alice)
    await author.send(send_frame("held one"))
    held_id = (await author.receive_type("ack"))["message"]["id"]
    await author.receive_type("message")
    expected = {"author": [held_id], "therapist": [held_id], "peer": []}
    for viewer, user in (("author", alice), ("therapist", dana), ("peer", bob)):
        socket = await open_socket(user)
        await socket.send({"type": "history", "before": None, "limit": 10})
        history = (await socket.receive_type("history"))["messages"]
        await socket.send({"type": "sync", "after": 0})
        synced = (await socket.receive_type("sync"))["messages"]
        assert [m["id"] for m in history] == expected[viewer], viewer
        assert [m["id"] for m in synced] == expected[viewer], viewer
        assert socket.hello["last_message_id"] == (held_id if expected[viewer] else None)


async def test_a_muted_member_sees_until_when_in_hello(open_socket, dana, alice):
    dana_socket = await open_socket(dana)
    await dana_socket.send({"type": "mute", "user_id": alice.id, "minutes": 60})
    await dana_socket.send({"type": "ping"})
    await dana_socket.receive_type("pong")
    socket = await open_socket(alice)
    assert socket.hello["muted_until"].endswith("Z")
    assert (await open_socket(dana)).hello["muted_until"] is None
