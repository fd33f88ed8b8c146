"""One channel-layer subscription per process (groupspace/room/hub.py): a room's sockets in a
process share it, events wait while a socket is busy answering, and a storm of them while it
waits tells the socket to connect again rather than queueing without bound."""

import asyncio
import threading
import time

import pytest
from channels.db import database_sync_to_async
from channels.layers import InMemoryChannelLayer, get_channel_layer
from django.conf import settings
from django.db import OperationalError, connection, connections, transaction

from groupspace.groups.models import IOPGroup
from groupspace.room import events
from groupspace.room import hub as hub_module
from groupspace.room.consumer import CLOSE_RECONNECT, HELD_EVENTS_MAX
from groupspace.room.hub import Hub, hub_for
from tests.conftest import session_cookie
from tests.postgres_admin import wait_for_a_lock_waiter

from .conftest import communicator
from .test_messages import send_frame, stored_bodies


async def layer_members(group: str) -> set[str]:
    """The channels the layer itself holds for `group` (in memory or in Redis)."""
    layer = get_channel_layer()
    if hasattr(layer, "groups"):  # InMemoryChannelLayer
        return set(layer.groups.get(group, {}))
    redis = layer.connection(layer.consistent_hash(group))
    return {name.decode() for name in await redis.zrange(layer._group_key(group), 0, -1)}


async def test_a_rooms_sockets_in_one_process_share_one_subscription(
    open_socket, alice, bob, dana, evening
):
    sockets = [await open_socket(alice), await open_socket(bob), await open_socket(dana)]
    hub = hub_for(get_channel_layer())
    participants = events.participants_group(evening.id)
    assert len(hub.sockets[participants]) == 2
    assert await layer_members(participants) == {hub.channel}
    assert await layer_members(events.therapists_group(evening.id)) == {hub.channel}
    assert len(hub.sockets[events.room_group(evening.id)]) == 3
    assert await layer_members(events.room_group(evening.id)) == {hub.channel}

    # Still delivered to each socket in the group, once.
    await sockets[0].send(send_frame("one subscription"))
    await sockets[0].receive_type("ack")
    for socket in sockets:
        assert (await socket.receive_type("message"))["message"]["body"] == "one subscription"
        assert await socket.nothing()

    for socket in sockets:
        await socket.disconnect()
    assert hub.sockets == {}
    assert await layer_members(participants) == set()
    assert hub.tasks == []  # nothing left running for a process with no sockets


def _fail_presence_inserts() -> object:
    def unreachable(execute, sql, params, many, context):
        if sql.startswith("INSERT") and "room_roomconnection" in sql:
            raise OperationalError("server closed the connection unexpectedly")
        return execute(sql, params, many, context)

    wrapper = connections["default"].execute_wrapper(unreachable)
    wrapper.__enter__()
    return wrapper


async def test_a_socket_that_fails_while_connecting_leaves_nothing_behind(
    websockets, alice, evening
):
    wrapper = await database_sync_to_async(_fail_presence_inserts)()
    try:
        cookie = await database_sync_to_async(session_cookie)(alice)
        socket = communicator("/ws/groups/evening/", cookie)
        with pytest.raises(OperationalError):  # after it joined its groups
            await socket.connect()
    finally:
        await database_sync_to_async(wrapper.__exit__)(None, None, None)
    hub = hub_for(get_channel_layer())
    assert hub.sockets == {}
    assert await layer_members(events.room_group(evening.id)) == set()


async def test_the_hub_joins_its_groups_again_before_the_layer_expires_them(
    open_socket, alice, bob, evening
):
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    hub = hub_for(get_channel_layer())
    room = events.room_group(evening.id)
    # The layer forgets the process's entry, as it does after group_expiry...
    await get_channel_layer().group_discard(room, hub.channel)
    assert await layer_members(room) == set()
    # ...and an hour has passed since the hub last joined.
    hub.refreshed_at -= hub_module.REJOIN_AFTER_SECONDS + 1
    hub.wake.set()
    deadline = time.monotonic() + 10
    while await layer_members(room) != {hub.channel}:
        assert time.monotonic() < deadline, "the hub did not join again"
        await asyncio.sleep(0.05)
    await alice_socket.send(send_frame("still live"))
    assert (await bob_socket.receive_type("message"))["message"]["body"] == "still live"


