"""Idle sockets: hold every connection open for a while, optionally pinging at the browser
client's cadence (one app-level `ping` per socket every 25 s), and count what survived.

The hold outlasts redis-py's socket timeout and the layer's blocking pop (STACK-NOTES trap 1),
so a socket the server drops while idle shows up here.
"""

import asyncio
import random
import time

from .sockets import Fleet, Member
from .stats import latency_summary
from .watch import Watched, cpu_used

PING_EVERY = 25  # seconds, as static/js/room/connection.js


class Pings:
    """One app-level ping per socket, spread over PING_EVERY s: the load browsers put on a
    server with this many sockets open."""

    def __init__(self) -> None:
        self.sent_at: dict[int, float] = {}
        self.latencies: list[float] = []

    def on_frame(self, member: Member, frame: dict, now: float) -> None:
        if frame.get("type") == "pong":
            started = self.sent_at.pop(id(member), None)
            if started is not None:
                self.latencies.append(now - started)

    async def one_round(self, members: list[Member], answer_wait: float) -> int:
        async def ping(member: Member) -> None:
            await asyncio.sleep(random.uniform(0, PING_EVERY))  # noqa: S311 (load spread)
            self.sent_at[id(member)] = time.time()
            await member.write({"type": "ping"})

        await asyncio.gather(*(ping(member) for member in members))
        deadline = time.monotonic() + answer_wait
        while self.sent_at and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
        return len(members)


async def ping_like_browsers(fleet: Fleet) -> None:
    """Until cancelled, every open socket pings every PING_EVERY s, each from its own moment:
    the work browsers add to traffic (each ping re-reads the login, the membership and the
    newest message id, and stores a socket's sends as activity on its login)."""

    async def keep_pinging(member: Member) -> None:
        await asyncio.sleep(random.uniform(0, PING_EVERY))  # noqa: S311 (load spread)
        while True:
            if member.ready.is_set() and member.close_code is None:
                await member.write({"type": "ping"})
            await asyncio.sleep(PING_EVERY)

    await asyncio.gather(*(keep_pinging(member) for member in fleet.members))


def open_members(fleet: Fleet) -> list[Member]:
    return [m for m in fleet.members if m.ready.is_set() and m.close_code is None]


async def hold(fleet: Fleet, watched: Watched, seconds: float, ping: bool, pings: Pings) -> dict:
    """Hold the open sockets for `seconds` without a frame; count survivors. Then, if asked,
    one round of app pings at the browser's cadence, with its CPU and pong latency."""
    members = open_members(fleet)
    meters = watched.start()
    await asyncio.sleep(seconds)
    cpu = cpu_used(meters)
    still_open = open_members(fleet)
    result = {
        "held_seconds": seconds,
        "open_at_start": len(members),
        "open_at_end": len(still_open),
        "closed_while_idle": len(members) - len(still_open),
        "close_codes": {str(code): n for code, n in fleet.close_codes.items()},
        "server_rss_kib_end": watched.server_rss_kib(),
        "cpu_percent": {name: round(100 * value / seconds, 1) for name, value in cpu.items()},
    }
    if ping:
        meters = watched.start()
        started = time.monotonic()
        sent = await pings.one_round(still_open, answer_wait=10)
        elapsed = time.monotonic() - started
        cpu = cpu_used(meters)
        result |= {
            "pings_sent": sent,
            "pongs": len(pings.latencies),
            "ping_round_seconds": round(elapsed, 1),
            "ping_cpu_percent": {
                name: round(100 * value / PING_EVERY, 1) for name, value in cpu.items()
            },
            **latency_summary(pings.latencies, "pong_"),
        }
    return result
