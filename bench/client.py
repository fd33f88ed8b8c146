"""The load client: connect every member, send at a fixed rate, measure every delivery.

Run as `python -m bench.client CONFIG.json` (written by bench.run); prints one JSON result.
Each body carries its send time; latency = receive time - send time (same machine clock).
"""

import asyncio
import json
import statistics
import sys
import time
import uuid

from websockets.asyncio.client import connect
from websockets.exceptions import InvalidHandshake


class Member:
    def __init__(self, url: str, cookie: str | None, origin: str):
        self.url, self.cookie, self.origin = url, cookie, origin
        self.socket = None
        self.ready = asyncio.Event()


async def run(config: dict) -> dict:
    kind = config["kind"]  # "groupspace" or "baseline"
    members, rooms = [], {}
    for index, (slug, cookies) in enumerate(config["rooms"].items()):
        port = config["ports"][index % len(config["ports"])]
        origin = f"http://127.0.0.1:{port}"
        rooms[slug] = []
        for cookie in cookies:
            member = Member(f"ws://127.0.0.1:{port}/ws/groups/{slug}/", cookie, origin)
            rooms[slug].append(member)
            members.append(member)

    latencies: list[float] = []
    seen: dict[int, set[str]] = {}
    duplicates = 0
    errors = 0
    acked = 0

    opening = asyncio.Semaphore(50)  # a thousand handshakes at once overflow the listen backlog

    async def open_socket(member: Member):
        headers = {"Cookie": f"sessionid={member.cookie}"} if kind == "groupspace" else {}
        for attempt in range(10):
            try:
                async with opening:
                    return await connect(
                        member.url,
                        additional_headers=headers,
                        origin=member.origin,
                        max_queue=None,
                    )
            except (OSError, EOFError, InvalidHandshake):
                await asyncio.sleep(0.2 * (attempt + 1))
        raise RuntimeError("could not connect")

    async def listen(member: Member, number: int) -> None:
        nonlocal duplicates, errors, acked
        async with await open_socket(member) as socket:
            member.socket = socket
            if kind == "baseline":
                member.ready.set()
            keys = seen.setdefault(number, set())
            async for text in socket:
                now = time.time()
                frame = json.loads(text)
                if kind == "groupspace":
                    if frame["type"] == "hello":
                        member.ready.set()
                        continue
                    if frame["type"] == "ack":
                        acked += 1
                        continue
                    if frame["type"] == "error":
                        errors += 1
                        continue
                    if frame["type"] != "message":
                        continue
                    body = frame["message"]["body"]
                else:
                    body = frame["body"]
                sent_at, key = body.split(" ", 1)
                if key in keys:
                    duplicates += 1
                    continue
                keys.add(key)
                latencies.append(now - float(sent_at))

    tasks = [asyncio.create_task(listen(m, n)) for n, m in enumerate(members)]
    connect_started = time.monotonic()
    await asyncio.wait_for(asyncio.gather(*(m.ready.wait() for m in members)), 120)
    connect_seconds = time.monotonic() - connect_started
    print(json.dumps({"connected": len(members)}), file=sys.stderr, flush=True)
    await asyncio.sleep(float(config.get("settle", 1)))

    rate, duration = config["rate"], config["duration"]
    slugs = list(rooms)
    sent = 0
    start = time.monotonic()
    while (elapsed := time.monotonic() - start) < duration:
        due = int(elapsed * rate)
        while sent < due:
            room = rooms[slugs[sent % len(slugs)]]
            sender = room[(sent // len(slugs)) % len(room)]
            body = f"{time.time():.6f} {uuid.uuid4().hex}"
            if kind == "groupspace":
                frame = {
                    "type": "send",
                    "client_id": str(uuid.uuid4()),
                    "body": body,
                    "reply_to": None,
                }
            else:
                frame = {"body": body}
            await sender.socket.send(json.dumps(frame))
            sent += 1
        await asyncio.sleep(0.002)
    await asyncio.sleep(float(config.get("drain", 3)))
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)

    members_per_room = len(next(iter(rooms.values())))
    expected = sent * members_per_room
    ordered = sorted(latencies)

    def pct(p: float) -> float:
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] * 1000 if ordered else 0.0

    return {
        "kind": kind,
        "connections": len(members),
        "connect_seconds": round(connect_seconds, 2),
        "sent": sent,
        "acked": acked,
        "errors": errors,
        "expected": expected,
        "delivered": len(latencies),
        "lost": expected - len(latencies),
        "duplicates": duplicates,
        "deliveries_per_second": round(len(latencies) / duration, 1),
        "p50_ms": round(pct(0.50), 1),
        "p95_ms": round(pct(0.95), 1),
        "p99_ms": round(pct(0.99), 1),
        "mean_ms": round(statistics.fmean(ordered) * 1000, 1) if ordered else 0.0,
    }


if __name__ == "__main__":
    with open(sys.argv[1]) as handle:
        print(json.dumps(asyncio.run(run(json.load(handle)))))
