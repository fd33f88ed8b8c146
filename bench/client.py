"""The load client, a process of its own: `python -m bench.client CONFIG.json`.

Connects every member (spread over the server processes), measures server memory per
connection, then runs the modes the config names in turn and prints one JSON result on stdout:
- `fixed`: one phase at a fixed rate;
- `max`: the highest rate with p99 within the limit and nothing lost (bounded search);
- `idle`: hold every socket open, optionally pinging like the browser client.
Progress goes to stderr. Everything runs against 127.0.0.1 only.
"""

import asyncio
import sys
import time

from .client_process import client_main
from .idle import Pings, hold, ping_like_browsers
from .load import Load
from .sockets import Fleet, Member, members_from
from .watch import Watched, cpu_used

SETTLE_SECONDS = 2
QUIET_CPU = 0.1  # seconds of server CPU per second


def progress(text: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


async def settle(watched: Watched, longest: float = 30) -> None:
    """Wait until the servers are done with the connect storm (presence broadcasts, joins):
    under QUIET_CPU of a core over a second, or `longest` seconds. Traffic measures the
    steady state, not the tail of connecting."""
    deadline = time.monotonic() + longest
    await asyncio.sleep(SETTLE_SECONDS)
    while time.monotonic() < deadline:
        meters = watched.start()
        await asyncio.sleep(1)
        if cpu_used(meters)["server"] < QUIET_CPU:
            return


async def connect_everyone(fleet: Fleet, watched: Watched, config: dict) -> dict:
    """Connect the first member alone (the server's one-off start-up allocations), then the
    rest; memory per connection is the growth over the rest, divided by their number."""
    first, rest = fleet.members[:1], fleet.members[1:]
    await fleet.connect(first, 1, config["connect_timeout"])
    await asyncio.sleep(SETTLE_SECONDS)
    rss_before = watched.server_rss_kib()
    seconds = await fleet.connect(rest, config["in_flight"], config["connect_timeout"])
    await settle(watched)
    rss_after = watched.server_rss_kib()
    connected = fleet.open_count()
    failures = len(fleet.members) - connected
    progress(f"{connected} of {len(fleet.members)} sockets open in {seconds:.1f} s")
    return {
        "connections": len(fleet.members),
        "connected": connected,
        "connect_failures": failures,
        "close_codes": {str(code): n for code, n in fleet.close_codes.items()},
        "connect_seconds": round(seconds, 1),
        "connects_per_second": round(len(rest) / seconds, 1) if seconds else 0.0,
        "server_rss_kib_before": rss_before,
        "server_rss_kib_connected": rss_after,
        "server_kib_per_connection": round((rss_after - rss_before) / max(1, len(rest)), 1),
    }


async def run(config: dict) -> dict:
    groupspace = config["target"] == "groupspace"
    watched = Watched(**config["watch"])
    members = members_from(config["rooms"], config["ports"], login=groupspace)
    load = Load(members, groupspace)
    pings = Pings()

    def on_frame(member: Member, frame: dict, now: float) -> None:
        load.on_frame(member, frame, now)
        pings.on_frame(member, frame, now)

    fleet = Fleet(members, on_frame, wait_for_hello=groupspace)
    result: dict = {"target": config["target"], "modes": config["modes"]}
    try:
        result |= await connect_everyone(fleet, watched, config)
        if config["modes"] != ["idle"] and result["connect_failures"]:
            raise SystemExit(f"{result['connect_failures']} sockets failed to connect: {result}")
        for mode in config["modes"]:
            pinging = None
            if mode != "idle" and config["traffic_pings"]:
                progress("with every socket pinging every 25 s, as browsers do")
                pinging = asyncio.ensure_future(ping_like_browsers(fleet))
            try:
                result[mode] = await run_mode(mode, config, fleet, load, pings, watched, groupspace)
            finally:
                if pinging is not None:
                    pinging.cancel()
        result["traffic_pings"] = config["traffic_pings"]
    finally:
        await fleet.close()
    return result


async def run_mode(
    mode: str, config: dict, fleet: Fleet, load: Load, pings: Pings, watched: Watched, gs: bool
) -> dict:
    if mode == "fixed":
        progress(f"sending {config['rate']:g} messages/s for {config['seconds']:g} s")
        return await load.run_phase(config["rate"], config["seconds"], config["drain"], watched)
    if mode == "max":
        await load.quiet(30)  # an earlier phase's backlog must not count against the search
        progress(f"searching the highest sustained rate (at most {config['budget']:g} s)")
        return await load.search_max(
            watched,
            config["start_rate"],
            config["step_seconds"],
            config["drain"],
            config["budget"],
            config["p99_limit_ms"],
        )
    ping = gs and config["idle_ping"]
    progress(f"holding {fleet.open_count()} sockets for {config['hold']:g} s")
    if ping:
        progress("then one app ping per socket within 25 s, like browsers")
    return await hold(fleet, watched, config["hold"], ping, pings)


if __name__ == "__main__":
    client_main(run)
