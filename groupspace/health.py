"""/healthz for a load balancer: a real round trip to the database and the channel layer."""

import asyncio
import logging

from channels.layers import get_channel_layer
from django.db import DatabaseError, connection
from django.http import JsonResponse

log = logging.getLogger(__name__)
LAYER_TIMEOUT_SECONDS = 2


async def healthz(request):
    """200 with each dependency "ok", or 503 naming the one that failed. No secrets, no data."""
    checks = {"database": await _check_database(), "channel_layer": await _check_channel_layer()}
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(checks, status=200 if healthy else 503)


async def _check_database() -> str:
    from asgiref.sync import sync_to_async

    def select_one() -> None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()

    try:
        await sync_to_async(select_one)()
    except DatabaseError:
        log.warning("health check: database unavailable", exc_info=True)
        return "unavailable"
    return "ok"


async def _check_channel_layer() -> str:
    layer = get_channel_layer()
    try:
        async with asyncio.timeout(LAYER_TIMEOUT_SECONDS):
            # The default prefix, as the room hub's channel: channels-redis pops one key per
            # prefix under one lock per process, so another prefix could wait out the hub's
            # 5-s blocking pop.
            channel = await layer.new_channel()
            await layer.send(channel, {"type": "health.ping"})
            answer = await layer.receive(channel)
    except Exception:  # noqa: BLE001 (any failure of the layer means "unavailable")
        log.warning("health check: channel layer unavailable", exc_info=True)
        return "unavailable"
    return "ok" if answer.get("type") == "health.ping" else "unavailable"
