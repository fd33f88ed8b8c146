"""Hypothesis throws arbitrary JSON values and byte strings at the real consumer.

Every answer must be a protocol frame, the socket must stay open (or close with 4429 for
flooding), and the database must stay sound: nothing stored that a valid `send` did not ask for.
"""

import json
import uuid

from asgiref.sync import async_to_sync
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from groupspace.room.models import Message
from tests.cleanup import websocket_session
from tests.conftest import session_cookie
from tests.room.conftest import Socket, communicator

SERVER_FRAMES = {
    "hello",
    "ack",
    "message",
    "message.updated",
    "history",
    "sync",
    "presence",
    "typing",
    "pong",
    "room",
    "muted",
    "flagged",
    "crisis",
    "alert",
    "error",
}
ERROR_CODES = {
    "invalid_json",
    "unknown_type",
    "invalid",
    "too_long",
    "empty",
    "rate_limited",
    "muted",
    "locked",
    "forbidden",
    "not_found",
    "unavailable",
}
CLIENT_TYPES = [
    "send",
    "history",
    "sync",
    "typing",
    "react",
    "ping",
    "read",
    "prompt",
    "remove",
    "approve",
    "mute",
    "lock",
    "flag",
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda children: (
        st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5)
    ),
    max_leaves=20,
)
# Frames shaped like the protocol's, with hostile values in every field.
protocol_like = st.fixed_dictionaries(
    {"type": st.sampled_from(CLIENT_TYPES)},
    optional={
        name: json_values | st.integers(min_value=-2, max_value=10**20)
        for name in (
            "client_id",
            "body",
            "reply_to",
            "before",
            "limit",
            "after",
            "message_id",
            "emoji",
            "on",
            "user_id",
            "minutes",
            "locked",
            "reason",
        )
    },
)
raw_text = st.text(max_size=200) | json_values.map(json.dumps) | protocol_like.map(json.dumps)
inputs = st.lists(
    st.one_of(
        raw_text.map(lambda t: ("text", t)), st.binary(max_size=200).map(lambda b: ("bytes", b))
    ),
    min_size=1,
    max_size=12,
)


async def throw(cookie: str, sent: list[tuple[str, object]]) -> None:
    # Each example runs on a loop of its own: its sockets and layer are closed on that loop.
    async with websocket_session():
        await throw_at_one_socket(cookie, sent)


async def throw_at_one_socket(cookie: str, sent: list[tuple[str, object]]) -> None:
    socket = Socket(communicator("/ws/groups/evening/", cookie))
    connected, _ = await socket.communicator.connect()
    assert connected
    assert (await socket.receive())["type"] == "hello"
    for kind, value in sent:
        # send_input, not send_to: the helper refuses empty strings, which a client can send.
        await socket.communicator.send_input({"type": "websocket.receive", kind: value})
    # A ping at the end must still be answered: the socket survived everything before it.
    await socket.send({"type": "ping"})
    while True:
        output = await socket.communicator.receive_output(5)
        if output["type"] == "websocket.close":
            assert output["code"] == 4429, output
            break
        frame = json.loads(output["text"])
        assert frame["type"] in SERVER_FRAMES, frame
        if frame["type"] == "error":
            assert frame["code"] in ERROR_CODES, frame
            assert isinstance(frame["detail"], str) and frame["detail"]
        if frame["type"] == "pong":
            break
    await socket.disconnect()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(sent=inputs)
def test_arbitrary_input_gets_protocol_answers_and_stores_only_valid_sends(
    transactional_db, alice, dana, sent
):
    before = Message.objects.count()
    async_to_sync(throw)(session_cookie(alice), sent)
    stored = list(Message.objects.order_by("id")[before:])
    # Anything stored came from a frame that was a valid send by alice.
    valid_client_ids = set()
    for kind, value in sent:
        try:
            frame = json.loads(value) if kind == "text" else None
        except ValueError:
            continue
        if isinstance(frame, dict) and frame.get("type") == "send":
            try:
                valid_client_ids.add(uuid.UUID(frame.get("client_id")))
            except (TypeError, ValueError, AttributeError):
                pass
    for message in stored:
        assert message.author == alice
        assert message.client_id in valid_client_ids
        assert 0 < len(message.body) <= 4000
        assert "\x00" not in message.body
