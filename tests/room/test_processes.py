"""Real Daphne processes against one PostgreSQL and one Redis, with real websocket clients:
a restart in the middle of traffic loses nothing acknowledged, and two processes share a room.

Runs in the services half of `make test` (it needs a database and a layer that another process
can share). The Daphne processes are the test's own, on ports of its own.
"""

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.db import connection
from django.test import Client
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from groupspace.groups.actions import remove_member
from groupspace.groups.models import Membership
from groupspace.room.models import Message
from tests.conftest import session_cookie
from tests.ports import free_port, wait_until_listening

pytestmark = pytest.mark.skipif(
    not settings.REDIS_URL or connection.vendor != "postgresql",
    reason="needs REDIS_URL and PostgreSQL (the services half of `make test` runs it)",
)

ROOT = Path(__file__).resolve().parents[2]


class Daphne:
    """One server process of the test's own, on the test database and the same Redis prefix."""

    def __init__(self, port: int):
        self.port = port
        self.process = None

    def start(self) -> None:
        db = connection.settings_dict
        env = {
            **os.environ,
            "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
            "REDIS_URL": settings.REDIS_URL,
            "DEBUG": "1",
        }
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "daphne",
                "-b",
                "127.0.0.1",
                "-p",
                str(self.port),
                "groupspace.asgi:application",
            ],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_until_listening(self.port):
            self.kill()
            raise RuntimeError("daphne did not start")

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)


@pytest.fixture
def daphnes():
    started: list[Daphne] = []

    def start(port: int | None = None) -> Daphne:
        server = Daphne(port or free_port())
        server.start()
        started.append(server)
        return server

    yield start
    for server in started:
        server.kill()


