"""PostgreSQL seen from outside Django's connections: what a restart does to a connection, and
who waits for a lock."""

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


def wait_for_a_lock_waiter(settings_dict: dict, seconds: float = 10) -> None:
    """Return once some transaction waits for a lock (another thread's post, say)."""
    deadline = time.monotonic() + seconds
    with admin_session(settings_dict) as admin:
        while not admin.execute("SELECT count(*) FROM pg_locks WHERE NOT granted").fetchone()[0]:
            assert time.monotonic() < deadline, "nobody waited for the lock"
            time.sleep(0.02)
