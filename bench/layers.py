"""Which channel-layer class a run uses: GroupSpace's own configuration, or the same Redis
hosts and prefix on channels-redis's pub/sub layer (for the layer comparison)."""

import os

LAYERS = ("redis", "pubsub")


def chosen_layer() -> str:
    layer = os.environ.get("BENCH_LAYER", "redis")
    if layer not in LAYERS:
        raise ValueError(f"BENCH_LAYER must be one of {LAYERS}, not {layer!r}")
    return layer


def with_layer(channel_layers: dict, layer: str) -> dict:
    """`channel_layers` as configured by GroupSpace, or its pub/sub twin on the same hosts."""
    if layer == "redis":
        return channel_layers
    config = channel_layers["default"]["CONFIG"]
    return {
        "default": {
            "BACKEND": "channels_redis.pubsub.RedisPubSubChannelLayer",
            # The pub/sub layer has no capacity, expiry or group expiry: hosts and prefix only.
            "CONFIG": {"hosts": config["hosts"], "prefix": config["prefix"]},
        }
    }