class RoomClient:
    """What the browser client does: reconnect with back-off, resend unacknowledged sends with
    their client_id, sync from the last id seen, and keep every message id it receives."""

    def __init__(self, port: int, cookie: str, slug: str = "evening"):
        self.url = f"ws://127.0.0.1:{port}/ws/groups/{slug}/"
        self.headers = {"Cookie": f"sessionid={cookie}"}
        self.origin = f"http://127.0.0.1:{port}"
        self.outbox: dict[str, dict] = {}
        self.acked: dict[str, int] = {}
        self.seen: list[int] = []
        self.frames: list[dict] = []
        self.close_codes: list[int] = []
        self.socket = None
        self.connected = asyncio.Event()
        self.task = None

    @property
    def last_id(self) -> int:
        return max(self.seen, default=0)

    def start(self) -> None:
        self.task = asyncio.create_task(self.run())

    async def stop(self) -> None:
        self.task.cancel()
        try:
            await self.task
        except asyncio.CancelledError:
            pass

    async def run(self) -> None:
        delay = 0.1
        while True:
            try:
                async with connect(
                    self.url, additional_headers=self.headers, origin=self.origin
                ) as socket:
                    self.socket = socket
                    async for text in socket:
                        delay = 0.1
                        await self.receive(json.loads(text))
            except ConnectionClosed as closed:
                if closed.rcvd is not None:
                    self.close_codes.append(closed.rcvd.code)
            except (OSError, TimeoutError):
                pass
            self.connected.clear()
            self.socket = None
            await asyncio.sleep(delay)
            delay = min(delay * 2, 2)

    async def receive(self, frame: dict) -> None:
        self.frames.append(frame)
        kind = frame["type"]
        if kind == "hello":
            if self.last_id:
                await self.write({"type": "sync", "after": self.last_id})
            for pending in list(self.outbox.values()):
                await self.write(pending)
            self.connected.set()
        elif kind == "ack":
            self.outbox.pop(frame["client_id"], None)
            self.acked[frame["client_id"]] = frame["message"]["id"]
        elif kind == "message":
            self.keep(frame["message"]["id"])
        elif kind == "error" and frame.get("client_id") in self.outbox:
            # Nothing was stored (rate limit, database away): try again shortly, as the
            # browser client does.
            assert frame["code"] in {"rate_limited", "unavailable"}, frame
            asyncio.get_running_loop().call_later(
                1, lambda: asyncio.ensure_future(self.write(self.outbox.get(frame["client_id"])))
            )
        elif kind == "sync":
            for message in frame["messages"]:
                self.keep(message["id"])
            if frame["has_more"]:
                await self.write({"type": "sync", "after": self.last_id})

    def keep(self, message_id: int) -> None:
        if message_id not in self.seen:  # de-duplicate by id, as clients must
            self.seen.append(message_id)

    async def write(self, frame: dict | None) -> None:
        if frame is not None and self.socket is not None:
            try:
                await self.socket.send(json.dumps(frame))
            except ConnectionClosed:
                pass

    async def send(self, body: str) -> None:
        frame = {"type": "send", "client_id": str(uuid.uuid4()), "body": body, "reply_to": None}
        self.outbox[frame["client_id"]] = frame
        await self.write(frame)

    async def wait_for(self, condition, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            assert time.monotonic() < deadline, "timed out waiting"
            await asyncio.sleep(0.05)

    async def frame_of_type(self, kind: str, timeout: float = 10) -> dict:
        await self.wait_for(lambda: any(f["type"] == kind for f in self.frames), timeout)
        return next(f for f in self.frames if f["type"] == kind)


def health_status(port: int) -> int:
    request = urllib.request.Request(f"http://127.0.0.1:{port}/healthz")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (loopback)
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def logged_in_client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@database_sync_to_async
def stored_ids(group) -> list[int]:
    return list(Message.objects.filter(group=group).order_by("id").values_list("id", flat=True))


async def test_daphne_killed_and_restarted_mid_traffic_loses_nothing_acknowledged(
    transactional_db, daphnes, alice, bob, evening
):
    server = daphnes()
    writer = RoomClient(server.port, await database_sync_to_async(session_cookie)(alice))
    reader = RoomClient(server.port, await database_sync_to_async(session_cookie)(bob))
    writer.start()
    reader.start()
    try:
        await asyncio.wait_for(writer.connected.wait(), 10)
        await asyncio.wait_for(reader.connected.wait(), 10)
        # 16 messages, within the posting limits once retried (10 per 10 s per member).
        for n in range(16):
            if n == 8:
                server.kill()  # mid-traffic, without a goodbye
                server.start()
            await writer.send(f"message {n}")
            await asyncio.sleep(0.05)
        await writer.wait_for(lambda: len(writer.acked) == 16 and not writer.outbox, 60)
        ids = await stored_ids(evening)
        await reader.wait_for(lambda: sorted(reader.seen) == ids, 60)
    finally:
        await writer.stop()
        await reader.stop()
    assert len(ids) == 16  # each client_id stored once, resends included
    assert sorted(writer.acked.values()) == ids
    assert len(reader.seen) == len(set(reader.seen)) == 16  # exactly once


async def test_two_processes_share_one_room(transactional_db, daphnes, alice, bob, dana, evening):
    first, second = daphnes(), daphnes()
    alice_client = RoomClient(first.port, await database_sync_to_async(session_cookie)(alice))
    dana_http = await database_sync_to_async(logged_in_client)(dana)
    dana_client = RoomClient(first.port, dana_http.cookies["sessionid"].value)
    bob_client = RoomClient(second.port, await database_sync_to_async(session_cookie)(bob))
    clients = (alice_client, dana_client, bob_client)
    for client in clients:
        client.start()
        await asyncio.wait_for(client.connected.wait(), 10)
    try:
        hello = await bob_client.frame_of_type("hello")
        assert {u["display_name"] for u in hello["online"]} >= {"Alice M.", "Dana R.", "Bob T."}

        await alice_client.write({"type": "typing"})
        assert (await bob_client.frame_of_type("typing"))["user"]["id"] == alice.id

        await alice_client.send("across processes")
        await bob_client.wait_for(lambda: len(bob_client.seen) == 1)  # live, no sync asked
        message_id = bob_client.seen[0]

        await bob_client.write(
            {"type": "react", "message_id": message_id, "emoji": "hug", "on": True}
        )
        updated = await alice_client.frame_of_type("message.updated")
        assert updated["message"]["reactions"] == {"hug": 1}

        await dana_client.write({"type": "lock", "locked": True})
        assert (await bob_client.frame_of_type("room"))["locked"] is True

        await dana_client.write({"type": "mute", "user_id": bob.id, "minutes": 5})
        assert (await bob_client.frame_of_type("muted"))["until"]

        bob_client.frames.clear()
        await dana_client.write({"type": "remove", "message_id": message_id, "reason": ""})
        removed = await bob_client.frame_of_type("message.updated")
        assert (removed["message"]["state"], removed["message"]["body"]) == ("removed", "")

        # A process holding sockets still answers its load balancer at once: the health
        # check's channel shares the process's one blocking receive with the room's.
        for server in (first, second):
            for _ in range(3):
                assert await asyncio.to_thread(health_status, server.port) == 200

        # Removing bob from the group (here, in the test's process) closes his socket on the
        # second process with 4403, through Redis.
        membership = await database_sync_to_async(
            Membership.objects.select_related("group", "user").get
        )(user=bob, group=evening)
        await database_sync_to_async(remove_member)(dana, membership)
        await bob_client.wait_for(lambda: 4403 in bob_client.close_codes, 10)

        # Logging dana out (an HTTP request in the test's process) closes her socket on the
        # first process with 4401, through Redis.
        await database_sync_to_async(dana_http.post)("/accounts/logout/")
        await dana_client.wait_for(lambda: 4401 in dana_client.close_codes, 10)
    finally:
        for client in clients:
            await client.stop()
