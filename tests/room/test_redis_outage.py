"""Redis stops and starts again under a live room: posts are still stored and acknowledged,
sockets stay open, clients catch up with `sync`, and live delivery comes back by itself.

The Redis here is the test's own process on a port of its own, never the machine's service.
"""

import shutil
import subprocess
import time

import pytest
from channels.layers import DEFAULT_CHANNEL_LAYER, channel_layers
from django.test import override_settings

from groupspace.room import shared_cache
from tests.ports import free_port, redis_server_command, wait_until_listening

from .test_messages import send_frame

pytestmark = pytest.mark.skipif(
    shutil.which("redis-server") is None,
    reason="redis-server is not installed (.ci/run installs it)",
)


class OwnRedis:
    """A redis-server this test starts and stops by its own pid."""

    def __init__(self, tmp_path):
        self.port = free_port()
        self.dir = tmp_path
        self.process = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            redis_server_command(self.port, "--dir", str(self.dir)),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_until_listening(self.port, seconds=10):
            raise RuntimeError("the test's redis-server did not start")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"


@pytest.fixture
def own_redis(tmp_path):
    redis = OwnRedis(tmp_path)
    redis.start()
    layers = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [
                    {"address": redis.url, "socket_timeout": 15, "socket_connect_timeout": 1}
                ],
            },
        }
    }
    # The cache (posting limits, typing throttles) lives in the same Redis, as in production.
    caches = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": redis.url,
            "OPTIONS": {"socket_timeout": 2, "socket_connect_timeout": 1},
        }
    }
    with override_settings(CHANNEL_LAYERS=layers, CACHES=caches):
        channel_layers.backends.pop(DEFAULT_CHANNEL_LAYER, None)
        shared_cache.reset()
        yield redis
    if redis.process.poll() is None:
        redis.stop()
    channel_layers.backends.pop(DEFAULT_CHANNEL_LAYER, None)
    shared_cache.reset()


async def test_posts_survive_a_redis_outage_and_live_delivery_resumes(
    own_redis, open_socket, alice, bob, evening
):
    alice_socket = await open_socket(alice)
    bob_socket = await open_socket(bob)
    await alice_socket.send(send_frame("before the outage"))
    await alice_socket.receive_type("ack")
    assert (await bob_socket.receive_type("message"))["message"]["body"] == "before the outage"

    own_redis.stop()  # the channel layer and the cache's counters both gone
    await alice_socket.send({"type": "typing"})  # throttled in Redis: skipped, not a crash
    await alice_socket.send(send_frame("during the outage"))
    ack = await alice_socket.receive_type("ack", timeout=15, skip={"message"})
    during = ack["message"]["id"]
    # Bob's socket is still open: his ping is answered, shows he is behind, and sync catches up.
    await bob_socket.send({"type": "ping"})
    assert (await bob_socket.receive_type("pong", timeout=15))["last_message_id"] == during
    await bob_socket.send({"type": "sync", "after": during - 1})
    synced = (await bob_socket.receive_type("sync"))["messages"]
    assert [m["body"] for m in synced] == ["during the outage"]

    own_redis.start()  # empty: it forgot every group
    await bob_socket.send({"type": "ping"})  # as the client does every 25 s
    await bob_socket.receive_type("pong")
    # Live delivery comes back by itself once the sockets have re-joined (they retry within
    # a few seconds); until then a message may only be reachable by sync, as designed.
    deadline = time.monotonic() + 30
    while True:
        await alice_socket.send(send_frame(f"after the outage {time.monotonic()}"))
        body = (await alice_socket.receive_type("ack", timeout=15, skip={"message"}))["message"][
            "body"
        ]
        # receive_nothing, not a timed-out receive: a receive timeout cancels the consumer.
        if await bob_socket.communicator.receive_nothing(timeout=2):
            assert time.monotonic() < deadline, "live delivery did not resume within 30 s"
            continue
        live = await bob_socket.receive_type("message")
        assert live["message"]["body"] == body
        break
