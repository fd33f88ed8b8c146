"""The run's parameters: each a flag, with a BENCH_* environment variable as its default, so
`make bench` stays one command and `BENCH_RATE=100 make bench` or
`python -m bench.run --rate 100` changes one thing."""

import argparse
import os
from dataclasses import dataclass

MODES = ["fixed", "max", "idle"]


@dataclass(frozen=True)
class Option:
    flag: str
    default: str
    kind: type
    help: str


OPTIONS = [
    Option(
        "mode",
        "fixed,max",
        str,
        "comma-separated: fixed (one rate), max (highest sustained rate), idle; or all",
    ),
    Option("layer", "redis", str, "channel layer: redis (GroupSpace's), pubsub, or both"),
    Option("targets", "groupspace,baseline", str, "what to measure, comma-separated"),
    Option("rooms", "100", int, "rooms"),
    Option("members", "12", int, "members per room (each one socket)"),
    Option("therapists", "1", int, "of which therapists (the rest are participants)"),
    Option("processes", "1", int, "Daphne processes per target; members are spread over them"),
    Option("rate", "50", float, "fixed mode: messages per second, all rooms together"),
    Option("seconds", "20", float, "fixed mode: seconds of sending"),
    Option("drain", "60", float, "at most this long after sending for late deliveries"),
    Option("start_rate", "50", float, "max mode: first rate tried"),
    Option("step_seconds", "10", float, "max mode: seconds of sending per step"),
    Option("budget", "120", float, "max mode: seconds of searching per target and layer"),
    Option("p99_limit_ms", "250", float, "max mode: the p99 a sustained rate must keep"),
    Option("idle_sockets", "10000", int, "idle mode: sockets to hold on one process"),
    Option("hold", "40", float, "idle mode: seconds to hold them"),
    Option("idle_ping", "1", int, "idle mode: 1 = then one app ping per socket within 25 s"),
    Option(
        "traffic_pings",
        "1",
        int,
        "fixed and max modes: 1 = GroupSpace's sockets also ping every 25 s, as browsers do",
    ),
    Option("in_flight", "20", int, "handshakes in flight at once while connecting"),
    Option("connect_timeout", "0", float, "seconds allowed to connect everyone (0: 60 + 1 per 20)"),
    Option(
        "database_url",
        "postgres://postgres@127.0.0.1:5432/gs_bench",
        str,
        "bench database (dropped and recreated; its name must contain 'bench')",
    ),
    Option("redis_url", "", str, "a Redis to use; empty: start a redis-server of the run's own"),
]


def parse(argv: list[str] | None = None, prog: str = "bench.run") -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=prog, description=__doc__)
    for option in OPTIONS:
        variable = "BENCH_" + option.flag.upper()
        parser.add_argument(
            "--" + option.flag.replace("_", "-"),
            type=option.kind,
            default=option.kind(os.environ.get(variable, option.default)),
            help=f"{option.help} (env {variable}, default {option.default or 'none'})",
        )
    args = parser.parse_args(argv)
    args.modes = MODES if args.mode == "all" else [m.strip() for m in args.mode.split(",")]
    if not args.modes or not set(args.modes) <= set(MODES):
        parser.error("--mode: a comma-separated list of fixed, max and idle, or all")
    args.modes = [m for m in MODES if m in args.modes]  # always in this order
    if args.layer not in {"redis", "pubsub", "both"}:
        parser.error("--layer must be redis, pubsub or both")
    return args
