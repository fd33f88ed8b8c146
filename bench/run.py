"""`make bench`: GroupSpace against a bare Channels baseline, in the same run, on the same
Daphne, Redis layer, load client and rate. `python -m bench.run --help` lists the knobs.

1. A fresh PostgreSQL database (gs_bench) with R rooms x M logged-in members.
2. A Redis of the run's own (unless --redis-url), N Daphne processes per target.
3. A separate client process connects every member and sends; see bench/client.py.
4. One table per mode and layer, with GroupSpace's figures as ratios to the baseline's.
Every process started here is stopped here, by pid; traffic stays on 127.0.0.1.
"""

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from importlib.metadata import version

import psycopg

from . import config, report
from .client_process import run_client
from .prepare import database_name, prepare
from .servers import LOGS, ROOT, Daphnes, own_redis

APPS = {
    "groupspace": "groupspace.asgi:application",
    "baseline": "bench.baseline.asgi:application",
}


def server_env(args: argparse.Namespace, redis_url: str, target: str, layer: str) -> dict[str, str]:
    """What a Daphne (or manage.py) of this run sees: production-like settings on loopback."""
    if target == "baseline":
        settings = "bench.baseline.settings"
    else:
        settings = "groupspace.settings" if layer == "redis" else "bench.app_settings"
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": settings,
        "DATABASE_URL": args.database_url,
        "REDIS_URL": redis_url,
        "CHANNEL_LAYER_PREFIX": f"gs-bench-{os.getpid()}-{target}-{layer}",
        "BENCH_LAYER": layer,
        "DEBUG": "0",
        "SECRET_KEY": "bench-only-" + "k" * 50,  # a throwaway key for loopback processes
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",  # plain ws:// on loopback
        "LOG_LEVEL": "WARNING",
    }


@contextmanager
def redis_for(args: argparse.Namespace) -> Iterator[tuple[str, int | None]]:
    if args.redis_url:
        yield args.redis_url, None
    else:
        with own_redis() as (url, pid):
            yield url, pid


def forget_presence(database_url: str) -> None:
    """Sockets of an earlier target's run are gone: clear their presence rows."""
    with psycopg.connect(database_url, autocommit=True) as connection:
        connection.execute("DELETE FROM room_roomconnection")


def measure(
    args: argparse.Namespace,
    modes: list[str],
    target: str,
    layer: str,
    rooms: dict[str, list[str]],
    redis_url: str,
    redis_pid: int | None,
) -> dict:
    """Start the target's servers, connect everyone once, run `modes` in turn, stop them."""
    env = server_env(args, redis_url, target, layer)
    if target == "groupspace":
        forget_presence(args.database_url)
    processes = 1 if modes == ["idle"] else args.processes  # idle: what one process holds
    sockets = sum(len(cookies) for cookies in rooms.values())
    # GroupSpace opens about 40 sockets a second on one process here: allow for it.
    connect_timeout = args.connect_timeout or 60 + sockets / 20
    with Daphnes(processes, APPS[target], env, f"{target}-{layer}-{'-'.join(modes)}") as servers:
        print(f"  Daphne pids {servers.pids} on ports {servers.ports}", flush=True)
        client_config = {
            "modes": modes,
            "target": target,
            "rooms": rooms,
            "ports": servers.ports,
            "watch": {
                "servers": servers.pids,
                "redis": redis_pid,
                "database": database_name(args.database_url) if target == "groupspace" else None,
            },
            "rate": args.rate,
            "seconds": args.seconds,
            "drain": args.drain,
            "start_rate": args.start_rate,
            "step_seconds": args.step_seconds,
            "budget": args.budget,
            "p99_limit_ms": args.p99_limit_ms,
            "hold": args.hold,
            "idle_ping": bool(args.idle_ping),
            "traffic_pings": bool(args.traffic_pings) and target == "groupspace",
            "in_flight": args.in_flight,
            "connect_timeout": connect_timeout,
        }
        work = {"fixed": args.seconds + args.drain, "max": args.budget + 60, "idle": args.hold + 40}
        seconds_of_work = sum(work[mode] for mode in modes)
        return run_client(
            "bench.client", client_config, timeout=connect_timeout + seconds_of_work + 120
        )


