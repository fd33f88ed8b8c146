"""The room's counters and throttles (posting limits, typing), shared by every socket and
process: in Redis when the cache is Redis, in the process's memory otherwise.

One client per process: `django.core.cache.cache` is context-local (asgiref's Local), so every
consumer task, and so every socket, would get a cache object, a connection pool and a TCP
connection of its own. On Redis a count is one round trip, not Django's `incr` (two), since
each is made in the one database thread every socket of the process shares.

Redis being down must not crash a socket: callers decide what an unavailable cache means.
"""

from functools import cache

import redis
from django.conf import settings
from django.core.cache import BaseCache, caches

Unavailable = redis.RedisError  # what these raise when the cache's Redis does not answer


@cache
def shared_cache() -> BaseCache:
    return caches.create_connection("default")


@cache
def _redis() -> redis.Redis | None:
    """A client on the cache's Redis; None when the cache is not Redis."""
    config = settings.CACHES["default"]
    if not config["BACKEND"].endswith(".RedisCache"):
        return None
    return redis.Redis.from_url(config["LOCATION"], socket_timeout=2, socket_connect_timeout=2)


def count_in_window(key: str, seconds: int) -> int:
    """Add one to the counter `key`, which lives `seconds` from its first count; the new
    count."""
    client = _redis()
    if client is None:
        store = shared_cache()
        try:
            return store.incr(key)
        except ValueError:  # the first count (or the key just expired)
            return 1 if store.add(key, 1, timeout=seconds) else store.incr(key)
    full_key = shared_cache().make_key(key)
    with client.pipeline() as pipe:  # one round trip: create with its expiry if new, count
        pipe.set(full_key, 0, ex=seconds, nx=True)
        pipe.incr(full_key)
        return pipe.execute()[1]


def uncount_in_window(key: str) -> None:
    """Take one from the counter `key` if it is still there (it keeps its expiry)."""
    client = _redis()
    if client is None:
        try:
            shared_cache().decr(key)
        except ValueError:  # expired meanwhile: nothing to give back
            pass
        return
    # One round trip; a counter that expired meanwhile is not brought back as -1 forever.
    client.eval(_DECR_IF_PRESENT, 1, shared_cache().make_key(key))


_DECR_IF_PRESENT = "if redis.call('exists', KEYS[1]) == 1 then redis.call('decr', KEYS[1]) end"


def first_in_window(key: str, seconds: int) -> bool:
    """True once per `seconds` for `key` (a throttle)."""
    client = _redis()
    if client is None:
        return shared_cache().add(key, 1, timeout=seconds)
    return bool(client.set(shared_cache().make_key(key), 1, ex=seconds, nx=True))


def reset() -> None:
    """Forget the clients (tests that point the cache at another Redis)."""
    shared_cache.cache_clear()
    _redis.cache_clear()
