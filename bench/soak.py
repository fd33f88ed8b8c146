"""`make soak` (not in CI): GroupSpace under steady traffic and constant reconnect churn for
10 minutes by default, on N Daphne processes, its own Redis and the bench database. Reports
memory growth (servers, Redis, presence rows) and any loss: every member must end with every
acknowledged message of its room, and the database must hold each message once.

Knobs (flag or SOAK_* variable): --seconds 600, --rooms 50, --members 12, --processes 2,
--rate 20 (messages/s), --churn 2 (drops/s), --sample-every 10. `--help` lists them all.
"""

import argparse
import json
import os
import time

from .client_process import run_client
from .prepare import prepare
from .run import server_env
from .servers import LOGS, Daphnes, own_redis

# A process whose RSS still grows faster than this over the second half is not flat (about
# 100 MiB a day: a socket server restarted weekly must not creep that fast).
FLAT_KIB_PER_MINUTE = 70


def parse() -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="bench.soak", description=__doc__)
    knobs = [
        ("seconds", 600.0, "seconds of traffic and churn"),
        ("rooms", 50, "rooms"),
        ("members", 12, "members per room"),
        ("therapists", 1, "of which therapists"),
        ("processes", 2, "Daphne processes (members spread over them)"),
        ("rate", 20.0, "messages per second, all rooms together"),
        ("churn", 2.0, "connections dropped per second (each reconnects by itself)"),
        ("sample_every", 10.0, "seconds between memory samples"),
        ("warmup", 60.0, "seconds before the memory baseline is taken"),
        ("settle", 90.0, "seconds allowed at the end for everyone to catch up"),
        ("ramp", 100.0, "connections opened per second at the start"),
    ]
    for name, default, help_text in knobs:
        variable = "SOAK_" + name.upper()
        kind = type(default)
        parser.add_argument(
            "--" + name.replace("_", "-"),
            type=kind,
            default=kind(os.environ.get(variable, default)),
            help=f"{help_text} (env {variable}, default {default})",
        )
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "SOAK_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/gs_bench_soak"
        ),
        help="the soak's database (dropped and recreated; its name must contain 'bench')",
    )
    return parser.parse_args()


def main() -> None:
    args = parse()
    started = time.monotonic()
    with own_redis() as (redis_url, _redis_pid):
        args.redis_url = redis_url
        env = server_env(args, redis_url, "groupspace", "redis")
        print(f"Preparing {args.rooms} rooms x {args.members} members...", flush=True)
        rooms = prepare(env, args.rooms, args.members, args.therapists)
        with Daphnes(args.processes, "groupspace.asgi:application", env, "soak") as servers:
            print(f"  Daphne pids {servers.pids} on ports {servers.ports}", flush=True)
            config = {
                "rooms": rooms,
                "ports": servers.ports,
                "servers": servers.pids,
                "redis_url": redis_url,
                "database_url": args.database_url,
                "seconds": args.seconds,
                "rate": args.rate,
                "churn_per_second": args.churn,
                "sample_every": args.sample_every,
                "warmup": args.warmup,
                "settle": args.settle,
                "ramp_per_second": args.ramp,
            }
            result = run_client(
                "bench.soak_client", config, timeout=args.seconds + args.settle + 300
            )
    LOGS.mkdir(exist_ok=True)
    (LOGS / "last-soak.json").write_text(json.dumps({"args": vars(args), "result": result}))
    print(summary(result, args))
    print(f"({time.monotonic() - started:.0f} s in all; samples in bench/logs/last-soak.json)")


def summary(result: dict, args: argparse.Namespace) -> str:
    counts, memory = result["counts"], result["memory"]
    drops = counts.get("drops_clean", 0) + counts.get("drops_cut", 0)
    lost = result["missing_receipts"]
    slopes = memory["server_kib_per_minute_second_half_by_process"]
    by_process = ", ".join(f"{slope:+.1f}" for slope in slopes)
    twice = result["stored_messages"] - result["acked"]
    lines = [
        f"### soak: {args.rooms} rooms x {args.members} members on {args.processes} Daphne "
        f"process(es), {args.rate:g} messages/s and {args.churn:g} drops/s for {args.seconds:g} s",
        "",
        "| measure | value |",
        "|---|---|",
        f"| messages posted / acknowledged / unacknowledged at the end | {result['posts']} / "
        f"{result['acked']} / {result['unacked_at_end']} |",
        f"| messages stored in the database (acknowledged + stored twice) | "
        f"{result['stored_messages']} ({twice:+d}) |",
        f"| connections dropped (clean / cut) / connects in all | {drops} "
        f"({counts.get('drops_clean', 0)} / {counts.get('drops_cut', 0)}) / "
        f"{counts.get('connects', 0)} |",
        f"| sends resent after a reconnect | {counts.get('resends', 0)} |",
        f"| receipts expected / missing at the end (lost) | {result['expected_receipts']} / "
        f"{lost} |",
        f"| received live / only through sync | {counts.get('received_live', 0)} / "
        f"{counts.get('received_sync', 0)} |",
        f"| the same message twice live on one socket | {counts.get('duplicates_live', 0)} |",
        f"| syncs started by a pong that was ahead | {counts.get('syncs_after_pong', 0)} |",
        f"| error frames | {errors(counts)} |",
        f"| server RSS after warm-up -> end (max), KiB | {memory['server_rss_kib_first']} -> "
        f"{memory['server_rss_kib_last']} ({memory['server_rss_kib_max']}) |",
        f"| server memory slope over the second half (per process) | "
        f"{memory['server_kib_per_minute_second_half']:+.1f} KiB/min ({by_process}) |",
        f"| Redis used memory after warm-up -> end, KiB | {memory['redis_used_kib_first']} -> "
        f"{memory['redis_used_kib_last']} |",
        f"| presence rows / open sockets at the end | {memory['presence_rows_last']} / "
        f"{memory['open_sockets_last']} |",
        f"| close codes seen | {result['close_codes']} |",
    ]
    verdict = "nothing lost" if lost == 0 and twice == 0 else "LOSS OR DUPLICATES: see above"
    growing = max(slopes, default=0)
    flat = growing < FLAT_KIB_PER_MINUTE
    verdict += "; memory flat" if flat else f"; MEMORY GROWING ({growing:+.0f} KiB/min)"
    lines += ["", f"Verdict: {verdict}."]
    for example in result["missing_examples"]:
        lines.append(f"- missing: {example}")
    return "\n".join(lines)


def errors(counts: dict) -> str:
    found = {k.removeprefix("error "): v for k, v in counts.items() if k.startswith("error ")}
    return ", ".join(f"{code} {n}" for code, n in found.items()) or "0"


if __name__ == "__main__":
    main()