def machine() -> str:
    packages = ", ".join(
        f"{name} {version(name)}"
        for name in ("django", "channels", "channels-redis", "daphne", "redis", "websockets")
    )
    redis_server = subprocess.run(
        ["redis-server", "--version"], capture_output=True, text=True, check=False
    ).stdout.split()[2:3]
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} CPUs (shared by servers, Redis, PostgreSQL and the load client), "
        f"load average {load} at start; Python {platform.python_version()}, {packages}, "
        f"redis-server {''.join(redis_server).removeprefix('v=')}"
    )


def idle_sockets(args: argparse.Namespace) -> int:
    """As many as asked, within this machine's open-file limit (client and server each hold
    one descriptor per socket, plus their own)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))  # inherited by the children
        soft = hard
    allowed = soft - 500
    if args.idle_sockets > allowed:
        print(f"Open-file limit {soft}: holding {allowed} sockets, not {args.idle_sockets}.")
    return min(args.idle_sockets, allowed)


def sessions(modes: list[str]) -> list[list[str]]:
    """Fixed rate and the rate search share one set of servers and sockets; idle sockets need
    a population of their own."""
    load = [mode for mode in modes if mode != "idle"]
    return ([load] if load else []) + ([["idle"]] if "idle" in modes else [])


def main() -> None:
    args = config.parse()
    layers = ["redis", "pubsub"] if args.layer == "both" else [args.layer]
    targets = [t.strip() for t in args.targets.split(",") if t.strip()]
    started = time.monotonic()
    print(f"Machine: {machine()}", flush=True)
    results: dict[str, dict] = {}
    sections: list[str] = []
    with redis_for(args) as (redis_url, redis_pid):
        prepare_env = server_env(args, redis_url, "groupspace", "redis")
        prepared: tuple[int, int] | None = None
        for modes in sessions(args.modes):
            room_count = args.rooms
            if modes == ["idle"]:
                room_count = math.ceil(idle_sockets(args) / args.members)
            if prepared != (room_count, args.members):
                print(f"Preparing {room_count} rooms x {args.members} members...", flush=True)
                rooms = prepare(prepare_env, room_count, args.members, args.therapists)
                prepared = (room_count, args.members)
            for layer in layers:
                by_target = {}
                for target in targets:
                    print(f"Measuring {target} ({', '.join(modes)}; {layer} layer)...", flush=True)
                    by_target[target] = measure(
                        args, modes, target, layer, rooms, redis_url, redis_pid
                    )
                    results[f"{'+'.join(modes)}/{layer}/{target}"] = by_target[target]
                for mode in modes:
                    title = heading(args, mode, layer, room_count)
                    sections.append(report.section(mode, title, by_target))
    LOGS.mkdir(exist_ok=True)
    (LOGS / "last-run.json").write_text(
        json.dumps({"args": vars(args), "results": results}, indent=1)
    )
    print()
    print("\n".join(sections))
    print(
        f"({time.monotonic() - started:.0f} s in all; load average at the end "
        f"{', '.join(f'{x:.2f}' for x in os.getloadavg())}: above 2 other work shared the "
        f"cores; raw figures in {(LOGS / 'last-run.json').relative_to(ROOT)})"
    )


def heading(args: argparse.Namespace, mode: str, layer: str, room_count: int) -> str:
    layer_name = "RedisChannelLayer" if layer == "redis" else "RedisPubSubChannelLayer"
    shape = f"{room_count} rooms x {args.members} members"
    if mode == "fixed":
        what = f"{args.rate:g} messages/s for {args.seconds:g} s"
    elif mode == "max":
        what = (
            f"highest rate with p99 <= {args.p99_limit_ms:g} ms and nothing lost, "
            f"{args.step_seconds:g} s steps"
        )
    else:
        what = f"idle sockets on one process, held {args.hold:g} s"
    processes = 1 if mode == "idle" else args.processes
    return f"{mode}: {shape}, {what}, {processes} Daphne process(es), {layer_name}"


if __name__ == "__main__":
    main()
