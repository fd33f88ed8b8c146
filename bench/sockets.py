"""Room members as websocket clients: connect many with a bound on handshakes in flight, and
hand every received frame to one callback. Loopback only."""

import asyncio
import json
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidMessage

OPEN_TIMEOUT = 30
HANDSHAKE_TRIES = 5


@dataclass(eq=False)
class Member:
    """One member's socket in one room."""

    slug: str
    port: int
    cookie: str | None  # None for the baseline, which has no login
    room_size: int
    socket: ClientConnection | None = None
    ready: asyncio.Event = field(default_factory=asyncio.Event)
    seen: set[str] = field(default_factory=set)  # client_ids of `message` frames received
    highest_id: int = 0  # the highest message id received
    hello: dict | None = None
    close_code: int | None = None
    failure: str | None = None

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/ws/groups/{self.slug}/"

    @property
    def headers(self) -> dict[str, str]:
        return {"Cookie": f"sessionid={self.cookie}"} if self.cookie else {}

    async def write(self, frame: dict) -> bool:
        if self.socket is None:
            return False
        try:
            await self.socket.send(json.dumps(frame))
        except ConnectionClosed:
            return False
        return True


def members_from(rooms: dict[str, list[str]], ports: list[int], login: bool) -> list[Member]:
    """Every member of every room; member i goes to ports[i % N], so each room spans the
    processes as it would behind a load balancer."""
    members = []
    for slug, cookies in rooms.items():
        for cookie in cookies:
            port = ports[len(members) % len(ports)]
            members.append(Member(slug, port, cookie if login else None, len(cookies)))
    return members


Handler = Callable[[Member, dict, float], None]


class Fleet:
    """Runs each member's socket in a task: connect, then hand frames to `handler`."""

    def __init__(self, members: list[Member], handler: Handler, wait_for_hello: bool):
        self.members = members
        self.handler = handler
        self.wait_for_hello = wait_for_hello
        self.tasks: list[asyncio.Task] = []
        self.close_codes: Counter[int | str] = Counter()

    async def connect(self, members: list[Member], in_flight: int, timeout: float) -> float:
        """Open `members`' sockets, at most `in_flight` handshakes at once; returns the
        seconds until every one is ready (hello received) or has failed."""
        gate = asyncio.Semaphore(in_flight)
        started = time.monotonic()
        self.tasks += [asyncio.create_task(self._run(member, gate)) for member in members]
        waits = [asyncio.create_task(self._settled(member)) for member in members]
        done, pending = await asyncio.wait(waits, timeout=timeout)
        for wait in pending:
            wait.cancel()
        return time.monotonic() - started

    @staticmethod
    async def _settled(member: Member) -> None:
        while not member.ready.is_set() and member.failure is None:
            await asyncio.sleep(0.05)

    async def _run(self, member: Member, gate: asyncio.Semaphore) -> None:
        try:
            async with gate:  # held until the hello, so handshakes in flight stay bounded
                member.socket = await self._open(member)
                receiving = asyncio.ensure_future(self._receive(member))
                if self.wait_for_hello:
                    ready = asyncio.ensure_future(member.ready.wait())
                    await asyncio.wait(
                        [receiving, ready], timeout=OPEN_TIMEOUT, return_when="FIRST_COMPLETED"
                    )
                    ready.cancel()
                else:
                    member.ready.set()
        except (OSError, EOFError, TimeoutError, InvalidHandshake, ConnectionClosed) as error:
            member.failure = type(error).__name__
            self.close_codes[member.failure] += 1
            return
        if not member.ready.is_set() and member.failure is None:
            member.failure = "no hello"
        await receiving

    @staticmethod
    async def _open(member: Member) -> ClientConnection:
        """The handshake, tried again a few times if it is refused or cut (a full listen
        backlog on a busy machine), as a browser would."""
        for attempt in range(HANDSHAKE_TRIES):
            try:
                return await connect(
                    member.url,
                    additional_headers=member.headers,
                    origin=f"http://127.0.0.1:{member.port}",
                    open_timeout=OPEN_TIMEOUT,
                    ping_interval=None,  # like a browser: only the server pings
                    compression=None,  # Daphne does not negotiate permessage-deflate
                    max_queue=None,  # read everything: the client is never the bottleneck
                )
            except (OSError, EOFError, InvalidMessage):
                if attempt == HANDSHAKE_TRIES - 1:
                    raise
                await asyncio.sleep(0.5 * (attempt + 1))
        raise AssertionError("unreachable")

    async def _receive(self, member: Member) -> None:
        try:
            async for text in member.socket:
                frame = json.loads(text)
                if frame.get("type") == "hello":
                    member.hello = frame
                    member.ready.set()
                self.handler(member, frame, time.time())
        except ConnectionClosed as closed:
            member.close_code = closed.rcvd.code if closed.rcvd else 1006
            self.close_codes[member.close_code] += 1
        finally:
            if not member.ready.is_set() and member.failure is None:
                member.failure = f"closed {member.close_code}"

    def open_count(self) -> int:
        return sum(1 for m in self.members if m.ready.is_set() and m.close_code is None)

    async def close(self) -> None:
        for task in self.tasks:
            task.cancel()
        await asyncio.gather(*self.tasks, return_exceptions=True)
