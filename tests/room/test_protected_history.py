"""Protected history: a new member sees the room from the moment they joined, unless the
group's therapists share its history with new members."""

import uuid

from channels.db import database_sync_to_async

from groupspace.groups.models import IOPGroup, Membership
from groupspace.room.posting import post_message

from .test_errors import expect_error


@database_sync_to_async
def say(group, author, body: str) -> int:
    return post_message(group, author, body=body)[0].pk


@database_sync_to_async
def newcomer_joins(make_user, group):
    user = make_user("nova@example.test", "Nova", "Quinn")
    Membership.objects.create(user=user, group=group, agreement_accepted_at="2026-01-01T00:00Z")
    return user


async def test_a_new_member_sees_only_what_came_after_joining(
    open_socket, make_user, alice, dana, evening
):
    before = await say(evening, alice, "said before Nova joined")
    nova = await newcomer_joins(make_user, evening)
    after = await say(evening, alice, "said after")
    socket = await open_socket(nova)
    assert socket.hello["last_message_id"] == after
    await socket.send({"type": "history", "before": None, "limit": 50})
    assert [m["id"] for m in (await socket.receive_type("history"))["messages"]] == [after]
    await socket.send({"type": "sync", "after": 0})
    assert [m["id"] for m in (await socket.receive_type("sync"))["messages"]] == [after]
    for frame in (
        {"type": "react", "message_id": before, "emoji": "heart", "on": True},
        {"type": "flag", "message_id": before, "reason": ""},
        {"type": "send", "client_id": str(uuid.uuid4()), "body": "re", "reply_to": before},
    ):
        await expect_error(socket, frame, "not_found")
    # Therapists and earlier members still see everything.
    for user in (alice, dana):
        other = await open_socket(user)
        await other.send({"type": "sync", "after": 0})
        ids = [m["id"] for m in (await other.receive_type("sync"))["messages"]]
        assert before in ids and after in ids


async def test_therapists_can_share_the_history_with_new_members(
    open_socket, make_user, alice, evening
):
    before = await say(evening, alice, "said before")
    nova = await newcomer_joins(make_user, evening)
    await database_sync_to_async(IOPGroup.objects.filter(pk=evening.pk).update)(
        share_history_with_new_members=True
    )
    socket = await open_socket(nova)
    await socket.send({"type": "sync", "after": 0})
    assert before in [m["id"] for m in (await socket.receive_type("sync"))["messages"]]
