"""Pings keep a socket's presence row fresh, well inside the presence timeout, without a
database write on every ping."""

from datetime import timedelta

from channels.db import database_sync_to_async
from django.utils import timezone

from groupspace.room import consumer
from groupspace.room.models import RoomConnection


@database_sync_to_async
def age_presence(user, seconds: int) -> None:
    RoomConnection.objects.filter(user=user).update(
        last_seen=timezone.now() - timedelta(seconds=seconds)
    )


@database_sync_to_async
def presence_age(user) -> float:
    last_seen = RoomConnection.objects.get(user=user).last_seen
    return (timezone.now() - last_seen).total_seconds()


async def test_a_ping_refreshes_presence_once_it_is_due(open_socket, alice, monkeypatch):
    monkeypatch.setattr(consumer, "PRESENCE_TOUCH_AFTER_SECONDS", 0)
    socket = await open_socket(alice)
    await age_presence(alice, 60)
    await socket.send({"type": "ping"})
    await socket.receive_type("pong")
    assert await presence_age(alice) < 5


async def test_a_ping_soon_after_a_refresh_writes_nothing(open_socket, alice):
    socket = await open_socket(alice)  # presence stored just now, at connect
    await age_presence(alice, 40)  # still fresh: the timeout is 75 s
    await socket.send({"type": "ping"})
    await socket.receive_type("pong")
    assert await presence_age(alice) >= 40
