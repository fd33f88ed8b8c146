"""PostgreSQL seen from outside Django's connections: what a restart does to a connection."""

import time

import psycopg


def admin_session(settings_dict: dict) -> psycopg.Connection:
    """A connection of its own to the database `settings_dict` names, outside Django's."""
    dsn = (
        f"host={settings_dict['HOST'] or '127.0.0.1'} port={settings_dict['PORT'] or 5432} "
        f"user={settings_dict['USER']} dbname={settings_dict['NAME']}"
    )
    return psycopg.connect(dsn, autocommit=True)


def end_backend(settings_dict: dict, pid: int) -> None:
    """End the server process `pid` and wait until it has gone (and said goodbye), as after a
    restart, when the next query comes."""
    with admin_session(settings_dict) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", [pid])
        for _ in range(100):
            alive = admin.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
            if alive.fetchone()[0] == 0:
                return
            time.sleep(0.02)
    raise AssertionError(f"the database server process {pid} did not end")
