"""What a test leaves behind on its event loop: open websockets, channel-layer connections and
tasks. tests/conftest.py's fixtures use these at the end of every test.

pytest-asyncio closes a test's loop by cancelling every task still on it, once, and waiting for
all of them to finish; a task that outlives its cancellation then hangs the whole run (on
Python 3.11 a Redis write can swallow a cancel: groupspace/cancellation.py). So every test
closes what it opened, and a test that still leaves a task behind fails, naming the task,
instead of hanging a later one.
"""

import asyncio
import contextlib
import io

from channels.layers import DEFAULT_CHANNEL_LAYER, channel_layers
from channels.testing import WebsocketCommunicator

from groupspace.cancellation import cancel_until_done
from groupspace.room.hub import hub_for

# Every communicator opened by the current test; None outside the `websockets` fixture.
_opened: list[WebsocketCommunicator] | None = None

# How long finished work may take to unwind before a task counts as left behind.
SETTLE_SECONDS = 5
DISCONNECT_SECONDS = 5


def open_communicator(path: str, headers: list[tuple[bytes, bytes]]) -> WebsocketCommunicator:
    """A communicator to the real ASGI application, closed at the end of the test."""
    from groupspace.asgi import application

    if _opened is None:
        raise RuntimeError("a websocket test must use the `websockets` fixture (tests/conftest.py)")
    communicator = WebsocketCommunicator(application, path, headers=headers)
    _opened.append(communicator)
    return communicator


@contextlib.asynccontextmanager
async def websocket_session():
    """Yields the function that opens a communicator; on the way out, disconnects every one it
    opened and closes the channel layer on this loop (tests/conftest.py's `websockets`)."""
    global _opened
    _opened = []
    try:
        yield open_communicator
        await close_communicators()
    finally:
        _opened = None
    await close_channel_layer()


async def close_communicators() -> None:
    """Disconnect every communicator the test opened and wait until its consumer has finished
    (left its groups, recorded its closing); one that does not finish in time is cancelled."""
    while _opened:
        communicator = _opened.pop()
        if communicator.future.done():
            continue
        with contextlib.suppress(Exception):  # already closed by the server, or never accepted
            await communicator.disconnect(timeout=DISCONNECT_SECONDS)
        if not communicator.future.done():
            cancel_until_done(communicator.future)
            await finish([communicator.future], "a consumer cancelled at the end of the test")


async def close_channel_layer() -> None:
    """After the sockets: let the layer's hub finish stopping, empty the layer and close its
    connection pools on this loop (the one that opened them), then forget the layer."""
    layer = channel_layers.backends.get(DEFAULT_CHANNEL_LAYER)
    if layer is None:
        return
    await finish(hub_for(layer).stopping, "the channel layer's hub, stopping")
    await layer.flush()
    if hasattr(layer, "close_pools"):
        await layer.close_pools()
    channel_layers.backends.pop(DEFAULT_CHANNEL_LAYER, None)


async def tasks_left_behind(settle_seconds: float = SETTLE_SECONDS) -> list[asyncio.Task]:
    """The tasks on this loop, other than the caller, still running after `settle_seconds`
    (work that was already finishing, such as a layer's clean-up of a received message, gets
    that long to end)."""
    current = asyncio.current_task()
    others = [task for task in asyncio.all_tasks() if task is not current]
    if not others:
        return []
    _, pending = await asyncio.wait(others, timeout=settle_seconds)
    return sorted(pending, key=lambda task: task.get_name())


async def finish(tasks, what: str, timeout: float = SETTLE_SECONDS) -> None:
    """Wait for `tasks` to end; fail, naming each one left, rather than wait forever."""
    tasks = list(tasks)
    if not tasks:
        return
    _, pending = await asyncio.wait(tasks, timeout=timeout)
    if pending:
        raise AssertionError(f"{what} did not finish:\n{describe(list(pending))}")


def describe(tasks: list[asyncio.Task]) -> str:
    """Each task with where its coroutine waits: enough to find who started it."""
    parts = []
    for task in tasks:
        stack = io.StringIO()
        task.print_stack(limit=8, file=stack)
        parts.append(f"{task!r}\n{stack.getvalue()}")
    return "\n".join(parts)


async def cancel_and_wait(tasks: list[asyncio.Task], timeout: float = SETTLE_SECONDS) -> None:
    """Cancel `tasks` and give them `timeout` to end, so the loop's own close does not wait on
    them forever (whatever still runs then is abandoned with the loop)."""
    for task in tasks:
        cancel_until_done(task)
    await asyncio.wait(tasks, timeout=timeout)
