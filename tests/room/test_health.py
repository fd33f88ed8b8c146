"""/healthz: a real round trip to the database and the channel layer."""

from django.db import OperationalError, connections
from django.test import AsyncClient


async def test_healthz_reports_database_and_channel_layer(transactional_db):
    response = await AsyncClient().get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "channel_layer": "ok"}


def test_healthz_is_503_when_the_database_does_not_answer(db, client):
    def unreachable(execute, sql, params, many, context):
        raise OperationalError("could not connect to server")

    # The view runs its database check in this thread (thread-sensitive), under the wrapper.
    with connections["default"].execute_wrapper(unreachable):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json() == {"database": "unavailable", "channel_layer": "ok"}
