"""One channel-layer channel per server process, shared by every room socket it holds.

With a channel per socket, each socket waited on the layer by itself: a pending receive (and
its tasks) per idle socket, every socket in the layer's group sets, and for each delivery the
layer's receive lock handed from waiter to waiter. The hub joins each channel-layer group once
per process, receives every event on one channel and hands it to the process's sockets in that
group, in the order the layer delivered it.

It also keeps the process's groups joined: a restarted Redis forgets them, and entries expire
after the layer's `group_expiry`; the hub joins them again after a failure and every hour.
"""

import asyncio
import logging
import time
import weakref
from typing import Protocol

from groupspace.cancellation import cancel_requested, cancel_until_done

log = logging.getLogger(__name__)

RETRY_FIRST_SECONDS = 0.5
RETRY_MAX_SECONDS = 5
REJOIN_AFTER_SECONDS = 3600
LOCK_STRIPES = 64


class Socket(Protocol):
    async def deliver(self, event: dict) -> None: ...


class Hub:
    """The sockets of one process (one event loop, one channel layer), by group."""

    def __init__(self, layer) -> None:
        self.layer = layer
        self.channel: str | None = None
        self.sockets: dict[str, set[Socket]] = {}
        # Groups with sockets here that the layer may not have (a failed join, a restarted
        # Redis, an hourly refresh due); the keeper joins them.
        self.unjoined: set[str] = set()
        self.refreshed_at = time.monotonic()
        # A group's join and leave never interleave (a leave's discard landing after a new
        # socket's add would cut that socket off); striped so groups rarely wait on each other.
        self.locks = [asyncio.Lock() for _ in range(LOCK_STRIPES)]
        self.wake = asyncio.Event()
        self.tasks: list[asyncio.Task] = []
        # Tasks cancelled by _stop that may still be unwinding (a blocking pop being cancelled
        # closes its Redis connection); `stopped()` waits for them.
        self.stopping: set[asyncio.Task] = set()

    async def join(self, group: str, socket: Socket) -> bool:
        """Add `socket` to `group`; False if the layer is down right now (the socket still
        works: posts are stored, clients `sync`, and the keeper joins when the layer is back)."""
        if self.channel is None:
            self.channel = await self.layer.new_channel()
        self._start()
        async with self._lock(group):
            members = self.sockets.setdefault(group, set())
            members.add(socket)
            if len(members) > 1 and group not in self.unjoined:
                return True
            try:
                await self.layer.group_add(group, self.channel)
            except Exception:  # noqa: BLE001 (whatever the layer raised, the socket lives on)
                log.warning("channel layer unavailable: %s joins when it is back", group)
                self._needs_join({group})
                return False
            self.unjoined.discard(group)
            return True

    async def leave(self, group: str, socket: Socket) -> None:
        members = self.sockets.get(group)
        if members is not None:
            members.discard(socket)  # at once, even if this task is cancelled below
        async with self._lock(group):
            members = self.sockets.get(group)
            if members is None or members:
                return
            del self.sockets[group]
            self.unjoined.discard(group)
            try:
                await self.layer.group_discard(group, self.channel)
            except Exception:  # noqa: BLE001 (the entry expires with group_expiry)
                log.warning("channel layer unavailable while leaving %s", group)
        if not self.sockets:
            self._stop()

    async def deliver(self, event: dict) -> None:
        """Hand `event` to this process's sockets in its group, one after another."""
        for socket in tuple(self.sockets.get(event.get("group"), ())):
            try:
                await socket.deliver(event)
            except Exception:  # noqa: BLE001 (one broken socket must not starve its room)
                log.warning("could not deliver %s to a socket", event.get("type"), exc_info=True)

    # --- keeping up with the layer ---------------------------------------------------------

    def _lock(self, group: str) -> asyncio.Lock:
        return self.locks[hash(group) % LOCK_STRIPES]

    def _needs_join(self, groups) -> None:
        self.unjoined.update(groups)
        self.wake.set()

    def _start(self) -> None:
        if not self.tasks:
            self.tasks = [
                asyncio.ensure_future(self._receive_forever()),
                asyncio.ensure_future(self._keep_joined()),
            ]

    def _stop(self) -> None:
        for task in self.tasks:
            cancel_until_done(task)  # a Redis write can swallow one cancel (cancellation.py)
            self.stopping.add(task)
            task.add_done_callback(self.stopping.discard)
        self.tasks = []

    async def stopped(self) -> None:
        """Wait until the tasks of a hub with no sockets left have finished unwinding (a
        server shutting down, or a test, before it closes the layer's connections)."""
        if self.stopping:
            await asyncio.wait(tuple(self.stopping))

    async def _receive_forever(self) -> None:
        delay = RETRY_FIRST_SECONDS
        while True:
            try:
                event = await self.layer.receive(self.channel)
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001
                if cancel_requested():
                    raise asyncio.CancelledError from None
                log.warning("channel layer receive failed; retrying in %.1f s", delay)
                # A restarted Redis has forgotten every group: join them all again.
                self._needs_join(self.sockets)
                await asyncio.sleep(delay)
                delay = min(delay * 2, RETRY_MAX_SECONDS)
                continue
            delay = RETRY_FIRST_SECONDS
            if cancel_requested():  # stopped while the layer swallowed the cancel
                raise asyncio.CancelledError
            await self.deliver(event)

    async def _keep_joined(self) -> None:
        delay = RETRY_FIRST_SECONDS
        while True:
            try:
                async with asyncio.timeout(RETRY_MAX_SECONDS):
                    await self.wake.wait()
            except TimeoutError:
                pass
            if cancel_requested():  # the timeout may have taken the cancel for its own
                raise asyncio.CancelledError
            self.wake.clear()
            if time.monotonic() - self.refreshed_at > REJOIN_AFTER_SECONDS:
                # Outlive group_expiry: a long-lived process refreshes its entries hourly.
                self.refreshed_at = time.monotonic()
                self.unjoined.update(self.sockets)
            if not self.unjoined:
                continue
            if await self._join_unjoined():
                delay = RETRY_FIRST_SECONDS
            else:
                await asyncio.sleep(delay)
                delay = min(delay * 2, RETRY_MAX_SECONDS)

    async def _join_unjoined(self) -> bool:
        for group in tuple(self.unjoined):
            async with self._lock(group):
                if group not in self.sockets:
                    self.unjoined.discard(group)
                    continue
                try:
                    await self.layer.group_add(group, self.channel)
                except Exception:  # noqa: BLE001
                    log.warning("channel layer still unavailable; joining again shortly")
                    return False
                self.unjoined.discard(group)
        log.info("channel layer groups joined again")
        return True


_hubs: "weakref.WeakKeyDictionary[object, Hub]" = weakref.WeakKeyDictionary()


def hub_for(layer) -> Hub:
    """This process's hub for `layer` (tests make a new layer, and so a new hub, each)."""
    hub = _hubs.get(layer)
    if hub is None:
        hub = _hubs[layer] = Hub(layer)
    return hub
