"""Every refusal: a clear error code, the socket kept open, and nothing stored."""

import json
import uuid
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.db import OperationalError, connection, connections
from django.utils import timezone

from groupspace.groups.models import IOPGroup, Membership
from groupspace.room.models import Message
from tests.postgres_admin import end_backend

from .test_messages import send_frame, stored_bodies


async def expect_error(socket, frame, code: str, field: str | None = None) -> dict:
    await socket.send(frame)
    error = await socket.receive_type("error")
    assert error["code"] == code, error
    if field:
        assert error["detail"].startswith(f"{field}:"), error
    return error


async def still_open(socket) -> None:
    await socket.send({"type": "ping"})
    assert (await socket.receive_type("pong"))["type"] == "pong"


async def test_invalid_json(open_socket, alice, evening):
    socket = await open_socket(alice)
    error = await expect_error(socket, "{not json", "invalid_json")
    assert error["client_id"] is None
    await still_open(socket)


async def test_frames_that_are_not_objects_with_a_type_are_invalid(open_socket, alice):
    socket = await open_socket(alice)
    for text in ("[]", "42", '"send"', "{}", '{"type": 5}'):
        await expect_error(socket, text, "invalid", "type")
    await still_open(socket)


async def test_unknown_type(open_socket, alice):
    socket = await open_socket(alice)
    await expect_error(socket, {"type": "sudo"}, "unknown_type")
    await expect_error(socket, {"type": "__init__"}, "unknown_type")
    await still_open(socket)


@pytest.mark.parametrize(
    ("frame", "field"),
    [
        ({"type": "send", "body": "hi", "reply_to": None}, "client_id"),
        ({"type": "send", "client_id": "not-a-uuid", "body": "hi"}, "client_id"),
        ({"type": "send", "client_id": str(uuid.uuid4()), "body": 5}, "body"),
        (
            {"type": "send", "client_id": str(uuid.uuid4()), "body": "hi", "reply_to": "1"},
            "reply_to",
        ),
        (
            {"type": "send", "client_id": str(uuid.uuid4()), "body": "hi", "reply_to": True},
            "reply_to",
        ),
        ({"type": "history", "before": None, "limit": 0}, "limit"),
        ({"type": "history", "before": None, "limit": 101}, "limit"),
        ({"type": "history", "before": "x", "limit": 10}, "before"),
        ({"type": "sync"}, "after"),
        ({"type": "sync", "after": -1}, "after"),
        ({"type": "react", "message_id": 1, "emoji": "heart"}, "on"),
        ({"type": "react", "message_id": 1, "emoji": "poop", "on": True}, "emoji"),
        ({"type": "react", "message_id": None, "emoji": "heart", "on": True}, "message_id"),
    ],
)
async def test_missing_or_ill_typed_fields_are_invalid_and_name_the_field(
    open_socket, alice, evening, frame, field
):
    socket = await open_socket(alice)
    await expect_error(socket, frame, "invalid", field)
    await still_open(socket)
    assert await stored_bodies(evening) == []


async def test_error_echoes_the_client_id(open_socket, alice, evening):
    socket = await open_socket(alice)
    frame = send_frame("   ")
    error = await expect_error(socket, frame, "empty")
    assert error["client_id"] == frame["client_id"]


async def test_body_over_4000_characters_is_too_long(open_socket, alice, evening):
    socket = await open_socket(alice)
    await expect_error(socket, send_frame("x" * 4001), "too_long")
    await socket.send(send_frame("x" * 4000))
    assert (await socket.receive_type("ack"))["message"]["body"] == "x" * 4000


async def test_frame_over_64_kib_is_refused_before_parsing(open_socket, alice, evening):
    socket = await open_socket(alice)
    oversized = '{"type": "send", "body": "' + "y" * (64 * 1024) + '"}'
    await expect_error(socket, oversized, "too_long")
    # Not even valid JSON: the size is checked first.
    await expect_error(socket, "[" * (64 * 1024 + 1), "too_long")
    await still_open(socket)
    assert await stored_bodies(evening) == []


async def test_empty_and_whitespace_bodies(open_socket, alice, evening):
    socket = await open_socket(alice)
    for body in ("", "   \n\t ", "\u0000"):
        await expect_error(socket, send_frame(body), "empty")
    assert await stored_bodies(evening) == []


