"""A member's posting rate in a room, counted in the shared cache (Redis when REDIS_URL is
set), so the limit holds however many sockets and processes the member uses."""

import time

from django.utils.translation import gettext

from .errors import RoomError
from .shared_cache import shared_cache

POSTS_PER_WINDOW = 10
WINDOW_SECONDS = 10


def check_post_rate(group_id: int, user_id: int) -> None:
    """Count one post; RoomError("rate_limited") past POSTS_PER_WINDOW in the current window."""
    window = int(time.time() // WINDOW_SECONDS)
    key = f"posts:{group_id}:{user_id}:{window}"
    cache = shared_cache()
    try:
        count = cache.incr(key)
    except ValueError:  # the window's first post (or its key just expired)
        count = 1 if cache.add(key, 1, timeout=WINDOW_SECONDS * 2) else cache.incr(key)
    if count > POSTS_PER_WINDOW:
        raise RoomError(
            "rate_limited",
            gettext("At most %(count)d messages in %(seconds)d seconds.")
            % {"count": POSTS_PER_WINDOW, "seconds": WINDOW_SECONDS},
        )
