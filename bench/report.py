"""Markdown tables: GroupSpace's figures beside the bare baseline's, with their ratio."""

from collections.abc import Callable

Value = float | int | str | None
Row = tuple[str, Callable[[dict], Value]]


def _cell(value: Value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:,.1f}" if abs(value) < 1000 else f"{value:,.0f}"
    return f"{value:,}" if isinstance(value, int) else str(value)


def _ratio(ours: Value, base: Value) -> str:
    numbers = (int, float)
    if isinstance(ours, numbers) and isinstance(base, numbers) and base:
        return f"{ours / base:.2f}x"
    return "-"


def table(rows: list[Row], results: dict[str, dict]) -> str:
    ours, base = results.get("groupspace"), results.get("baseline")
    lines = [
        "| measure | GroupSpace | bare baseline | GroupSpace / baseline |",
        "|---|---|---|---|",
    ]
    for label, get in rows:
        a = get(ours) if ours else None
        b = get(base) if base else None
        lines.append(f"| {label} | {_cell(a)} | {_cell(b)} | {_ratio(a, b)} |")
    return "\n".join(lines)


# --- fixed rate -------------------------------------------------------------------------


def _fixed(key: str) -> Callable[[dict], Value]:
    return lambda result: result["fixed"].get(key)


def _fixed_cpu(who: str) -> Callable[[dict], Value]:
    return lambda result: result["fixed"]["cpu_percent"].get(who)


def _sent(result: dict) -> str:
    return f"{result['fixed']['sent']} ({result['fixed']['send_rate']})"


def _unacked(result: dict) -> str:
    return f"{result['fixed']['unacked']} / {result['fixed']['refused']}"


def _errors(result: dict) -> str:
    errors = result["fixed"]["errors"]
    return ", ".join(f"{code} {n}" for code, n in errors.items()) or "0"


def _pinging(result: dict) -> str:
    return "yes" if result.get("traffic_pings") else "no"


PINGING_ROW: Row = ("sockets also pinging every 25 s, as browsers do", _pinging)

FIXED_ROWS: list[Row] = [
    ("sockets open", lambda r: r["connected"]),
    PINGING_ROW,
    ("messages sent (achieved rate, /s)", _sent),
    ("deliveries per second", _fixed("deliveries_per_second")),
    ("latency p50 (ms)", _fixed("p50_ms")),
    ("latency p95 (ms)", _fixed("p95_ms")),
    ("latency p99 (ms)", _fixed("p99_ms")),
    ("latency max (ms)", _fixed("max_ms")),
    ("ack p99: send to stored and acknowledged (ms)", lambda r: r["fixed"]["ack_p99_ms"] or None),
    ("waited for late deliveries after sending (s)", _fixed("drain_seconds")),
    ("lost deliveries (never arrived)", _fixed("lost")),
    ("duplicated deliveries", _fixed("duplicates")),
    ("deliveries after a higher id on the same socket", _fixed("out_of_order")),
    ("sends unacknowledged / refused", _unacked),
    ("error frames", _errors),
    ("server memory per connection (KiB)", lambda r: r["server_kib_per_connection"]),
    ("server CPU while sending (% of a core)", _fixed_cpu("server")),
    ("server CPU per delivery (us)", _fixed("server_cpu_us_per_delivery")),
    ("Redis CPU per delivery (us)", _fixed("redis_cpu_us_per_delivery")),
    ("PostgreSQL CPU per delivery (us)", _fixed("postgres_cpu_us_per_delivery")),
    ("load client CPU while sending (% of a core)", _fixed_cpu("client")),
    ("sockets connected per second", lambda r: r["connects_per_second"]),
]


# --- highest sustained rate -----------------------------------------------------------


def _at_max(key: str) -> Callable[[dict], Value]:
    return lambda result: (result["max"]["at_max"] or {}).get(key)


def _at_max_cpu(who: str) -> Callable[[dict], Value]:
    return lambda result: (result["max"]["at_max"] or {}).get("cpu_percent", {}).get(who)


def _steps(result: dict) -> str:
    """Each step as `rate: p99 ms/lost`, a failed one marked with x."""
    return "; ".join(
        f"{step['rate']:g}: {step['p99_ms']:g}/{step['lost']}{'' if step['passed'] else ' x'}"
        for step in result["max"]["steps"]
    )


MAX_ROWS: list[Row] = [
    ("highest sustained rate (messages/s)", lambda r: _max_rate(r)),
    PINGING_ROW,
    ("deliveries per second at it", _at_max("deliveries_per_second")),
    ("latency p50 / p99 at it (ms)", lambda r: _pair(r, "p50_ms", "p99_ms")),
    ("server CPU at it (% of a core)", _at_max_cpu("server")),
    ("server CPU per delivery at it (us)", _at_max("server_cpu_us_per_delivery")),
    ("load client CPU at it (% of a core)", _at_max_cpu("client")),
    ("steps (rate: p99 ms/lost, x = failed)", _steps),
]


def _max_rate(result: dict) -> Value:
    """The rate found; marked when the app's posting limits, not the server, stopped it."""
    found = result["max"]["max_rate"]
    if found is not None and result["max"]["capped_by_posting_limits"]:
        return f"{found} (the posting limits' cap)"
    return found


def _pair(result: dict, first: str, second: str) -> str | None:
    at_max = result["max"]["at_max"]
    return f"{at_max[first]} / {at_max[second]}" if at_max else None


# --- idle sockets -----------------------------------------------------------------------


def _idle(key: str) -> Callable[[dict], Value]:
    return lambda result: result["idle"].get(key)


def _asked(result: dict) -> str:
    return f"{result['connections']} / {result['connected']}"


def _connect_time(result: dict) -> str:
    return f"{result['connect_seconds']} ({result['connects_per_second']}/s)"


def _pings(result: dict) -> str | None:
    idle = result["idle"]
    if "pongs" not in idle:
        return None
    return (
        f"{idle['pongs']} of {idle['pings_sent']}, "
        f"p50 {idle['pong_p50_ms']} ms, p99 {idle['pong_p99_ms']} ms"
    )


IDLE_ROWS: list[Row] = [
    ("sockets asked / open after connecting", _asked),
    ("seconds to connect them (rate)", _connect_time),
    ("server memory per socket (KiB)", lambda r: r["server_kib_per_connection"]),
    ("server RSS with all connected (MiB)", lambda r: round(r["server_rss_kib_connected"] / 1024)),
    ("held without a frame for (s)", _idle("held_seconds")),
    ("closed by the server while idle", _idle("closed_while_idle")),
    ("server CPU while idle (% of a core)", lambda r: r["idle"]["cpu_percent"]["server"]),
    ("one app ping per socket within 25 s: pongs", _pings),
    (
        "server CPU during that ping round (% of a core)",
        lambda r: r["idle"].get("ping_cpu_percent", {}).get("server"),
    ),
]

ROWS = {"fixed": FIXED_ROWS, "max": MAX_ROWS, "idle": IDLE_ROWS}


def section(mode: str, heading: str, results: dict[str, dict]) -> str:
    return f"### {heading}\n\n{table(ROWS[mode], results)}\n"
