"""The PostgreSQL backend's health check (groupspace/postgresql/base.py): no round trip, and
a connection the server has ended is found before it is used."""

import pytest
from django.db import connection

from tests.postgres_admin import admin_session, end_backend

pytestmark = [
    pytest.mark.services_suite,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs PostgreSQL (the services half of `make test` runs it)",
    ),
]


@pytest.fixture(autouse=True)
def fresh_connection_afterwards():
    """These tests break the connection on purpose: the next test gets a new one."""
    yield
    connection.close()


def backend_pid() -> int:
    connection.ensure_connection()
    return connection.connection.info.backend_pid


def test_a_healthy_idle_connection_is_usable_without_a_query():
    pid = backend_pid()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 'the last statement'")
    assert connection.is_usable()
    with admin_session(connection.settings_dict) as admin:
        last = admin.execute("SELECT query FROM pg_stat_activity WHERE pid = %s", [pid])
        assert last.fetchone()[0] == "SELECT 'the last statement'"  # no SELECT 1 since


def test_a_connection_the_server_ended_is_not_usable_and_is_replaced_before_use():
    pid = backend_pid()
    end_backend(connection.settings_dict, pid)
    assert not connection.is_usable()
    connection.close_if_unusable_or_obsolete()  # what every request and socket action runs
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        assert cursor.fetchone() == (1,)
    assert backend_pid() != pid


def test_a_closed_connection_is_not_usable():
    backend_pid()
    connection.connection.close()
    assert not connection.is_usable()