async def test_a_socket_gets_its_ack_before_its_own_message(open_socket, alice, bob, evening):
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    await asyncio.gather(
        bob_socket.send(send_frame("from bob")), alice_socket.send(send_frame("from alice"))
    )
    seen = []  # alice's frames, by what they say
    while len(seen) < 3:
        frame = await alice_socket.receive()
        if frame["type"] in {"ack", "message"}:
            seen.append((frame["type"], frame["message"]["body"]))
    assert sorted(seen) == [
        ("ack", "from alice"),
        ("message", "from alice"),
        ("message", "from bob"),
    ]
    assert seen.index(("ack", "from alice")) < seen.index(("message", "from alice"))
    assert await alice_socket.nothing()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="holds a row lock from another thread; SQLite's in-memory test database fails "
    "instead of waiting (the services half runs it)",
)
async def test_a_storm_while_a_socket_waits_tells_it_to_connect_again(
    transactional_db, open_socket, alice, bob, evening
):
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    locked, release = threading.Event(), threading.Event()

    def hold_the_room_lock():
        with transaction.atomic():
            IOPGroup.objects.select_for_update().get(pk=evening.pk)
            locked.set()
            release.wait(10)
        connection.close()  # this thread's own

    holder = threading.Thread(target=hold_the_room_lock)
    holder.start()
    assert locked.wait(10), "the lock was not taken"
    try:
        await alice_socket.send(send_frame("waits for the lock"))
        # Alice's socket is busy with her send now.
        await asyncio.to_thread(wait_for_a_lock_waiter, connection.settings_dict)
        storm = events.frame_event({"type": "typing", "user": {"id": bob.id}})
        layer = get_channel_layer()
        for _ in range(HELD_EVENTS_MAX + 1):
            await layer.group_send(
                events.participants_group(evening.id),
                {**storm, "group": events.participants_group(evening.id)},
            )
        # Bob's socket was not busy: it got them as they came.
        for _ in range(HELD_EVENTS_MAX + 1):
            await bob_socket.receive_type("typing", skip={"presence"})
    finally:
        release.set()
        holder.join()
    # Alice's post was stored and acknowledged; then, with too much held back, she is told to
    # connect again (her client syncs what she missed) instead of the server buffering it.
    ack = await alice_socket.receive_type("ack")
    assert ack["message"]["body"] == "waits for the lock"
    assert await alice_socket.close_code() == CLOSE_RECONNECT
    assert await stored_bodies(evening) == ["waits for the lock"]


class LayerThatSwallowsACancel(InMemoryChannelLayer):
    """What channels-redis does on Python 3.11 when a cancel lands as a Redis write completes
    (groupspace/cancellation.py): the first cancel is lost and the receive goes on waiting."""

    swallowed = 0

    async def receive(self, channel):
        while True:
            try:
                return await super().receive(channel)
            except asyncio.CancelledError:
                if self.swallowed:
                    raise
                self.swallowed += 1


class Listener:
    async def deliver(self, event: dict) -> None:
        pass


async def test_a_hub_stops_even_when_its_layer_swallows_the_cancel():
    layer = LayerThatSwallowsACancel()
    hub = Hub(layer)
    listener = Listener()
    await hub.join("room-1", listener)
    await asyncio.sleep(0.05)  # both of its tasks are waiting on the layer now
    await hub.leave("room-1", listener)
    await asyncio.wait_for(hub.stopped(), timeout=5)
    assert layer.swallowed == 1
    assert hub.tasks == [] and not hub.stopping


@pytest.mark.skipif(
    not settings.REDIS_URL, reason="needs REDIS_URL (the services half of `make test` runs it)"
)
async def test_a_hub_on_redis_stops_every_time_it_is_stopped():
    """Stopped at any moment of a receive, also while its connection is being replaced, a hub
    on the real Redis layer always ends (cancellation.py: a cancel can land on a write)."""
    layer = get_channel_layer()
    hub = hub_for(layer)
    listener = Listener()
    for attempt in range(100):
        await hub.join("stop-test", listener)
        await asyncio.sleep((attempt % 11) * 0.0005)  # at every point of the receive
        if attempt % 2:
            await layer.close_pools()  # the receive reconnects: a write at a random moment
        await hub.leave("stop-test", listener)
        try:
            await asyncio.wait_for(hub.stopped(), timeout=3)
        except TimeoutError:
            pytest.fail(f"stop {attempt} did not end the hub's tasks: {hub.stopping}")
