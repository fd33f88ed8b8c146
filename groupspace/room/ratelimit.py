"""A member's posting rate in a room, counted in the shared cache (Redis when REDIS_URL is
set), so the limit holds however many sockets and processes the member uses."""

import logging
import time

from django.utils.translation import gettext

from .errors import RoomError
from .shared_cache import Unavailable, count_in_window, uncount_in_window

log = logging.getLogger(__name__)

POSTS_PER_WINDOW = 10
WINDOW_SECONDS = 10


def check_post_rate(group_id: int, user_id: int) -> str | None:
    """Count one post; RoomError("rate_limited") past POSTS_PER_WINDOW in the current window.
    Returns the counter's key, for `uncount_post` if the post turns out to be a resend.

    With the counters unreachable (Redis down) the post is allowed: someone reaching out on a
    bad night must not be refused for that, and each socket's own bucket still limits floods.
    """
    key = f"posts:{group_id}:{user_id}:{int(time.time() // WINDOW_SECONDS)}"
    try:
        count = count_in_window(key, WINDOW_SECONDS * 2)
    except Unavailable:
        log.warning("posting limits unavailable (the cache's Redis); post allowed")
        return None
    if count > POSTS_PER_WINDOW:
        raise RoomError(
            "rate_limited",
            gettext("At most %(count)d messages in %(seconds)d seconds.")
            % {"count": POSTS_PER_WINDOW, "seconds": WINDOW_SECONDS},
        )
    return key


def uncount_post(key: str | None) -> None:
    """Give back a post counted by `check_post_rate` (a resend is answered, not counted)."""
    if key is None:
        return
    try:
        uncount_in_window(key)
    except Unavailable:
        log.warning("posting limits unavailable (the cache's Redis); resend left counted")
