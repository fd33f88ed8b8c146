"""The soak's client process: `python -m bench.soak_client CONFIG.json`.

Every member behaves like the browser client (static/js/room/connection.js): reconnects with
capped, jittered back-off, resends unacknowledged sends with their client_id, `sync`s after
each `hello` from the highest id up to which it holds everything (set by sync answers, not by
live frames, which can cross), pings every 25 s and syncs when the pong is ahead of that. Meanwhile
steady traffic flows and members are dropped at a constant rate (half with a clean close, half
cut off without one, like a phone losing signal). At the end every member catches up, and the
client checks that each one has every acknowledged message of its room, once.
Server memory is sampled throughout. Prints one JSON result on stdout.
"""

import asyncio
import json
import random
import sys
import time
import uuid
from collections import Counter

import psycopg
from redis.asyncio import Redis
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed, InvalidHandshake

from .client_process import client_main
from .procstats import rss_kib
from .stats import slope_per_minute

PING_EVERY = 25
BACKOFF_FIRST, BACKOFF_MAX = 0.25, 5.0


def progress(text: str) -> None:
    print(f"  [{time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)


class Tally:
    """Counts shared by every member."""

    def __init__(self) -> None:
        self.acked: dict[str, int] = {}  # client_id -> message id
        self.room_of_message: dict[int, str] = {}
        self.counts: Counter[str] = Counter()
        self.close_codes: Counter[str] = Counter()


class SoakMember:
    def __init__(self, slug: str, port: int, cookie: str, tally: Tally):
        self.slug, self.port, self.cookie, self.tally = slug, port, cookie, tally
        self.socket: ClientConnection | None = None
        self.seen: set[int] = set()  # message ids, kept across reconnects
        self.outbox: dict[str, dict] = {}  # sends not acknowledged yet
        self.on_this_socket: set[int] = set()  # ids received live on the current socket
        self.stopping = False
        self.synced = asyncio.Event()
        self.sockets = 0  # connections made so far
        self.log: list[tuple[int, str, int]] = []  # (message id, live or sync, socket number)
        self.synced_to: int | None = None  # not known until the first hello or sync answer
        self.sync_asked = 0

    @property
    def last_id(self) -> int:
        return max(self.seen, default=0)

    @property
    def sync_from(self) -> int:
        """As static/js/room/connection.js: the highest id up to which everything is held
        (set by sync answers only), else the highest seen."""
        return self.last_id if self.synced_to is None else self.synced_to

    async def sync(self) -> None:
        self.sync_asked = self.sync_from
        await self.write({"type": "sync", "after": self.sync_asked})

    @property
    def online(self) -> bool:
        return self.socket is not None

    async def live(self) -> None:
        """Stay connected until told to stop, like the browser client."""
        delay = BACKOFF_FIRST
        while not self.stopping:
            try:
                async with connect(
                    f"ws://127.0.0.1:{self.port}/ws/groups/{self.slug}/",
                    additional_headers={"Cookie": f"sessionid={self.cookie}"},
                    origin=f"http://127.0.0.1:{self.port}",
                    open_timeout=30,
                    ping_interval=None,
                    compression=None,
                    max_queue=None,
                ) as socket:
                    self.socket = socket
                    self.sockets += 1
                    self.on_this_socket = set()
                    self.tally.counts["connects"] += 1
                    pinger = asyncio.create_task(self.ping_forever())
                    try:
                        async for text in socket:
                            delay = BACKOFF_FIRST
                            await self.receive(json.loads(text))
                    finally:
                        pinger.cancel()
            except ConnectionClosed as closed:
                code = closed.rcvd.code if closed.rcvd else 1006
                self.tally.close_codes[str(code)] += 1
            except (OSError, EOFError, TimeoutError, InvalidHandshake) as error:
                # Refused or cut mid-handshake (a full listen backlog): try again later.
                self.tally.close_codes[type(error).__name__] += 1
            self.socket = None
            if self.stopping:
                return
            # Capped exponential back-off with full jitter: a restart brings no stampede.
            await asyncio.sleep(random.uniform(0, delay))  # noqa: S311
            delay = min(delay * 2, BACKOFF_MAX)

    async def ping_forever(self) -> None:
        while True:
            await asyncio.sleep(PING_EVERY)
            await self.write({"type": "ping"})

    async def receive(self, frame: dict) -> None:
        kind = frame["type"]
        if kind == "hello":
            if self.last_id or self.synced_to is not None:
                await self.sync()
            else:  # a fresh client wants nothing older than now, as the page's first history
                self.synced_to = frame.get("last_message_id") or 0
                self.synced.set()
            for pending in list(self.outbox.values()):
                self.tally.counts["resends"] += 1
                await self.write(pending)
        elif kind == "message":
            message_id = frame["message"]["id"]
            if message_id in self.on_this_socket:
                self.tally.counts["duplicates_live"] += 1  # twice on one socket, both live
            self.on_this_socket.add(message_id)
            self.keep(message_id, "live")
        elif kind == "sync":
            for message in frame["messages"]:
                self.keep(message["id"], "sync")
                self.synced_to = max(self.synced_to or 0, message["id"])
            if not frame["messages"]:
                self.synced_to = max(self.synced_to or 0, self.sync_asked)
            if frame["has_more"]:
                await self.sync()
            else:
                self.synced.set()
        elif kind == "ack":
            self.outbox.pop(frame["client_id"], None)
            message = frame["message"]
            self.tally.acked[frame["client_id"]] = message["id"]
            self.tally.room_of_message[message["id"]] = self.slug
        elif kind == "pong":
            if (frame.get("last_message_id") or 0) > self.sync_from:
                self.tally.counts["syncs_after_pong"] += 1
                await self.sync()
        elif kind == "error":
            self.tally.counts[f"error {frame.get('code')}"] += 1
            pending = self.outbox.get(frame.get("client_id") or "")
            if pending is not None:  # nothing stored (rate limit, database away): try again
                asyncio.get_running_loop().call_later(
                    1, lambda: asyncio.ensure_future(self.write(pending))
                )

    def keep(self, message_id: int, how: str) -> None:
        if message_id in self.seen:
            self.tally.counts[f"already_seen_via_{how}"] += 1  # de-duplicated by id
            return
        self.seen.add(message_id)
        self.log.append((message_id, how, self.sockets))
        self.tally.counts[f"received_{how}"] += 1

    def explain_missing(self, message_id: int) -> dict:
        """Why a message may be missing: what this member had seen, on which socket."""
        later = [entry for entry in self.log if entry[0] > message_id]
        return {
            "room": self.slug,
            "missing_id": message_id,
            "last_id": self.last_id,
            "first_later_id_seen": later[0] if later else None,
            "sockets_opened": self.sockets,
        }

    async def write(self, frame: dict) -> None:
        if self.socket is not None:
            try:
                await self.socket.send(json.dumps(frame))
            except ConnectionClosed:
                pass

    async def post(self) -> None:
        """Send one message, or queue it while offline (sent after the next hello)."""
        frame = {
            "type": "send",
            "client_id": str(uuid.uuid4()),
            "body": f"soak {time.time():.3f}",
            "reply_to": None,
        }
        self.outbox[frame["client_id"]] = frame
        self.tally.counts["posts"] += 1
        await self.write(frame)

    def drop(self) -> None:
        """Lose the connection: a clean close half the time, a cut without a goodbye else."""
        if self.socket is None:
            return
        if random.random() < 0.5:  # noqa: S311
            self.tally.counts["drops_clean"] += 1
            asyncio.ensure_future(self.socket.close())
        else:
            self.tally.counts["drops_cut"] += 1
            self.socket.transport.abort()


class Sampler:
    """Server memory, Redis memory and presence rows every few seconds."""

    def __init__(self, config: dict):
        self.pids = config["servers"]
        self.redis = Redis.from_url(config["redis_url"])
        self.database_url = config["database_url"]
        self.samples: list[dict] = []
        self.started = time.monotonic()

    async def sample(self, open_sockets: int) -> dict:
        memory = await self.redis.info("memory")
        rows = await asyncio.to_thread(self._presence_rows)
        sample = {
            "t": round(time.monotonic() - self.started, 1),
            "server_rss_kib": [rss_kib(pid) for pid in self.pids],
            "redis_used_kib": memory["used_memory"] // 1024,
            "presence_rows": rows,
            "open_sockets": open_sockets,
        }
        self.samples.append(sample)
        return sample

    def _presence_rows(self) -> int:
        with psycopg.connect(self.database_url) as connection:
            return connection.execute("SELECT count(*) FROM room_roomconnection").fetchone()[0]

    def growth(self, warmup: float) -> dict:
        """From the first sample after `warmup` s to the last; slope over the second half."""
        after = [s for s in self.samples if s["t"] >= warmup] or self.samples
        half = after[len(after) // 2 :]

        def total(s: dict) -> int:
            return sum(s["server_rss_kib"])

        return {
            "server_rss_kib_first": total(after[0]),
            "server_rss_kib_last": total(after[-1]),
            "server_rss_kib_max": max(total(s) for s in after),
            "server_growth_kib": total(after[-1]) - total(after[0]),
            "server_kib_per_minute_second_half": round(
                slope_per_minute([(s["t"], total(s)) for s in half]), 1
            ),
            # Per process too: one growing process hides in the total.
            "server_kib_per_minute_second_half_by_process": [
                round(slope_per_minute([(s["t"], s["server_rss_kib"][i]) for s in half]), 1)
                for i in range(len(self.pids))
            ],
            "redis_used_kib_first": after[0]["redis_used_kib"],
            "redis_used_kib_last": after[-1]["redis_used_kib"],
            "presence_rows_last": after[-1]["presence_rows"],
            "open_sockets_last": after[-1]["open_sockets"],
        }


async def run(config: dict) -> dict:
    tally = Tally()
    members = [
        SoakMember(slug, config["ports"][n % len(config["ports"])], cookie, tally)
        for n, (slug, cookie) in enumerate(
            (slug, cookie) for slug, cookies in config["rooms"].items() for cookie in cookies
        )
    ]
    sampler = Sampler(config)
    lives = []
    for member in members:  # a gentle ramp: connecting is the server's costliest frame
        lives.append(asyncio.create_task(member.live()))
        await asyncio.sleep(1 / config["ramp_per_second"])
    # Daphne opens GroupSpace sockets at a few dozen a second on a busy machine.
    ready = asyncio.gather(*(m.synced.wait() for m in members))
    try:
        await asyncio.wait_for(ready, 120 + len(members) / 10)
    except TimeoutError:
        raise SystemExit(f"only {sum(m.synced.is_set() for m in members)} members ready") from None
    progress(f"{len(members)} members online; soaking for {config['seconds']:g} s")

    start = time.monotonic()
    end = start + config["seconds"]
    next_post = next_drop = next_sample = start
    sent = 0
    while (now := time.monotonic()) < end:
        if now >= next_post:
            await members[sent % len(members)].post()
            sent += 1
            next_post = start + sent / config["rate"]
        if now >= next_drop:
            online = [m for m in members if m.online]
            if online:
                random.choice(online).drop()  # noqa: S311
            next_drop += 1 / config["churn_per_second"]
        if now >= next_sample:
            sample = await sampler.sample(sum(1 for m in members if m.online))
            progress(
                f"t={sample['t']:.0f}s rss={sample['server_rss_kib']} KiB "
                f"redis={sample['redis_used_kib']} KiB rows={sample['presence_rows']} "
                f"acked={len(tally.acked)} posts={tally.counts['posts']}"
            )
            next_sample += config["sample_every"]
        await asyncio.sleep(max(0.0, min(next_post, next_drop, next_sample) - time.monotonic()))

    # Churn stops; everyone must come back, get their sends acknowledged and catch up.
    progress("churn stopped: waiting for everyone to reconnect, resend and catch up")
    settle_deadline = time.monotonic() + config["settle"]
    while time.monotonic() < settle_deadline:
        if all(m.online for m in members) and not any(m.outbox for m in members):
            break
        await asyncio.sleep(0.5)
    expected: dict[str, set[int]] = {}
    for message_id, slug in tally.room_of_message.items():
        expected.setdefault(slug, set()).add(message_id)
    for member in members:
        member.synced.clear()
        await member.sync()  # as the client would: from what it holds whole
    while time.monotonic() < settle_deadline + 30:
        if all(expected.get(m.slug, set()) <= m.seen for m in members):
            break
        await asyncio.sleep(0.5)
    await asyncio.sleep(5)  # presence rows and memory after the dust settles
    await sampler.sample(sum(1 for m in members if m.online))

    missing = sum(len(expected.get(m.slug, set()) - m.seen) for m in members)
    examples = [
        member.explain_missing(message_id)
        for member in members
        for message_id in sorted(expected.get(member.slug, set()) - member.seen)
    ][:10]
    for member in members:
        member.stopping = True
        if member.socket is not None:
            await member.socket.close()
    await asyncio.gather(*lives, return_exceptions=True)
    await sampler.redis.aclose()
    return {
        "members": len(members),
        "seconds": config["seconds"],
        "posts": tally.counts["posts"],
        "acked": len(tally.acked),
        "unacked_at_end": sum(len(m.outbox) for m in members),
        "expected_receipts": sum(len(expected.get(m.slug, set())) for m in members),
        "missing_receipts": missing,
        "missing_examples": examples,
        "stored_messages": stored_messages(config["database_url"]),
        "counts": dict(tally.counts),
        "close_codes": dict(tally.close_codes),
        "memory": sampler.growth(config["warmup"]),
        "samples": sampler.samples,
    }


def stored_messages(database_url: str) -> int:
    with psycopg.connect(database_url) as connection:
        return connection.execute("SELECT count(*) FROM room_message").fetchone()[0]


if __name__ == "__main__":
    client_main(run)
