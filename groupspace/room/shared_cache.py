"""One cache client per process for the room's hot path (posting limits, typing throttles).

`django.core.cache.cache` is context-local (asgiref's Local): every consumer task, and so every
socket, gets a cache object of its own, and with Redis that means a connection pool and a TCP
connection per socket, opened on its first post. One shared client (thread-safe, as redis-py's
pool is) keeps a few connections for the whole process. It reads the same cache settings.
"""

from functools import cache

from django.core.cache import BaseCache, caches


@cache
def shared_cache() -> BaseCache:
    return caches.create_connection("default")
