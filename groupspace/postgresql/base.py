"""Django's PostgreSQL backend with a health check that costs no round trip.

CONN_HEALTH_CHECKS are needed (settings.py): without them a connection that a PostgreSQL
restart ended was used, and failed, again and again. But Django's check is `SELECT 1` before
the first query of every request, and for the room every database call (each post, each ping)
is a request: a round trip on the one thread each process's sockets share (bench/README.md).

An idle connection has nothing to read: PostgreSQL speaks only when asked, except to say
goodbye (a restart, `pg_terminate_backend`, an idle timeout: an error message, then the end of
the stream). So a connection with something to read, or already closed, is not used again.
Django does not LISTEN, so nothing else arrives unasked; a stray notice would cost one
reconnection, never a failed query. A connection cut without a goodbye (a network outage) is
found by neither check until a query fails, and is then closed by Django (errors_occurred).
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
    def is_usable(self) -> bool:
        connection = self.connection
        if connection is None or connection.closed or connection.broken:
            return False
        try:
            readable, _, _ = select.select([connection.fileno()], [], [], 0)
        except (OSError, ValueError):  # the descriptor is gone
            return False
        return not readable
