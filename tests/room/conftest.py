"""Helpers for talking to the real room consumer through the real ASGI application."""

import json

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.db import connections

from tests.cleanup import open_communicator
from tests.conftest import session_cookie


def pytest_collection_modifyitems(config, items):
    """Every websocket test (here, and check-ins' live tests) runs twice in `make test`: on
    SQLite and the in-memory layer, then on PostgreSQL and Redis."""
    for item in items:
        path = str(item.path)
        if "/tests/room/" in path or path.endswith("/tests/checkins/test_live.py"):
            item.add_marker(pytest.mark.services_suite)


class Socket:
    """A communicator that speaks JSON frames."""

    def __init__(self, communicator: WebsocketCommunicator):
        self.communicator = communicator

    async def send(self, frame) -> None:
        text = frame if isinstance(frame, str) else json.dumps(frame)
        await self.communicator.send_to(text_data=text)

    async def receive(self, timeout: float = 3) -> dict:
        return json.loads(await self.communicator.receive_from(timeout))

    async def receive_type(
        self, frame_type: str, timeout: float = 3, skip: frozenset = frozenset()
    ) -> dict:
        """The next frame of `frame_type`, skipping presence and typing noise (and `skip`)."""
        while True:
            frame = await self.receive(timeout)
            if frame["type"] == frame_type:
                return frame
            allowed = {"presence", "typing", *skip}
            assert frame["type"] in allowed, f"unexpected frame {frame}"

    async def nothing(self, timeout: float = 0.3) -> bool:
        return await self.communicator.receive_nothing(timeout)

    async def nothing_but_presence(self, timeout: float = 0.3) -> None:
        while not await self.communicator.receive_nothing(timeout):
            frame = await self.receive()
            assert frame["type"] == "presence", f"unexpected frame {frame}"

    async def close_code(self, timeout: float = 3) -> int:
        """Wait for the server to close the socket; the close code it used."""
        while True:
            output = await self.communicator.receive_output(timeout)
            if output["type"] == "websocket.close":
                return output.get("code", 1000)

    async def disconnect(self) -> None:
        await self.communicator.disconnect()


def communicator(path: str, cookie: str | None, origin: bytes | None = b"http://testserver"):
    headers = []
    if cookie:
        headers.append((b"cookie", f"sessionid={cookie}".encode()))
    if origin is not None:
        headers.append((b"origin", origin))
    return open_communicator(path, headers)


@pytest.fixture
async def open_socket(websockets):
    """Connect a persona to a room; returns a Socket after reading its `hello`."""
    sockets: list[Socket] = []

    async def connect(
        user, slug: str = "evening", *, expect_hello: bool = True, origin=b"http://testserver"
    ) -> Socket:
        cookie = await database_sync_to_async(session_cookie)(user) if user else None
        comm = communicator(f"/ws/groups/{slug}/", cookie, origin=origin)
        connected, _ = await comm.connect()
        socket = Socket(comm)
        sockets.append(socket)
        socket.connected = connected
        if not connected:
            return socket
        if expect_hello:
            socket.hello = await socket.receive()
            assert socket.hello["type"] == "hello"
        return socket

    yield connect
    # tests/conftest.py's `websockets` disconnects every socket opened here.


@pytest.fixture(autouse=True)
async def close_worker_thread_connections(transactional_db):
    """The consumer's database work runs in Channels' worker thread; close its connection after
    each test so PostgreSQL can drop the test database at the end."""
    yield
    await database_sync_to_async(connections.close_all)()
