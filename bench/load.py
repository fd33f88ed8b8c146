"""Traffic at a fixed rate and what became of every message.

Each `send` carries its wall-clock send time at the start of its body; every `message` frame
received is one delivery, and its latency is the receive time minus that stamp (client and
servers share this machine's clock). Every member of the room, the sender included, should
receive each acknowledged message exactly once.
"""

import asyncio
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field

from .sockets import Member
from .stats import latency_summary
from .watch import Watched, cpu_used

# The app's posting limits: 10 posts per member per 10 s, and per socket 8 at once then 1/s.
# Round-robin senders stay well inside them below this many messages/s per member.
MAX_RATE_PER_MEMBER = 0.8
# After sending, a delivery missing once nothing has arrived for this long counts as lost.
DRAIN_QUIET = 5.0


@dataclass(eq=False)
class Post:
    phase: "Phase"
    room_size: int
    sent_at: float
    acked: bool = False
    refused: bool = False
    received: int = 0


@dataclass(eq=False)
class Phase:
    rate: float
    posts: list[Post] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    ack_latencies: list[float] = field(default_factory=list)
    errors: Counter[str] = field(default_factory=Counter)
    duplicates: int = 0
    out_of_order: int = 0  # a message with a lower id after a higher one, on one socket
    last_progress: float = 0.0  # monotonic time of the last delivery or ack
    started: float = 0.0  # monotonic time of the first send
    last_delivery: float = 0.0

    def settled(self) -> bool:
        """Every post acknowledged or refused, and every acknowledged one fully delivered."""
        return all(
            (post.acked and post.received >= post.room_size) or post.refused for post in self.posts
        )


