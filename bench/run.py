"""`make bench`: GroupSpace against a bare Channels baseline, same server, layer and load.

Environment (defaults fit this shared 2-core machine in a few minutes):
BENCH_ROOMS=100 BENCH_MEMBERS=12 BENCH_RATE=50 (messages/s in all) BENCH_SECONDS=20
BENCH_PROCESSES=1 (Daphne processes for GroupSpace; the baseline uses the same number)
BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/groupspace_bench (dropped and recreated)
BENCH_REDIS_URL=redis://127.0.0.1:6379/0 (keys under a prefix of this run's own)
Everything runs on 127.0.0.1; every process started here is stopped here.
"""

import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import psycopg

from tests.ports import free_port, wait_until_listening

ROOT = Path(__file__).resolve().parents[1]
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def setting(name: str, default: str) -> str:
    return os.environ.get(name, default)


def recreate_database(url: str) -> None:
    base, name = url.rsplit("/", 1)
    with psycopg.connect(base + "/postgres", autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


def start_daphnes(count: int, env: dict, app: str) -> list[tuple[subprocess.Popen, int]]:
    servers = []
    for _ in range(count):
        port = free_port()
        process = subprocess.Popen(
            [sys.executable, "-m", "daphne", "-b", "127.0.0.1", "-p", str(port), app],
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_until_listening(port, 60):
            process.kill()
            raise RuntimeError("daphne did not start")
        servers.append((process, port))
    return servers


def stop(servers) -> None:
    for process, _ in servers:
        process.send_signal(signal.SIGTERM)
    for process, _ in servers:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime + stime


def measure(kind: str, servers, rooms: dict, rate: float, seconds: float) -> dict:
    """Run the load client against `servers`; add server memory and CPU to its result."""
    pids = [process.pid for process, _ in servers]
    config = {
        "kind": kind,
        "rooms": rooms,
        "ports": [port for _, port in servers],
        "rate": rate,
        "duration": seconds,
    }
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as handle:
        json.dump(config, handle)
    rss_before = sum(rss_kib(pid) for pid in pids)
    client = subprocess.Popen(
        [sys.executable, "-m", "bench.client", handle.name],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    client.stderr.readline()  # {"connected": n}: the send phase starts now
    rss_connected = sum(rss_kib(pid) for pid in pids)
    cpu_before = sum(cpu_seconds(pid) for pid in pids)
    out, err = client.communicate(timeout=seconds + 300)
    cpu_used = sum(cpu_seconds(pid) for pid in pids) - cpu_before
    if client.returncode != 0:
        raise RuntimeError(f"load client failed: {err[-2000:]}")
    result = json.loads(out.strip().splitlines()[-1])
    result["server_kib_per_connection"] = round(
        (rss_connected - rss_before) / max(1, result["connections"]), 1
    )
    result["server_cpu_us_per_delivery"] = round(cpu_used * 1e6 / max(1, result["delivered"]), 1)
    return result


def main() -> None:
    rooms_count = int(setting("BENCH_ROOMS", "100"))
    members = int(setting("BENCH_MEMBERS", "12"))
    rate = float(setting("BENCH_RATE", "50"))
    seconds = float(setting("BENCH_SECONDS", "20"))
    processes = int(setting("BENCH_PROCESSES", "1"))
    database_url = setting(
        "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/groupspace_bench"
    )
    redis_url = setting("BENCH_REDIS_URL", "redis://127.0.0.1:6379/0")
    prefix = f"bench-{os.getpid()}"
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "CHANNEL_LAYER_PREFIX": prefix,
        "DEBUG": "0",
        "SECRET_KEY": "bench-" + "x" * 50,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "LOG_LEVEL": "WARNING",
    }

    print(f"Preparing {rooms_count} rooms x {members} members...", file=sys.stderr)
    recreate_database(database_url)
    manage(env, "migrate", "--noinput")
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        subprocess.run(
            [sys.executable, "-m", "bench.setup_data", str(rooms_count), str(members), handle.name],
            cwd=ROOT,
            env=env,
            check=True,
        )
        rooms = json.loads(Path(handle.name).read_text())["rooms"]

    results = {}
    for kind, app, extra in (
        ("groupspace", "groupspace.asgi:application", {}),
        (
            "baseline",
            "bench.baseline.asgi:application",
            {
                "DJANGO_SETTINGS_MODULE": "bench.baseline.settings",
                "CHANNEL_LAYER_PREFIX": prefix + "-baseline",
            },
        ),
    ):
        print(f"Measuring {kind}...", file=sys.stderr)
        servers = start_daphnes(processes, {**env, **extra}, app)
        try:
            results[kind] = measure(kind, servers, rooms, rate, seconds)
        finally:
            stop(servers)
    print(report(results, rooms_count, members, rate, seconds, processes))


def report(
    results: dict, rooms: int, members: int, rate: float, seconds: float, processes: int
) -> str:
    ours, base = results["groupspace"], results["baseline"]
    rows = [
        ("deliveries per second", "deliveries_per_second"),
        ("latency p50 (ms)", "p50_ms"),
        ("latency p95 (ms)", "p95_ms"),
        ("latency p99 (ms)", "p99_ms"),
        ("lost deliveries", "lost"),
        ("duplicated deliveries", "duplicates"),
        ("refused sends (errors)", "errors"),
        ("server memory per connection (KiB)", "server_kib_per_connection"),
        ("server CPU per delivery (us)", "server_cpu_us_per_delivery"),
        ("seconds to connect everyone", "connect_seconds"),
    ]
    lines = [
        f"{rooms} rooms x {members} members, {rate:g} messages/s for {seconds:g} s, "
        f"{processes} Daphne process(es), RedisChannelLayer",
        "",
        "| measure | GroupSpace | bare baseline | ratio |",
        "|---|---|---|---|",
    ]
    for label, key in rows:
        ratio = f"{ours[key] / base[key]:.2f}" if base[key] else "-"
        lines.append(f"| {label} | {ours[key]} | {base[key]} | {ratio} |")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
