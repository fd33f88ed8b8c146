"""Every websocket frame type, for every kind of caller. A new frame type without a rule fails.

Callers who are not active members never get a socket (4401 anonymous, 4403 everyone else:
tests/room/test_connect.py); for members, each frame is answered or refused by role.
"""

import uuid

import pytest
from channels.db import database_sync_to_async

from groupspace.room.consumer import FRAME_HANDLERS
from groupspace.room.posting import post_message

# Who may send each frame: any active member, or the group's therapists only.
FRAME_RULES = {
    "send": "member",
    "history": "member",
    "sync": "member",
    "typing": "member",
    "react": "member",
    "ping": "member",
    "read": "member",
    "flag": "member",
    "thread": "member",
    "prompt": "therapist",
    "remove": "therapist",
    "approve": "therapist",
    "mute": "therapist",
    "lock": "therapist",
    "pin": "therapist",
}


def valid_frame(frame_type: str, ids: dict) -> dict:
    """A frame of this type that is right in every way but, perhaps, the sender's role."""
    return {
        "send": {"type": "send", "client_id": str(uuid.uuid4()), "body": "hi", "reply_to": None},
        "history": {"type": "history", "before": None, "limit": 10},
        "sync": {"type": "sync", "after": 0},
        "typing": {"type": "typing"},
        "react": {"type": "react", "message_id": ids["message"], "emoji": "heart", "on": True},
        "ping": {"type": "ping"},
        "read": {"type": "read", "message_id": ids["message"]},
        "flag": {"type": "flag", "message_id": ids["message"], "reason": ""},
        "prompt": {"type": "prompt", "client_id": str(uuid.uuid4()), "body": "A prompt"},
        "remove": {"type": "remove", "message_id": ids["message"], "reason": ""},
        "approve": {"type": "approve", "message_id": ids["pending"]},
        "mute": {"type": "mute", "user_id": ids["bob"], "minutes": 5},
        "lock": {"type": "lock", "locked": True},
        "thread": {"type": "thread", "message_id": ids["prompt"]},
        "pin": {"type": "pin", "message_id": ids["prompt"]},
    }[frame_type]


def test_every_frame_type_has_a_rule():
    assert set(FRAME_HANDLERS) == set(FRAME_RULES)


@pytest.mark.parametrize("role", ["participant", "therapist"])
@pytest.mark.parametrize("frame_type", sorted(FRAME_RULES))
async def test_frame_by_role(open_socket, alice, bob, dana, evening, frame_type, role):
    @database_sync_to_async
    def make_targets() -> dict:
        message, _ = post_message(evening, bob, body="a message")
        pending, _ = post_message(evening, bob, body="held", held_for_review=True)
        prompt, _ = post_message(evening, dana, kind="prompt", body="A prompt")
        return {"message": message.pk, "pending": pending.pk, "bob": bob.pk, "prompt": prompt.pk}

    ids = await make_targets()
    socket = await open_socket(alice if role == "participant" else dana)
    await socket.send(valid_frame(frame_type, ids))
    await socket.send({"type": "ping"})
    errors = []
    pongs_to_wait_for = 2 if frame_type == "ping" else 1  # the closing ping answers too
    while pongs_to_wait_for:
        frame = await socket.receive()
        if frame["type"] == "error":
            errors.append(frame["code"])
        elif frame["type"] == "pong":
            pongs_to_wait_for -= 1
    allowed = FRAME_RULES[frame_type] == "member" or role == "therapist"
    assert errors == ([] if allowed else ["forbidden"]), (frame_type, role, errors)


@pytest.mark.parametrize(
    ("caller", "code"),
    [
        ("anonymous", 4401),
        ("outsider", 4403),
        ("other_participant", 4403),
        ("other_therapist", 4403),
        ("staff", 4403),
    ],
)
async def test_callers_who_are_not_members_get_no_socket(
    open_socket, make_user, charlie, erin, sam, evening, caller, code
):
    users = {
        "anonymous": None,
        "outsider": await database_sync_to_async(make_user)("olive@example.test", "Olive"),
        "other_participant": charlie,
        "other_therapist": erin,
        "staff": sam,
    }
    socket = await open_socket(users[caller], expect_hello=False)
    assert await socket.close_code() == code