async def test_muted_participant_gets_muted_until_the_mute_ends(open_socket, alice, evening):
    until = timezone.now() + timedelta(minutes=10)
    await database_sync_to_async(Membership.objects.filter(user=alice).update)(muted_until=until)
    socket = await open_socket(alice)
    error = await expect_error(socket, send_frame("hello?"), "muted")
    assert "until" in error["detail"]
    await database_sync_to_async(Membership.objects.filter(user=alice).update)(
        muted_until=timezone.now() - timedelta(seconds=1)
    )
    await socket.send(send_frame("back"))
    assert (await socket.receive_type("ack"))["message"]["body"] == "back"


async def test_locked_room_refuses_participants_but_not_therapists(
    open_socket, alice, dana, evening
):
    await database_sync_to_async(IOPGroup.objects.filter(pk=evening.pk).update)(is_locked=True)
    alice_socket = await open_socket(alice)
    assert alice_socket.hello["group"]["locked"] is True
    await expect_error(alice_socket, send_frame("anyone?"), "locked")
    dana_socket = await open_socket(dana)
    await dana_socket.send(send_frame("The room opens again at 8am. If you need help, call 988."))
    assert (await dana_socket.receive_type("ack"))["message"]["author"]["role"] == "therapist"
    assert len(await stored_bodies(evening)) == 1


async def test_flooding_is_rate_limited_then_closed_with_4429(open_socket, alice, evening):
    socket = await open_socket(alice)
    codes = []
    for _ in range(12):
        await socket.send(send_frame("spam"))
    for _ in range(12):
        frame = await socket.receive()
        while frame["type"] in {"message", "presence"}:
            frame = await socket.receive()
        codes.append(frame["type"] if frame["type"] == "ack" else frame["code"])
    assert "rate_limited" in codes
    assert codes.count("ack") < 12
    for _ in range(40):
        await socket.send({"type": "typing"})
    assert await socket.close_code() == 4429


@database_sync_to_async
def break_database() -> object:
    """Make every query fail in the thread that runs the consumer's database work, as when
    the database server is unreachable (Django's own execute_wrapper hook)."""

    def unreachable(execute, sql, params, many, context):
        raise OperationalError("server closed the connection unexpectedly")

    wrapper = connections["default"].execute_wrapper(unreachable)
    wrapper.__enter__()
    return wrapper


@database_sync_to_async
def mend_database(wrapper) -> None:
    wrapper.__exit__(None, None, None)


async def test_database_down_gives_unavailable_and_stores_nothing(open_socket, alice, evening):
    socket = await open_socket(alice)
    wrapper = await break_database()
    try:
        frame = send_frame("is anyone there?")
        error = await expect_error(socket, frame, "unavailable")
        assert error["client_id"] == frame["client_id"]
    finally:
        await mend_database(wrapper)
    assert await stored_bodies(evening) == []
    await socket.send(frame)  # the client's resend, once the database is back
    assert (await socket.receive_type("ack"))["message"]["body"] == "is anyone there?"


def test_too_long_json_is_also_checked_in_bytes():
    from groupspace.room import frames
    from groupspace.room.errors import RoomError

    text = json.dumps({"type": "send", "body": "é" * 40000})  # 40k characters, 80k bytes
    with pytest.raises(RoomError) as refused:
        frames.decode(text, None)
    assert refused.value.code == "too_long"


async def test_nothing_is_stored_for_any_refused_send(open_socket, alice, evening):
    socket = await open_socket(alice)
    await expect_error(socket, send_frame("x" * 4001), "too_long")
    await expect_error(socket, send_frame(" "), "empty")
    assert await database_sync_to_async(Message.objects.count)() == 0


@database_sync_to_async
def cut_the_consumers_database_connection() -> None:
    """End, from another session, the server process behind the connection of the thread that
    runs the consumer's database work: what a PostgreSQL restart does to every connection."""
    own = connections["default"]
    own.ensure_connection()
    end_backend(own.settings_dict, own.connection.info.backend_pid)


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL (the services half of `make test` runs it)",
)
async def test_a_connection_broken_by_a_database_restart_is_replaced_before_use(
    open_socket, alice, evening
):
    """CONN_HEALTH_CHECKS (settings.py) finds the broken connection before the post uses it.
    Without them the post was refused, and its resend too: the connection was not replaced."""
    socket = await open_socket(alice)
    await socket.send(send_frame("before"))
    await socket.receive_type("ack")
    await cut_the_consumers_database_connection()
    await socket.send(send_frame("after the restart"))
    ack = await socket.receive_type("ack", skip=frozenset({"message"}))
    assert ack["message"]["body"] == "after the restart"
    assert await stored_bodies(evening) == ["before", "after the restart"]
