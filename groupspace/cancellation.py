"""Cancelling a task so that it stays cancelled, on Python 3.11.

Python 3.11's `asyncio.wait_for` loses a cancellation that arrives as the awaited operation
completes (CPython gh-86296, fixed in 3.12 by rewriting it on `asyncio.timeout`). redis-py
wraps every command's write in `wait_for`, so a task cancelled during a Redis write can carry
on as if nothing happened; channels-redis's `receive` then goes on popping, five seconds at a
time, until a message comes. A task that loops around the layer (the room hub's) would never
end, and a server's or a test's event loop that waits for its tasks to end waits forever.

Both are handled here: loops ask `cancel_requested()` where a swallowed cancel may surface,
and whoever stops a task calls `cancel_until_done`, which cancels it again until it ends.
"""

import asyncio

RECANCEL_SECONDS = 0.2


def cancel_requested() -> bool:
    """True when the current task has been cancelled, even if the CancelledError was lost."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


def cancel_until_done(task: asyncio.Future, every: float = RECANCEL_SECONDS) -> None:
    """Cancel `task` now, and again every `every` seconds until it has ended. Only loop
    callbacks are scheduled (no task of its own), and they stop when the task is done."""
    if task.done():
        return
    task.cancel()
    task.get_loop().call_later(every, cancel_until_done, task, every)