class Load:
    def __init__(self, members: list[Member], groupspace: bool) -> None:
        self.groupspace = groupspace
        self.rooms: dict[str, list[Member]] = {}
        for member in members:
            self.rooms.setdefault(member.slug, []).append(member)
        self.slugs = list(self.rooms)
        self.posts: dict[str, Post] = {}
        self.phase = Phase(rate=0)
        self.counter = 0
        self.members = len(members)

    @property
    def rate_cap(self) -> float:
        return MAX_RATE_PER_MEMBER * self.members

    def on_frame(self, member: Member, frame: dict, now: float) -> None:
        kind = frame.get("type")
        if kind == "message":
            message = frame["message"]
            client_id = message.get("client_id")
            post = self.posts.get(client_id)
            if post is None:
                return
            if client_id in member.seen:  # the same message twice on one socket
                post.phase.duplicates += 1
                return
            member.seen.add(client_id)
            message_id = message.get("id") or 0  # the baseline's messages have no id
            if message_id < member.highest_id:
                post.phase.out_of_order += 1
            member.highest_id = max(member.highest_id, message_id)
            post.received += 1
            post.phase.last_progress = post.phase.last_delivery = time.monotonic()
            post.phase.latencies.append(now - float(message["body"].split(" ", 1)[0]))
        elif kind == "ack":
            post = self.posts.get(frame.get("client_id"))
            if post is not None and not post.acked:
                post.acked = True
                post.phase.last_progress = time.monotonic()
                post.phase.ack_latencies.append(now - post.sent_at)
        elif kind == "error":
            post = self.posts.get(frame.get("client_id"))
            (post.phase if post else self.phase).errors[frame.get("code", "?")] += 1
            if post is not None:
                post.refused = True

    def next_sender(self) -> Member:
        """Round-robin over rooms, then over each room's members: posts spread evenly."""
        number = self.counter
        self.counter += 1
        room = self.rooms[self.slugs[number % len(self.slugs)]]
        return room[(number // len(self.slugs)) % len(room)]

    async def send_one(self, phase: Phase) -> None:
        member = self.next_sender()
        client_id = str(uuid.uuid4())
        post = Post(phase, member.room_size, time.time())
        self.posts[client_id] = post
        phase.posts.append(post)
        frame = {
            "type": "send",
            "client_id": client_id,
            "body": f"{post.sent_at:.6f} bench",
            "reply_to": None,
        }
        if not await member.write(frame):
            post.refused = True
            phase.errors["socket closed"] += 1
        elif not self.groupspace:
            post.acked = True  # the bare baseline has no acks: every send is expected

    async def run_phase(self, rate: float, seconds: float, drain: float, watched: Watched) -> dict:
        """Send `rate` messages/s for `seconds`, then wait (at most `drain` s) for the rest."""
        phase = self.phase = Phase(rate=rate)
        meters = watched.start()
        total = round(rate * seconds)
        start = phase.started = time.monotonic()
        sent = 0
        while sent < total:
            due = min(total, 1 + int((time.monotonic() - start) * rate))
            while sent < due:
                await self.send_one(phase)
                sent += 1
            await asyncio.sleep(max(0.0, start + sent / rate - time.monotonic()))
        send_seconds = time.monotonic() - start
        cpu_sending = cpu_used(meters)
        drain_seconds = await self.drain(phase, drain)
        result = self.summary(phase, send_seconds, cpu_sending, cpu_used(meters))
        result["drain_seconds"] = round(drain_seconds, 1)
        return result

    async def drain(self, phase: Phase, longest: float) -> float:
        """Wait for the deliveries still on their way: until every one has arrived, nothing
        has arrived for DRAIN_QUIET s (what is missing then is lost), or `longest` s."""
        started = time.monotonic()
        phase.last_progress = max(phase.last_progress, started)
        while time.monotonic() - started < longest and not phase.settled():
            if time.monotonic() - phase.last_progress > DRAIN_QUIET:
                break
            await asyncio.sleep(0.1)
        return time.monotonic() - started

    def summary(
        self, phase: Phase, send_seconds: float, cpu_sending: dict, cpu_total: dict
    ) -> dict:
        acked = [post for post in phase.posts if post.acked]
        expected = sum(post.room_size for post in acked)
        delivered = sum(min(post.received, post.room_size) for post in acked)
        busy_seconds = phase.last_delivery - phase.started
        result = {
            "rate": phase.rate,
            "sent": len(phase.posts),
            "send_rate": round(len(phase.posts) / send_seconds, 1),
            "acked": len(acked),
            "refused": sum(1 for post in phase.posts if post.refused),
            "unacked": sum(1 for post in phase.posts if not post.acked and not post.refused),
            "errors": dict(phase.errors),
            "expected": expected,
            "delivered": delivered,
            "lost": expected - delivered,
            "duplicates": phase.duplicates,
            "out_of_order": phase.out_of_order,
            # Over the send phase, or until the last delivery when the server fell behind.
            "deliveries_per_second": round(delivered / max(send_seconds, busy_seconds), 1),
            **latency_summary(phase.latencies),
            **latency_summary(phase.ack_latencies, "ack_"),
            "cpu_seconds": {name: round(value, 2) for name, value in cpu_total.items()},
            # Share of one core during the send phase, per process group.
            "cpu_percent": {
                name: round(100 * value / send_seconds, 1) for name, value in cpu_sending.items()
            },
        }
        for name, value in cpu_total.items():
            result[f"{name}_cpu_us_per_delivery"] = round(value * 1e6 / max(1, delivered), 1)
        return result

    def passed(self, result: dict, p99_limit_ms: float) -> bool:
        """Sustained: sent at the asked rate, every message delivered, p99 within the limit."""
        return (
            result["send_rate"] >= 0.95 * result["rate"]
            and result["lost"] == 0
            and result["unacked"] == 0
            and result["refused"] == 0
            and result["duplicates"] == 0
            and result["p99_ms"] <= p99_limit_ms
        )

    async def quiet(self, seconds: float) -> bool:
        """Wait for a backlog (an overloaded step) to clear before the next step."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.phase.settled():
                return True
            await asyncio.sleep(0.2)
        return all(post.acked or post.refused for post in self.phase.posts)

    async def search_max(
        self,
        watched: Watched,
        start_rate: float,
        step_seconds: float,
        drain: float,
        budget: float,
        p99_limit_ms: float,
    ) -> dict:
        """The highest rate that passes, found by growing 1.5x until a failure, then halving
        the gap (to within 10 %), all within `budget` seconds."""
        steps: list[dict] = []
        best: dict | None = None
        passed_rate: float | None = None
        failed_rate: float | None = None
        rate = min(start_rate, self.rate_cap)
        drain = min(drain, 15)  # a step this far behind has failed anyway
        deadline = time.monotonic() + budget
        while time.monotonic() + step_seconds + drain < deadline:
            result = await self.run_phase(rate, step_seconds, drain, watched)
            ok = self.passed(result, p99_limit_ms)
            steps.append(
                {
                    "rate": round(rate, 1),
                    "passed": ok,
                    **{key: result[key] for key in ("p99_ms", "lost", "unacked", "refused")},
                }
            )
            if ok:
                best, passed_rate = result, rate
            else:
                failed_rate = rate if failed_rate is None else min(failed_rate, rate)
            if not await self.quiet(30):
                break  # still behind after 30 s: further steps would measure the backlog
            if failed_rate is None:
                if rate >= self.rate_cap:
                    break
                rate = min(self.rate_cap, rate * 1.5)
            elif passed_rate is None:
                rate = rate / 2
                if rate < 1:
                    break
            elif failed_rate / passed_rate <= 1.1:
                break
            else:
                rate = (passed_rate + failed_rate) / 2
            await asyncio.sleep(2)
        return {
            "max_rate": round(passed_rate, 1) if passed_rate else None,
            "capped_by_posting_limits": passed_rate is not None and passed_rate >= self.rate_cap,
            "at_max": best,
            "steps": steps,
        }
