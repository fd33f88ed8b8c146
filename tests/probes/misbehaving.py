"""Tests that misbehave on purpose, run only by tests/test_suite_hygiene.py in a pytest of
their own (the file name keeps the suite from collecting them)."""

import asyncio
import threading
import time


async def test_leaves_a_task_running():
    async def forgotten_forever():
        await asyncio.Event().wait()

    asyncio.ensure_future(forgotten_forever())


def test_hangs():
    threading.Thread(target=time.sleep, args=(60,), name="probe-worker", daemon=True).start()
    time.sleep(60)
